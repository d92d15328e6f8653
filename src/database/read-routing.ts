import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Which database a request's reads may use, decided once per request (readRoutingMiddleware) and
 * read by PrismaService.forRead(), the single place a hot read repository gets its client from.
 *
 * - Only GET and HEAD may read a replica: a write request reads what it just wrote, on the primary.
 * - A request that carries a recent write mark reads the primary (read-your-writes).
 * - Everything else (anonymous pages, signed-in reads with no recent write, moderation counts)
 *   may read a healthy replica; work outside any request (jobs, the outbox relay) reads the primary.
 *
 * The write mark is stateless so that any instance can honour it: a successful write by a signed-in
 * request answers `Parley-Wrote-At: <epoch ms>`, and the client sends that value back as a request
 * header for the next READ_YOUR_WRITES_MS. A header rather than a cookie because Parley's clients
 * authenticate with a bearer token and call cross-origin without cookies (web/shared/api.ts).
 * The mark is not signed: a client that fakes it only sends its own reads to the primary, and it
 * is honoured only beside an Authorization header, so anonymous traffic cannot pin the primary.
 */

export const WROTE_AT_HEADER = 'parley-wrote-at';

export interface ReadContext {
  replicaAllowed: boolean;
  /** The replica this request reads, once chosen: every statement of one page sees one snapshot source. */
  pinned?: unknown;
}

const context = new AsyncLocalStorage<ReadContext>();

/** The current request's routing, or undefined outside a request (jobs, relays, CLIs: primary). */
export function readContext(): ReadContext | undefined {
  return context.getStore();
}

const SAFE = new Set(['GET', 'HEAD']);

/** The rule above, as a pure function of the request (exported for its unit test). */
export function mayReadReplica(method: string | undefined, authorization: string | undefined, wroteAt: string | undefined, windowMs: number, now: number): boolean {
  if (!SAFE.has(method ?? '')) return false;
  if (!authorization || wroteAt === undefined) return true;
  const at = Number(wroteAt);
  // A mark from the future (clock skew between instances, or made up) counts as "just now".
  return !Number.isFinite(at) || now - at >= windowMs;
}

type Next = (err?: unknown) => void;

export function readRoutingMiddleware(windowMs: number) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const mark = req.headers[WROTE_AT_HEADER];
    const allowed = mayReadReplica(req.method, req.headers.authorization, Array.isArray(mark) ? mark[0] : mark, windowMs, Date.now());
    if (!SAFE.has(req.method ?? '') && req.headers.authorization) {
      // Stamped as the answer goes out, after the write committed; only a success is a write.
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      res.writeHead = ((status: number, ...rest: unknown[]) => {
        if (status < 400 && !res.headersSent) res.setHeader('Parley-Wrote-At', String(Date.now()));
        return writeHead(status, ...rest);
      }) as ServerResponse['writeHead'];
    }
    context.run({ replicaAllowed: allowed }, () => next());
  };
}
