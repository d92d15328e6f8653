import { AppError } from '../errors/app-error';
import { isStorableDate } from '../http/storable-date';
import { dateFromCursor, decodeCursor, encodeCursor, toPage } from './cursor';

describe('cursors', () => {
  it('round-trips a key', () => {
    const key = { p: '2026-11-01T00:00:00.000Z', i: 'abc' };
    expect(decodeCursor(encodeCursor(key), { p: 'string', i: 'string' })).toEqual(key);
  });

  it.each(['', 'not base64 !!', Buffer.from('[1,2]').toString('base64url'), encodeCursor({ p: 1 } as never)])(
    'refuses a cursor it did not issue: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor, { p: 'string' })).toThrow(AppError);
    },
  );

  it('trims the look-ahead row and points the cursor at the last kept row', () => {
    const page = toPage([1, 2, 3], 2, (n) => ({ n }), (n) => n * 10);
    expect(page.items).toEqual([10, 20]);
    expect(decodeCursor(page.nextCursor as string, { n: 'number' })).toEqual({ n: 2 });
    expect(toPage([1, 2], 2, (n) => ({ n }), (n) => n).nextCursor).toBeNull();
  });

  it.each(['-271821-04-20T00:00:00.000Z', '-010000-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', 'x'])(
    'refuses a cursor date no stored row can have: %s',
    (date) => {
      expect(() => dateFromCursor(date)).toThrow(AppError);
    },
  );

  it('accepts dates from year 1 to 9999', () => {
    expect(dateFromCursor('2026-11-01T00:00:00.000Z').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(isStorableDate(new Date('0001-01-01T00:00:00.000Z'))).toBe(true);
    expect(isStorableDate(new Date('9999-12-31T23:59:59.999Z'))).toBe(true);
    expect(isStorableDate(new Date('+010000-01-01T00:00:00.000Z'))).toBe(false);
  });
});
