/**
 * Classifies errors raised by Prisma or pg: is the database unreachable (worth a retry), was the
 * statement cancelled. What each class means to an HTTP client is the errors layer's business
 * (common/errors/database-errors.ts); nothing here knows about HTTP.
 */

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// 40001/40P01: serialization failure or deadlock; the transaction was rolled back whole and a
// retry succeeds, so the client is told to retry rather than shown a 500.
const UNAVAILABLE_PG_CODES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
// P2024/P2028: no connection or transaction slot in time (overload); P2034: write conflict or
// deadlock, rolled back whole; P2037: the server has too many connections (53300). All retryable,
// like an outage.
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034', 'P2037']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'the database system is starting up',
  'the database system is shutting down',
  'Cannot use a pool after calling end',
];

/**
 * The error and what it wraps: its `cause` chain and, for Prisma errors raised through a driver
 * adapter, `meta.driverAdapterError` and its cause. Prisma reports a PostgreSQL error it has no
 * code of its own for (57P01 "terminating connection due to administrator command" when the
 * server shuts down, 57P03, 08xxx) as P2039 or P2010 with the SQLSTATE only in
 * `meta.driverAdapterError.cause.originalCode`, never in `cause`.
 */
export function* causes(err: unknown, depth = 0): Generator<Record<string, unknown>> {
  let current: unknown = err;
  for (; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as Record<string, unknown>;
    yield e;
    const meta = e.meta;
    if (meta && typeof meta === 'object' && 'driverAdapterError' in meta) {
      yield* causes((meta as { driverAdapterError?: unknown }).driverAdapterError, depth + 1);
    }
    current = e.cause;
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    const kind = typeof e.kind === 'string' ? e.kind : undefined;
    if (code && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_PRISMA_CODES.has(code))) return true;
    if (code && (UNAVAILABLE_PG_CODES.has(code) || code.startsWith('08'))) return true;
    if (kind === 'DatabaseNotReachable' || kind === 'SocketTimeout' || kind === 'ConnectionClosed') return true;
    const originalCode = typeof e.originalCode === 'string' ? e.originalCode : undefined;
    if (originalCode && (UNAVAILABLE_PG_CODES.has(originalCode) || originalCode.startsWith('08'))) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
  }
  return false;
}


/**
 * SQLSTATE 57014: the statement was cancelled, by statement_timeout or by pg_cancel_backend when
 * its client went away. Read through every wrapper (Prisma keeps it in meta.driverAdapterError).
 */
export function isQueryCancelled(err: unknown): boolean {
  for (const e of causes(err)) {
    if (e.originalCode === '57014' || (e.code === '57014' && typeof e.severity === 'string')) return true;
  }
  return false;
}
