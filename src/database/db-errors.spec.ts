import { Prisma } from '../generated/prisma/client';
import { toAppError } from '../common/errors/problem.filter';
import { isDatabaseUnavailable } from './db-errors';

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
