import { causes } from './db-errors';

/**
 * Input PostgreSQL refuses whatever the query: U+0000 in text (SQLSTATE 22021, "invalid byte
 * sequence for encoding UTF8: 0x00") or inside a jsonb value (22P05, "unsupported Unicode escape
 * sequence", as in audit details). It can arrive in any string a client sends (a path segment, a
 * search term, a field), so wherever it reaches the database it is the client's error.
 */
const REJECTED_INPUT_CODES = new Set(['22021', '22P05']);

/** The SQLSTATE behind an error from pg, or from Prisma on the pg adapter, if any. */
export function postgresCode(err: unknown): string | undefined {
  // causes() also walks Prisma's meta.driverAdapterError, where the adapter keeps the SQLSTATE.
  for (const e of causes(err)) {
    if (typeof e.originalCode === 'string') return e.originalCode;
    // pg's DatabaseError: a SQLSTATE with a severity (Prisma's own P-codes come without one).
    if (typeof e.code === 'string' && typeof e.severity === 'string') return e.code;
  }
  return undefined;
}

/** True for input PostgreSQL refuses whatever the query (see above): the client's error, not a bug. */
export function isRejectedInput(err: unknown): boolean {
  const code = postgresCode(err);
  return code !== undefined && REJECTED_INPUT_CODES.has(code);
}
