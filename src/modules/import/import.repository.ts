import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import type { CommentStatus } from '../../generated/prisma/enums';
import type { ImportedComment } from '../comments/import/imported-comments.repository';

export interface StagedThread {
  sourceId: string;
  url: string;
  title: string;
  publishedAt: Date | null;
}

export interface StagedAuthor {
  key: string;
  displayName: string;
  email: string | null;
}

export interface StagedComment {
  sourceId: string;
  articleSourceId: string;
  parentSourceId: string | null;
  authorKey: string | null;
  status: CommentStatus | null;
  bodySource: string | null;
  bodyHtml: string | null;
  createdAt: Date;
  skipReason: string | null;
}

/** A staged comment ready to write: what the comments module inserts, keyed by its source id. */
export type CommentToWrite = Omit<ImportedComment, 'id'> & { sourceId: string };

export interface ImportTotals {
  articlesCreated: number;
  articlesMatched: number;
  commentsWritten: number;
  skipped: Record<string, number>;
  accountsCreated: number;
  accountsMatched: number;
}

/**
 * The import's own tables: what it has seen of a source (staged rows) and what each became
 * (mappings). Reads articles and comments only to resolve ids; writes nothing else.
 */
@Injectable()
export class ImportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The comment ids of this batch that an earlier run (or batch) already staged. */
  async stagedCommentIds(source: string, ids: string[]): Promise<Set<string>> {
    const rows = await this.prisma.$queryRawUnsafe<{ id: string }[]>(
      'SELECT source_id AS id FROM import_comments WHERE source = $1 AND source_id = ANY($2::text[])',
      source,
      ids,
    );
    return new Set(rows.map((r) => r.id));
  }

  /** One batch of the file, in one transaction; rows already staged are left as they are. */
  async stage(source: string, threads: StagedThread[], authors: StagedAuthor[], comments: StagedComment[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.$executeRawUnsafe(
        `INSERT INTO import_articles (source, source_id, url, title, published_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
        source,
        threads.map((t) => t.sourceId),
        threads.map((t) => t.url),
        threads.map((t) => t.title),
        threads.map((t) => t.publishedAt),
      ),
      this.prisma.$executeRawUnsafe(
        `INSERT INTO import_authors (source, key, display_name, email)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
        source,
        authors.map((a) => a.key),
        authors.map((a) => a.displayName),
        authors.map((a) => a.email),
      ),
      this.prisma.$executeRawUnsafe(
        `INSERT INTO import_comments (source, source_id, article_source_id, parent_source_id, author_key, status, body_source, body_html, created_at, skip_reason)
         SELECT $1, u.sid, u.aid, u.pid, u.akey, u.status::"CommentStatus", u.src, u.html, u.at, u.skip
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[])
           AS u(sid, aid, pid, akey, status, src, html, at, skip)
         ON CONFLICT DO NOTHING`,
        source,
        comments.map((c) => c.sourceId),
        comments.map((c) => c.articleSourceId),
        comments.map((c) => c.parentSourceId),
        comments.map((c) => c.authorKey),
        comments.map((c) => c.status),
        comments.map((c) => c.bodySource),
        comments.map((c) => c.bodyHtml),
        comments.map((c) => c.createdAt),
        comments.map((c) => c.skipReason),
      ),
    ]);
  }

  /**
   * Fresh statistics after staging: a large file lands in empty tables, and without them the
   * planner probes the staged rows with sequential scans (minutes instead of milliseconds).
   */
  async analyze(): Promise<void> {
    await this.prisma.$executeRawUnsafe('ANALYZE import_articles, import_authors, import_comments');
  }

  /** Threads not yet matched to an article, after the given source id. */
  unresolvedThreads(source: string, afterId: string, limit: number): Promise<StagedThread[]> {
    return this.prisma.$queryRaw<StagedThread[]>`
      SELECT source_id AS "sourceId", url, title, published_at AS "publishedAt" FROM import_articles
      WHERE source = ${source} AND article_id IS NULL AND source_id > ${afterId} ORDER BY source_id LIMIT ${limit}`;
  }

  async setArticle(source: string, sourceId: string, articleId: string, created: boolean): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE import_articles SET article_id = ${articleId}::uuid, created = ${created}
      WHERE source = ${source} AND source_id = ${sourceId} AND article_id IS NULL`;
  }

  /** Staged comments that cannot be written: their thread has no article, or their thread has a loop. */
  async skipUnplaceable(source: string, reason: 'no article' | 'broken thread'): Promise<number> {
    if (reason === 'no article') {
      return this.prisma.$executeRaw`
        UPDATE import_comments c SET skip_reason = 'no article', body_source = NULL, body_html = NULL, author_key = NULL
        WHERE c.source = ${source} AND c.comment_id IS NULL AND c.skip_reason IS NULL
          AND NOT EXISTS (SELECT 1 FROM import_articles a WHERE a.source = c.source AND a.source_id = c.article_source_id AND a.article_id IS NOT NULL)`;
    }
    // Left over after the levels are written: no depth (a parent loop) or a parent never written.
    return this.prisma.$executeRaw`
      UPDATE import_comments SET skip_reason = 'broken thread', body_source = NULL, body_html = NULL, author_key = NULL
      WHERE source = ${source} AND comment_id IS NULL AND skip_reason IS NULL`;
  }

  /** True when some comment waiting to be written has no depth yet (new rows since the last run). */
  async depthsPending(source: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM import_comments
        WHERE source = ${source} AND comment_id IS NULL AND skip_reason IS NULL AND depth IS NULL LIMIT 1) x`;
    return rows[0].n > 0;
  }

  /**
   * Depth of every staged comment from the parent links, whatever order the file had them in.
   * A reply whose parent is not in the export becomes top-level (WordPress shows such replies at
   * the top too); a reply under a skipped comment is skipped with it (its thread is gone).
   */
  async computeDepths(source: string): Promise<void> {
    await this.prisma.$executeRaw`
      WITH RECURSIVE tree AS (
        SELECT c.source_id, 0 AS depth, c.skip_reason IS NOT NULL AS skipped, false AS under_skipped, c.parent_source_id IS NOT NULL AS orphan
        FROM import_comments c
        WHERE c.source = ${source}
          AND (c.parent_source_id IS NULL
               OR NOT EXISTS (SELECT 1 FROM import_comments p WHERE p.source = ${source} AND p.source_id = c.parent_source_id))
        UNION ALL
        SELECT c.source_id, t.depth + 1, t.skipped OR c.skip_reason IS NOT NULL, t.skipped, false
        FROM tree t JOIN import_comments c ON c.source = ${source} AND c.parent_source_id = t.source_id
      )
      UPDATE import_comments c
      SET depth = t.depth,
          parent_source_id = CASE WHEN t.orphan THEN NULL ELSE c.parent_source_id END,
          skip_reason = CASE WHEN c.skip_reason IS NULL AND t.under_skipped THEN 'parent skipped' ELSE c.skip_reason END,
          body_source = CASE WHEN c.skip_reason IS NULL AND t.under_skipped THEN NULL ELSE c.body_source END,
          body_html = CASE WHEN c.skip_reason IS NULL AND t.under_skipped THEN NULL ELSE c.body_html END
      FROM tree t
      WHERE c.source = ${source} AND c.source_id = t.source_id AND c.comment_id IS NULL
        AND (c.depth IS DISTINCT FROM t.depth OR t.orphan OR (c.skip_reason IS NULL AND t.under_skipped))`;
  }

  /** Authors of comments still to write who have no account yet, by key after the given one. */
  authorsWithoutAccount(source: string, afterKey: string, limit: number): Promise<StagedAuthor[]> {
    return this.prisma.$queryRaw<StagedAuthor[]>`
      SELECT a.key, a.display_name AS "displayName", a.email FROM import_authors a
      WHERE a.source = ${source} AND a.user_id IS NULL AND a.key > ${afterKey}
        AND EXISTS (SELECT 1 FROM import_comments c WHERE c.source = a.source AND c.author_key = a.key AND c.comment_id IS NULL)
      ORDER BY a.key LIMIT ${limit}`;
  }

  async setAuthors(source: string, accounts: { key: string; userId: string; created: boolean }[], tx: Tx): Promise<void> {
    await tx.$executeRawUnsafe(
      `UPDATE import_authors a SET user_id = x.uid, created = x.created
       FROM unnest($2::text[], $3::uuid[], $4::boolean[]) AS x(key, uid, created)
       WHERE a.source = $1 AND a.key = x.key`,
      source,
      accounts.map((a) => a.key),
      accounts.map((a) => a.userId),
      accounts.map((a) => a.created),
    );
  }

  /** The deepest level with comments left to write, or null when none are left. */
  async deepestLevelLeft(source: string): Promise<number | null> {
    const rows = await this.prisma.$queryRaw<{ depth: number | null }[]>`
      SELECT max(depth) AS depth FROM import_comments WHERE source = ${source} AND comment_id IS NULL AND skip_reason IS NULL`;
    return rows[0]?.depth ?? null;
  }

  async countLeft(source: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM import_comments WHERE source = ${source} AND comment_id IS NULL AND skip_reason IS NULL`;
    return rows[0].n;
  }

  /**
   * The next comments of one level, oldest first, locked for this transaction, with the ids they
   * will hang on. Parents are on an earlier level, so they are already written.
   */
  nextBatch(source: string, depth: number, limit: number, tx: Tx): Promise<CommentToWrite[]> {
    // The batch is taken first, alone, in the order of import_comments_to_write (no sort of the
    // whole level per batch); the joins then only resolve its ids.
    return tx.$queryRaw<CommentToWrite[]>`
      WITH picked AS (
        SELECT s.source, s.source_id, s.article_source_id, s.author_key, s.parent_source_id, s.status, s.body_source, s.body_html, s.created_at
        FROM import_comments s
        WHERE s.source = ${source} AND s.comment_id IS NULL AND s.skip_reason IS NULL AND s.depth = ${depth}
        ORDER BY s.created_at, s.source_id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      SELECT s.source_id AS "sourceId", a.article_id AS "articleId", au.user_id AS "authorId", p.comment_id AS "parentId",
             s.status, s.body_source AS "bodySource", s.body_html AS "bodyHtml", s.created_at AS "createdAt"
      FROM picked s
      JOIN import_articles a ON a.source = s.source AND a.source_id = s.article_source_id AND a.article_id IS NOT NULL
      JOIN import_authors au ON au.source = s.source AND au.key = s.author_key AND au.user_id IS NOT NULL
      LEFT JOIN import_comments p ON p.source = s.source AND p.source_id = s.parent_source_id
      WHERE s.parent_source_id IS NULL OR p.comment_id IS NOT NULL
      ORDER BY s.created_at, s.source_id`;
  }

  /** Records what each staged comment became; its staged text and author key are dropped. */
  async markWritten(source: string, written: { sourceId: string; commentId: string }[], tx: Tx): Promise<void> {
    await tx.$executeRawUnsafe(
      `UPDATE import_comments s SET comment_id = x.cid, body_source = NULL, body_html = NULL, author_key = NULL
       FROM unnest($2::text[], $3::uuid[]) AS x(sid, cid)
       WHERE s.source = $1 AND s.source_id = x.sid`,
      source,
      written.map((w) => w.sourceId),
      written.map((w) => w.commentId),
    );
  }

  /** Everything imported from this source so far, for the summary. */
  async totals(source: string): Promise<ImportTotals> {
    const [counts] = await this.prisma.$queryRaw<Omit<ImportTotals, 'skipped'>[]>`
      SELECT (SELECT count(*)::int FROM import_articles WHERE source = ${source} AND created) AS "articlesCreated",
             (SELECT count(*)::int FROM import_articles WHERE source = ${source} AND article_id IS NOT NULL AND NOT created) AS "articlesMatched",
             (SELECT count(*)::int FROM import_comments WHERE source = ${source} AND comment_id IS NOT NULL) AS "commentsWritten",
             (SELECT count(*)::int FROM import_authors WHERE source = ${source} AND created) AS "accountsCreated",
             (SELECT count(*)::int FROM import_authors WHERE source = ${source} AND user_id IS NOT NULL AND NOT created) AS "accountsMatched"`;
    const reasons = await this.prisma.$queryRaw<{ reason: string; n: number }[]>`
      SELECT skip_reason AS reason, count(*)::int AS n FROM import_comments
      WHERE source = ${source} AND skip_reason IS NOT NULL GROUP BY skip_reason ORDER BY skip_reason`;
    return { ...counts, skipped: Object.fromEntries(reasons.map((r) => [r.reason, r.n])) };
  }
}
