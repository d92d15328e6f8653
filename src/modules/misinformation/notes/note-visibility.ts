import type { Principal } from '../../../common/auth/principal';
import type { CommentStatus } from '../../../generated/prisma/enums';

export type NoteTarget = { authorId: string; status: CommentStatus; hiddenAncestors: number };

/**
 * Notes follow their comment: they may be written and rated, and context requested, only while
 * the comment is public, and are shown wherever its text is shown (publicly, or to its author
 * while held or removed). Mirrors appearanceOf in comments/thread/visibility.ts, which this
 * module cannot import (comments depends on misinformation).
 */
export function isPublic(c: NoteTarget): boolean {
  return c.hiddenAncestors === 0 && (c.status === 'PUBLISHED' || c.status === 'APPROVED');
}

export function isShownTo(c: NoteTarget, viewer: Principal | undefined): boolean {
  if (isPublic(c)) return true;
  const ownHeldOrRemoved = c.status === 'PENDING' || c.status === 'WITHHELD' || c.status === 'REJECTED';
  return viewer !== undefined && viewer.id === c.authorId && c.hiddenAncestors === 0 && ownHeldOrRemoved;
}
