import { isDatabaseUnavailable, isQueryCancelled } from '../../database/db-errors';
import { isRejectedInput } from '../../database/rejected-input';
import { Prisma } from '../../generated/prisma/client';
import { AppError, commonError } from './app-error';

/**
 * What a database error means to the client. The database layer classifies (unreachable,
 * cancelled, refused input); this maps each class to its problem, so database imports nothing
 * from here and the errors layer sits above it.
 */

export function databaseUnavailable(): AppError {
  return commonError(
    'DATABASE_UNAVAILABLE',
    'The database is unavailable; retry shortly.',
    {},
    { 'Retry-After': '5' },
  );
}

export function queryTimedOut(): AppError {
  return commonError(
    'QUERY_TIMEOUT',
    'The database did not finish this request within its time limit. Retry shortly, or ask for less (a shorter time window, fewer items).',
    {},
    { 'Retry-After': '5' },
  );
}

/** U+0000 in text or jsonb: the client's error wherever it reaches the database. */
export function fromRejectedInput(err: unknown): AppError | null {
  if (!isRejectedInput(err)) return null;
  return commonError('VALIDATION_FAILED', 'A text value contains a character that cannot be stored (U+0000).');
}

/** Maps a Prisma known request error to the client error it means, or null when it is a bug. */
export function fromPrismaError(err: unknown): AppError | null {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return null;
  switch (err.code) {
    case 'P2002': {
      // Field names only: a string target is the name of an index or constraint, which is the
      // database's business, not the client's.
      const target = (err.meta as { target?: unknown } | undefined)?.target;
      const fields = Array.isArray(target) && target.length > 0 ? target.map(String).join(', ') : 'value';
      return commonError('CONFLICT', `A record with this ${fields} already exists.`);
    }
    case 'P2025':
      return commonError('NOT_FOUND', 'The record does not exist.');
    case 'P2003':
      return commonError('CONFLICT', 'The record refers to, or is referred to by, another record.');
    case 'P2000':
      return commonError('VALIDATION_FAILED', 'A value is too long.');
    case 'P2023':
      return commonError('VALIDATION_FAILED', 'A value has the wrong format.');
    default:
      return null;
  }
}

/** Any database error the client should hear about, in the order the classes are tested. */
export function fromDatabaseError(err: unknown): AppError | null {
  const rejected = fromRejectedInput(err);
  if (rejected) return rejected;
  if (isQueryCancelled(err)) return queryTimedOut();
  const prisma = fromPrismaError(err);
  if (prisma) return prisma;
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  return null;
}
