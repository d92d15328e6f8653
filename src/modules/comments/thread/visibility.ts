import { isHeld, isVisibleStatus, STATUS_SQL } from '../../../common/comment-status/comment-status';
import { CommentStatus, type Role } from '../../../generated/prisma/enums';
import type { CommentRow } from './comment-row';

export interface Viewer {
  id: string;
  role: Role;
}

/** How a comment appears to one viewer, or `hidden` when it must not appear at all. */
export type Appearance = 'visible' | 'own-held' | 'own-rejected' | 'tombstone' | 'placeholder' | 'hidden';

/**
 * Readers never see others' pending, withheld or rejected comments; a rejected comment hides its
 * whole subtree (from its author too); its author alone still sees the rejected comment itself,
 * in place and marked, with the statement of reasons; an author's deleted comment stays as a
 * tombstone only while it has replies, and a held comment with replies shows as a placeholder
 * so the replies keep their place.
 */
export function appearanceOf(
  row: Pick<CommentRow, 'status' | 'hiddenAncestors' | 'authorId' | 'replyCount'>,
  viewer: Viewer | null,
): Appearance {
  if (row.hiddenAncestors > 0) return 'hidden';
  if (row.status === CommentStatus.REJECTED) return viewer !== null && viewer.id === row.authorId ? 'own-rejected' : 'hidden';
  if (isVisibleStatus(row.status)) return 'visible';
  if (isHeld(row.status) && viewer !== null && viewer.id === row.authorId) return 'own-held';
  if (row.replyCount === 0) return 'hidden';
  return row.status === CommentStatus.DELETED ? 'tombstone' : 'placeholder';
}

/** The SQL twin of appearanceOf(...) !== 'hidden', for the thread queries ($viewer may be null). */
export function shownToViewerSql(alias: string, viewerParam: string): string {
  return `${alias}.hidden_ancestors = 0 AND (
    ${alias}.status IN ${STATUS_SQL.visible}
    OR (${alias}.status IN ${STATUS_SQL.keptForReplies} AND ${alias}.reply_count > 0)
    OR (${alias}.status IN ${STATUS_SQL.shownToAuthor} AND ${alias}.author_id = ${viewerParam}::uuid))`;
}
