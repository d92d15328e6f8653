import { Injectable } from '@nestjs/common';
import { STATUS_SQL, statusSql } from '../../../common/comment-status/comment-status';
import { Tx } from '../../../database/prisma.service';
import { CommentStatus } from '../../../generated/prisma/enums';
import { PATH_MAX_LEVELS, PATH_SEGMENT } from '../thread/comment-row';

/** A comment brought from another system, already sanitized, with its parent already written. */
export interface ImportedComment {
  id: string;
  articleId: string;
  authorId: string;
  parentId: string | null;
  status: CommentStatus;
  bodySource: string;
  bodyHtml: string;
  createdAt: Date;
}


/**
 * Bulk writes for imports: many comments in one statement, with what posting keeps exact for a
 * single one (the first revision, the article's comment count, the parents' reply counts; the
 * status counters follow by trigger). Path segments are drawn in the order the rows are given,
 * so siblings given in time order sort in time order.
 */
@Injectable()
export class ImportedCommentsRepository {
  async insertBatch(rows: ImportedComment[], tx: Tx): Promise<number> {
    if (rows.length === 0) return 0;
    const maxPath = PATH_MAX_LEVELS * PATH_SEGMENT;
    const written = await tx.$queryRawUnsafe<{ n: number }[]>(
      `WITH given AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
           WITH ORDINALITY AS g(id, article_id, author_id, parent_id, status, body_source, body_html, created_at, n)
       ), numbered AS (
         SELECT g.*, nextval('comment_path_seq') AS seg FROM (SELECT * FROM given ORDER BY n) g
       ), ins AS (
         INSERT INTO comments (id, article_id, author_id, parent_id, root_id, depth, path, status, body_source, body_html,
                               created_at, hidden_ancestors)
         SELECT s.id, s.article_id, s.author_id, p.id, COALESCE(p.root_id, s.id), COALESCE(p.depth + 1, 0),
                left(COALESCE(p.path, ''), ${maxPath}) || lpad(to_hex(s.seg), ${PATH_SEGMENT}, '0'),
                s.status::"CommentStatus", s.body_source, s.body_html, s.created_at,
                COALESCE(p.hidden_ancestors + CASE WHEN p.status = ${statusSql(CommentStatus.REJECTED)} THEN 1 ELSE 0 END, 0)
         FROM numbered s LEFT JOIN comments p ON p.id = s.parent_id
         RETURNING id, article_id, parent_id, status, hidden_ancestors, body_source, body_html, created_at
       ), rev AS (
         INSERT INTO comment_revisions (comment_id, revision, body_source, body_html, created_at)
         SELECT id, 1, body_source, body_html, created_at FROM ins
       ), art AS (
         UPDATE articles a SET comment_count = a.comment_count + x.n
         FROM (SELECT article_id, count(*)::int AS n FROM ins WHERE status IN ${STATUS_SQL.visible} AND hidden_ancestors = 0 GROUP BY article_id) x
         WHERE a.id = x.article_id
       ), par AS (
         UPDATE comments c SET reply_count = c.reply_count + x.n
         FROM (SELECT parent_id, count(*)::int AS n FROM ins
               WHERE parent_id IS NOT NULL AND status IN ${STATUS_SQL.visible} AND hidden_ancestors = 0 GROUP BY parent_id) x
         WHERE c.id = x.parent_id
       )
       SELECT count(*)::int AS n FROM ins`,
      rows.map((r) => r.id),
      rows.map((r) => r.articleId),
      rows.map((r) => r.authorId),
      rows.map((r) => r.parentId),
      rows.map((r) => r.status),
      rows.map((r) => r.bodySource),
      rows.map((r) => r.bodyHtml),
      rows.map((r) => r.createdAt),
    );
    return written[0]?.n ?? 0;
  }
}
