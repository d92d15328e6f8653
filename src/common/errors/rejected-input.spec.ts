import { DatabaseError } from 'pg';
import { postgresCode } from '../../database/rejected-input';
import { Prisma } from '../../generated/prisma/client';
import { fromRejectedInput } from './database-errors';
import { toAppError } from './problem.filter';

// The shapes observed for text with U+0000: pg's own error from raw SQL on the pool, and Prisma's
// on the pg adapter (P2039 from the query builder, P2010 from $queryRaw).
function pgError(code: string): DatabaseError {
  const err = new DatabaseError('invalid byte sequence for encoding "UTF8": 0x00', 0, 'error');
  err.code = code;
  err.severity = 'ERROR';
  return err;
}

function prismaError(prismaCode: string, sqlState: string) {
  return new Prisma.PrismaClientKnownRequestError('Database error', {
    code: prismaCode,
    clientVersion: '7',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: sqlState, kind: 'postgres', code: sqlState } } },
  });
}

describe('input the database refuses', () => {
  it.each([
    ['pg on the pool', pgError('22021')],
    ['Prisma query builder', prismaError('P2039', '22021')],
    ['Prisma $queryRaw', prismaError('P2010', '22021')],
    ['wrapped as a cause', Object.assign(new Error('query failed'), { cause: pgError('22021') })],
    ['in a jsonb value', prismaError('P2039', '22P05')],
  ])('answers U+0000 in text (%s) with a 400 problem that names no internals', (_how, err) => {
    const problem = toAppError(err);
    expect({ status: problem.status, code: problem.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(problem.message).not.toMatch(/UTF8|0x00|22021|byte sequence/);
  });

  it('leaves every other database error to the existing mapping', () => {
    expect(fromRejectedInput(pgError('23505'))).toBeNull();
    expect(fromRejectedInput(prismaError('P2039', '57P01'))).toBeNull();
    expect(fromRejectedInput(Object.assign(new Error('x'), { code: 'P2002' }))).toBeNull();
    expect(postgresCode(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(toAppError(pgError('42P01')).status).toBe(500);
  });
});
