import { AppError } from '../errors/app-error';
import { decodeCursor, encodeCursor, toPage } from './cursor';

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
});
