import { Agent, IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A bare HTTP client for fuzzing. supertest would re-encode paths and refuse odd header values;
 * this one sends the request line and headers as given (Node writes them as latin1, so
 * characters U+0080..U+00FF arrive as single raw bytes) and the body as raw bytes.
 */

export interface RawRequest {
  method: string;
  /** Path and query exactly as they go on the request line (already percent-encoded). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  ms: number;
}

export class RawClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });

  private constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly server: Server | null,
  ) {}

  /** Listens on an ephemeral local port (when not listening already) and returns a client for it. */
  static async for(server: Server): Promise<RawClient> {
    if (server.listening) {
      const { port } = server.address() as AddressInfo;
      return new RawClient('127.0.0.1', port, null);
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new RawClient('127.0.0.1', port, server);
  }

  send(req: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
    const started = performance.now();
    return new Promise<RawResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(req.body.length);
      const outgoing = httpRequest(
        { host: this.host, port: this.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => {
          if (res.statusCode === 200 && /^text\/event-stream/.test(String(res.headers['content-type']))) {
            // An event stream stays open: its head is the answer.
            res.destroy();
            resolve({ status: 200, headers: res.headers, body: Buffer.alloc(0), text: '', ms: performance.now() - started });
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8'), ms: performance.now() - started });
          });
        },
      );
      let answered = false;
      outgoing.on('response', () => (answered = true));
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no response within ${timeoutMs} ms`)));
      outgoing.on('error', (err) => {
        if (answered) return;
        setTimeout(() => (answered ? undefined : reject(err)), 100);
      });
      // The server may answer (413) and close before the whole body is written; the response
      // still arrives, so a write error alone is not a failure.
      outgoing.end(req.body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
