import { isDatabaseUnavailable } from '../../database/db-errors';
import { Prisma } from '../../generated/prisma/client';
import { toProblem } from './problem';
import { toAppError } from './problem.filter';

/**
 * A PostgreSQL error as Prisma 7 reports it through @prisma/adapter-pg: a known request error
 * whose SQLSTATE sits only in `meta.driverAdapterError.cause` (shape taken from a real error
 * logged when the server was stopped under load: see bench/outage.mjs).
 */
function adapterError(prismaCode: string, cause: Record<string, unknown>): Prisma.PrismaClientKnownRequestError {
  const driverAdapterError = Object.assign(new Error(String(cause.message ?? cause.kind)), { name: 'DriverAdapterError', cause });
  return new Prisma.PrismaClientKnownRequestError(`Database error. Code: \`${String(cause.originalCode ?? 'N/A')}\``, {
    code: prismaCode,
    clientVersion: '7.10.1',
    meta: { modelName: 'IdempotencyKey', driverAdapterError },
  });
}

const postgresError = (code: string, message: string) =>
  adapterError('P2039', { originalCode: code, originalMessage: message, kind: 'postgres', code, severity: 'FATAL', message });

describe('isDatabaseUnavailable', () => {
  it('logs the cause of a 503 for the operator, while the client hears only "retry shortly"', () => {
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    const logger = { warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }), error: () => undefined };
    const err = adapterError('P2034', { originalCode: '40P01', kind: 'postgres', code: '40P01', message: 'deadlock detected' });
    const appError = toAppError(err, logger as unknown as Parameters<typeof toAppError>[1]);
    expect(appError.status).toBe(503);
    expect(JSON.stringify(toProblem(appError, '/api/x', 'req-1'))).not.toMatch(/deadlock|40P01|P2034/);
    expect(warnings).toEqual([
      { fields: { requestId: undefined, cause: expect.objectContaining({ code: 'P2034', sqlstate: '40P01', driverMessage: 'deadlock detected' }) }, message: 'answered 503: DATABASE_UNAVAILABLE' },
    ]);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection due to crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
  ])('a Prisma P2039 carrying %s (server shutting down or restarting) is a 503 with Retry-After', (code, message) => {
    const err = postgresError(code, message);
    expect(isDatabaseUnavailable(err)).toBe(true);
    const appError = toAppError(err);
    expect(appError.status).toBe(503);
    expect(appError.headers).toEqual(expect.objectContaining({ 'Retry-After': expect.any(String) }));
  });

  it('a raw query failure (P2010) carrying 57P01 is a 503', () => {
    const err = adapterError('P2010', { originalCode: '57P01', kind: 'postgres', code: '57P01', message: 'terminating connection' });
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('too many connections (P2037, 53300) is a 503', () => {
    const err = adapterError('P2037', { originalCode: '53300', kind: 'TooManyConnections', cause: 'sorry, too many clients already' });
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('a refused connection (P1001) is a 503', () => {
    expect(isDatabaseUnavailable(adapterError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }))).toBe(true);
  });

  it('an ordinary SQL error through the adapter stays a 500', () => {
    const err = postgresError('22012', 'division by zero');
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(toAppError(err).status).toBe(500);
  });

  it('a unique violation stays a 409', () => {
    const err = adapterError('P2002', { originalCode: '23505', kind: 'UniqueConstraintViolation', constraint: { fields: ['slug'] } });
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(toAppError(err).status).toBe(409);
  });
});

describe('no database error shows driver text to the client', () => {
  const DRIVER_TEXT = /prisma|invocation|\$queryRaw|raw query|deadlock|constraint|_pkey|Key \(|40P01|23505|23502|P20\d\d|SQLSTATE|postgres/i;
  const pgError = (code: string, message: string, detail?: string) =>
    Object.assign(new Error(message), { code, severity: 'ERROR', detail, schema: 'public', table: 'comments', constraint: 'comments_pkey' });

  it.each<[string, unknown]>([
    ['a deadlock in a raw query (P2010, 40P01)', adapterError('P2010', { originalCode: '40P01', kind: 'postgres', code: '40P01', message: 'deadlock detected' })],
    ['a write conflict (P2034)', new Prisma.PrismaClientKnownRequestError('Transaction failed due to a write conflict or a deadlock. Please retry your transaction', { code: 'P2034', clientVersion: '7.10.1' })],
    ['a unique violation through the adapter (P2002, index only)', adapterError('P2002', { originalCode: '23505', kind: 'UniqueConstraintViolation', constraint: { index: 'comments_pkey' }, message: 'duplicate key value violates unique constraint "comments_pkey"' })],
    ['a unique violation naming its index (P2002, string target)', new Prisma.PrismaClientKnownRequestError('Unique constraint failed on the constraint: `comments_pkey`', { code: 'P2002', clientVersion: '7.10.1', meta: { target: 'comments_pkey' } })],
    ['a missing record (P2025)', new Prisma.PrismaClientKnownRequestError('An operation failed because it depends on one or more records that were required but not found. No record was found for an update.', { code: 'P2025', clientVersion: '7.10.1' })],
    ['a Prisma error without a mapping (P2011 null constraint)', adapterError('P2011', { originalCode: '23502', kind: 'NullConstraintViolation', message: 'null value in column "body_source" violates not-null constraint' })],
    ['a pg error from a pooled query (23505)', pgError('23505', 'duplicate key value violates unique constraint "comments_pkey"', 'Key (id)=(1) already exists.')],
    ['a Prisma validation error', new Prisma.PrismaClientValidationError('Invalid `prisma.comment.update()` invocation: Argument `where` is missing.', { clientVersion: '7.10.1' })],
  ])('%s', (_label, err) => {
    const problem = toProblem(toAppError(err), '/api/x', 'req-1');
    expect(JSON.stringify(problem)).not.toMatch(DRIVER_TEXT);
    expect(Object.keys(problem).sort()).toEqual(expect.arrayContaining(['code', 'detail', 'status', 'title', 'type']));
  });
});
