import { createHash, timingSafeEqual } from 'node:crypto';
import { parseBearer } from '../../common/auth/bearer';

/**
 * Constant-time check of an `Authorization: Bearer <token>` header against the configured token.
 * Both sides are hashed first so the comparison never depends on where they differ or on length.
 */
export function tokenMatches(header: string | undefined, expected: string): boolean {
  const token = header === undefined ? null : parseBearer(header);
  const given = createHash('sha256').update(token ?? '', 'utf8').digest();
  const wanted = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(given, wanted) && token !== null;
}
