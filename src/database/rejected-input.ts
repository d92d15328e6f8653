import { AppError, commonError } from '../common/errors/app-error';

/**
 * Input PostgreSQL refuses whatever the query: U+0000 in text (SQLSTATE 22021, "invalid byte
 * sequence for encoding UTF8: 0x00") or inside a jsonb value (22P05, "unsupported Unicode escape
 * sequence", as in audit details). It can arrive in any string a client sends (a path segment, a
 * search term, a field), so wherever it reaches the database it is the client's error.
 */
const REJECTED_INPUT_CODES = new Set(['22021', '22P05']);

/** The SQLSTATE behind an error from pg, or from Prisma on the pg adapter, if any. */
export function postgresCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as Record<string, unknown>;
    if (typeof e.originalCode === 'string') return e.originalCode;
    // Prisma on a driver adapter: P2039 or P2010 with the SQLSTATE in meta.driverAdapterError.cause.
    const meta = e.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined;
    const fromAdapter = meta?.driverAdapterError?.cause?.originalCode;
    if (typeof fromAdapter === 'string') return fromAdapter;
    // pg's DatabaseError: a SQLSTATE with a severity (Prisma's own P-codes come without one).
    if (typeof e.code === 'string' && typeof e.severity === 'string') return e.code;
    current = e.cause;
  }
  return undefined;
}

export function fromRejectedInput(err: unknown): AppError | null {
  const code = postgresCode(err);
  if (code === undefined || !REJECTED_INPUT_CODES.has(code)) return null;
  return commonError('VALIDATION_FAILED', 'A text value contains a character that cannot be stored (U+0000).');
}
