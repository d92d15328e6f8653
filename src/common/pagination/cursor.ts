import { commonError } from '../errors/app-error';
import { isStorableDate } from '../http/storable-date';

/**
 * Opaque keyset cursors: the sort key of the last item, base64url-encoded JSON. Clients pass them
 * back untouched; anything that does not decode to the expected shape is a 400, never a 500.
 */

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<K extends Record<string, string | number>>(
  cursor: string,
  shape: { [P in keyof K]: 'string' | 'number' },
): K {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
  }
  for (const [name, type] of Object.entries(shape)) {
    if (typeof (parsed as Record<string, unknown>)[name] !== type) {
      throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    }
  }
  return parsed as K;
}

/** Fetch limit + 1 rows, then call this: it trims the extra row and makes the next cursor. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => Record<string, string | number>, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: kept.map(map),
    nextCursor: hasMore ? encodeCursor(keyOf(kept[kept.length - 1])) : null,
  };
}

export function dateFromCursor(value: string): Date {
  const date = new Date(value);
  // Every issued cursor holds a stored date; anything else (year -10000, +275760) is forged and
  // would fail in PostgreSQL ("time zone displacement out of range").
  if (!isStorableDate(date)) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
  return date;
}
