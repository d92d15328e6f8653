import type { Principal } from '../../../common/auth/principal';
import { inStatusSet, isPubliclyVisible } from '../../../common/comment-status/comment-status';
import type { CommentStatus } from '../../../generated/prisma/enums';

export type NoteTarget = { authorId: string; status: CommentStatus; hiddenAncestors: number };

/**
 * Notes follow their comment: they may be written and rated, and context requested, only while
 * the comment is public (isPubliclyVisible), and are shown wherever its text is shown (publicly, or to its author
 * while held or removed). The status sets are common/comment-status's, as for appearanceOf in
 * comments/thread/visibility.ts.
 */
export function isShownTo(c: NoteTarget, viewer: Principal | undefined): boolean {
  if (isPubliclyVisible(c)) return true;
  return viewer !== undefined && viewer.id === c.authorId && c.hiddenAncestors === 0 && inStatusSet('shownToAuthor', c.status);
}
