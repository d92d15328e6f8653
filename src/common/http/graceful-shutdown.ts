import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/**
 * Emitted on the HTTP server when draining starts: long-lived responses (live event streams)
 * end themselves then, instead of holding the drain until its grace runs out.
 */
export const DRAINING_EVENT = 'parley:draining';

export interface ShutdownOptions {
  /** How long in-flight requests may run before their connections are cut. */
  graceMs: number;
}

/**
 * Stops the service without losing a request it has accepted: first the listener closes (new
 * connections are refused, idle keep-alive connections are dropped), then in-flight requests run
 * to completion — up to graceMs — and only then does Nest run its shutdown hooks, which close the
 * database pool. Nest's own close() would close the pool first and fail those requests.
 */
export async function drainAndClose(app: INestApplication, options: ShutdownOptions): Promise<{ forced: boolean }> {
  const server = app.getHttpServer() as Server;
  let forced = false;
  if (server.listening) {
    server.emit(DRAINING_EVENT);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections that finish their request become idle; drop them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    let grace: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (grace = setTimeout(() => resolve('timeout'), options.graceMs)));
    server.closeIdleConnections();
    const outcome = await Promise.race([closed, deadline]);
    clearTimeout(grace);
    if (outcome === 'timeout') {
      forced = true;
      server.closeAllConnections();
      await closed;
    }
    clearInterval(sweep);
  }
  await app.close();
  return { forced };
}
