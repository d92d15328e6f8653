import type { CommentStatus, Role } from '../../../generated/prisma/enums';

/** A comment as the thread queries return it (raw SQL, see thread.repository.ts). */
export interface CommentRow {
  id: string;
  articleId: string;
  authorId: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  path: string;
  status: CommentStatus;
  bodyHtml: string;
  revision: number;
  editedAt: Date | null;
  createdAt: Date;
  replyCount: number;
  respectCount: number;
  disagreeCount: number;
  hiddenAncestors: number;
  authorName: string;
  authorRole: Role;
  authorDeleted: boolean;
  checkReasons: string[];
  /** A claim verdict or a label applies: the page fetches labels only when one does. */
  labeled: boolean;
  /** Picked by a moderator as a featured comment. */
  featured: boolean;
  /** Time of the last human decision (a rejection without one was made by the checks). */
  decidedAt: Date | null;
}

export const COMMENT_ROW_COLUMNS = `
  c.id, c.article_id AS "articleId", c.author_id AS "authorId", c.parent_id AS "parentId", c.root_id AS "rootId",
  c.depth, c.path, c.status, c.body_html AS "bodyHtml", c.revision, c.edited_at AS "editedAt", c.created_at AS "createdAt",
  c.reply_count AS "replyCount", c.respect_count AS "respectCount", c.disagree_count AS "disagreeCount",
  c.hidden_ancestors AS "hiddenAncestors", u.display_name AS "authorName", u.role AS "authorRole",
  (u.deleted_at IS NOT NULL) AS "authorDeleted", c.check_reasons AS "checkReasons", c.labeled, c.featured, c.decided_at AS "decidedAt"`;

/** Length of one path segment: ten hex digits of comment_path_seq. */
export const PATH_SEGMENT = 10;
/** Paths stop growing past this many levels (btree entries stay small); deeper replies sort by time. */
export const PATH_MAX_LEVELS = 32;
