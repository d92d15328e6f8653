import type { PrismaService } from '../../src/database/prisma.service';

/**
 * What the comment writes promise, checked against the rows themselves for one article. Each
 * function returns the rows that break the rule (empty when it holds), so a failing test shows
 * which comment is wrong and by how much.
 */

/** articles.comment_count equals the comments readers can see: published or approved, no rejected ancestor. */
export async function articleCountMismatch(prisma: PrismaService, articleId: string) {
  const { rows } = await prisma.pool.query<{ stored: number; actual: number }>(
    `SELECT a.comment_count AS stored,
            (SELECT count(*)::int FROM comments c
              WHERE c.article_id = a.id AND c.hidden_ancestors = 0 AND c.status IN ('PUBLISHED', 'APPROVED')) AS actual
     FROM articles a WHERE a.id = $1`,
    [articleId],
  );
  return rows.filter((r) => r.stored !== r.actual);
}

/** Every comment's reply_count equals its direct replies readers can see. */
export async function replyCountMismatches(prisma: PrismaService, articleId: string) {
  const { rows } = await prisma.pool.query<{ id: string; stored: number; actual: number }>(
    `SELECT p.id, p.reply_count AS stored,
            (SELECT count(*)::int FROM comments c
              WHERE c.parent_id = p.id AND c.hidden_ancestors = 0 AND c.status IN ('PUBLISHED', 'APPROVED')) AS actual
     FROM comments p WHERE p.article_id = $1`,
    [articleId],
  );
  return rows.filter((r) => r.stored !== r.actual);
}

/** Every comment's hidden_ancestors equals the number of rejected comments above it. */
export async function hiddenAncestorMismatches(prisma: PrismaService, articleId: string) {
  const { rows } = await prisma.pool.query<{ id: string; stored: number; actual: number }>(
    `WITH RECURSIVE up AS (
       SELECT c.id, c.parent_id AS ancestor FROM comments c WHERE c.article_id = $1 AND c.parent_id IS NOT NULL
       UNION ALL
       SELECT up.id, p.parent_id FROM up JOIN comments p ON p.id = up.ancestor WHERE p.parent_id IS NOT NULL
     )
     SELECT c.id, c.hidden_ancestors AS stored,
            (SELECT count(*)::int FROM up JOIN comments a ON a.id = up.ancestor WHERE up.id = c.id AND a.status = 'REJECTED') AS actual
     FROM comments c WHERE c.article_id = $1`,
    [articleId],
  );
  return rows.filter((r) => r.stored !== r.actual);
}

/**
 * Every reply sits one level below its parent, in its parent's thread, and its path extends its
 * parent's (the first 32 levels of it: deeper paths stop growing, see comment-row.ts).
 */
export async function treeMismatches(prisma: PrismaService, articleId: string) {
  const { rows } = await prisma.pool.query<{ id: string; depth: number; path: string; parentDepth: number | null; parentPath: string | null }>(
    `SELECT c.id, c.depth, c.path, p.depth AS "parentDepth", p.path AS "parentPath"
     FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
     WHERE c.article_id = $1 AND NOT (
       CASE WHEN c.parent_id IS NULL THEN c.depth = 0 AND c.root_id = c.id AND c.path ~ '^[0-9a-f]{10}$'
            ELSE c.depth = p.depth + 1 AND c.root_id = p.root_id AND p.article_id = c.article_id
                 AND left(c.path, length(c.path) - 10) = left(p.path, 320) AND c.path ~ '^([0-9a-f]{10})+$' END)`,
    [articleId],
  );
  return rows;
}

/** All four at once, labelled, for `expect(...).toEqual(NO_BREAKS)`. */
export async function invariantBreaks(prisma: PrismaService, articleId: string) {
  return {
    article: await articleCountMismatch(prisma, articleId),
    replies: await replyCountMismatches(prisma, articleId),
    hidden: await hiddenAncestorMismatches(prisma, articleId),
    tree: await treeMismatches(prisma, articleId),
  };
}

export const NO_BREAKS = { article: [], replies: [], hidden: [], tree: [] };
