import { Injectable } from '@nestjs/common';
import { STATUS_SQL, statusSql } from '../../../common/comment-status/comment-status';
import { runHot } from '../../../database/hot-statement';
import { PrismaService } from '../../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';
import { CommentStatus } from '../../../generated/prisma/enums';
import type { Verdict } from '../../../generated/prisma/enums';
import type { ThreadSort } from '../dto/comment.dto';
import { COMMENT_ROW_COLUMNS, CommentRow } from './comment-row';
import { shownToViewerSql } from './visibility';

/**
 * The hot read path: reviewed SQL, no ORM. Each page is one hot statement (database/hot-statement):
 * the top comments by keyset, and for each of them its first replies in thread order through a
 * LATERAL join on the (root_id, path) index. See bench/README.md for the plans. The lookups off
 * the benchmarked path (ancestors, own held comments, decisions, counts) are tagged templates.
 */

const ROW_COLUMNS = Prisma.raw(COMMENT_ROW_COLUMNS);

/**
 * A fact-check label under a comment: its claim's current verdict (or the external fact-check the
 * claim cites, verdict null), or a label of its own (claimId null).
 */
export interface LabelRow {
  commentId: string;
  verdict: Verdict | null;
  summary: string;
  sources: unknown;
  asOf: Date;
  claimId: string | null;
  statement: string | null;
  version: number | null;
  externalUrl: string | null;
  externalPublisher: string | null;
  externalRating: string | null;
}

export interface HelpfulNoteRow {
  id: string;
  commentId: string;
  text: string;
  sources: unknown;
}

export interface TopKey {
  count?: number;
  createdAt: Date;
  id: string;
}

interface ReplyCaps {
  depth: number;
  fetch: number;
}

const SORTS: Record<ThreadSort, { order: string; column: string | null; desc: boolean }> = {
  newest: { order: 'c.created_at DESC, c.id DESC', column: null, desc: true },
  oldest: { order: 'c.created_at ASC, c.id ASC', column: null, desc: false },
  replies: { order: 'c.reply_count DESC, c.created_at DESC, c.id DESC', column: 'reply_count', desc: true },
  respect: { order: 'c.respect_count DESC, c.created_at DESC, c.id DESC', column: 'respect_count', desc: true },
};

export type RowWithKind = CommentRow & { kind: number; ord: number };

export interface LatestDecisionRow {
  commentId: string;
  action: string;
  reason: string | null;
  message: string | null;
  createdAt: Date;
  appealStatus: 'OPEN' | 'UPHELD' | 'OVERTURNED' | null;
}

@Injectable()
export class ThreadRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Top-level comments of an article page plus their first replies. The viewer's own rejected
   * top comments take their place among them (only the viewer sees them): a second branch on the
   * author index, so the public branch keeps its partial index and its plan.
   */
  async findTopPage(articleId: string, sort: ThreadSort, after: TopKey | null, limit: number, viewerId: string | null, caps: ReplyCaps) {
    const s = SORTS[sort];
    const params: unknown[] = [articleId, limit + 1];
    let keyset = '';
    if (after) {
      const cmp = s.desc ? '<' : '>';
      if (s.column) {
        params.push(after.count ?? 0, after.createdAt, after.id);
        keyset = `AND (c.${s.column}, c.created_at, c.id) ${cmp} ($3, $4, $5::uuid)`;
      } else {
        params.push(after.createdAt, after.id);
        keyset = `AND (c.created_at, c.id) ${cmp} ($3, $4::uuid)`;
      }
    }
    // withReplies appends the viewer right after these parameters.
    const viewer = `$${params.length + 1}`;
    const tops = `
      SELECT c.*, row_number() OVER (ORDER BY ${s.order}) AS ord FROM (
        SELECT c.* FROM (
          (SELECT c.* FROM comments c
           WHERE c.article_id = $1 AND c.parent_id IS NULL
             AND (c.status IN ${STATUS_SQL.visible} OR c.reply_count > 0) AND c.status <> ${statusSql(CommentStatus.REJECTED)}
             ${keyset}
           ORDER BY ${s.order} LIMIT $2)
          UNION ALL
          (SELECT c.* FROM comments c
           WHERE c.author_id = ${viewer}::uuid AND c.article_id = $1 AND c.parent_id IS NULL AND c.status = ${statusSql(CommentStatus.REJECTED)}
             ${keyset}
           ORDER BY ${s.order} LIMIT $2)
        ) c
        ORDER BY ${s.order} LIMIT $2) c`;
    return this.withReplies(`thread-${sort}-${after ? 'after' : 'first'}`, tops, params, viewerId, caps);
  }

  /** Direct replies of one comment in thread order, after a path, plus their first replies. */
  async findChildrenPage(parentId: string, afterPath: string | null, limit: number, viewerId: string | null, caps: ReplyCaps) {
    const tops = `
      SELECT c.*, row_number() OVER (ORDER BY c.path) AS ord FROM (
        SELECT c.* FROM comments c
        WHERE c.parent_id = $1 AND c.path > $3 AND ${shownToViewerSql('c', '$4')}
        ORDER BY c.path LIMIT $2) c`;
    return this.withReplies('thread-children', tops, [parentId, limit + 1, afterPath ?? '', viewerId], viewerId, caps);
  }

  /** One comment by id with its first replies (for permalinks). */
  async findOneWithReplies(id: string, viewerId: string | null, caps: ReplyCaps) {
    const tops = 'SELECT c.*, 1::bigint AS ord FROM comments c WHERE c.id = $1';
    return this.withReplies('thread-one', tops, [id], viewerId, caps);
  }

  /** Ancestors by their paths (all prefixes of a comment's path), top first. */
  findByPaths(rootId: string, paths: string[]): Promise<CommentRow[]> {
    if (paths.length === 0) return Promise.resolve([]);
    return this.prisma.forRead().$queryRaw<CommentRow[]>`
      SELECT ${ROW_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.root_id = ${rootId}::uuid AND c.path = ANY(${paths}::text[]) ORDER BY c.depth`;
  }

  /** One comment as the thread shows it (after every post, to answer with it). */
  async findRow(id: string): Promise<CommentRow | null> {
    const rows = await runHot<CommentRow>(this.prisma.forRead(), {
      name: 'comment-row',
      bench: 'bench/load.mjs',
      text: `SELECT ${COMMENT_ROW_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
      values: [id],
    });
    return rows[0] ?? null;
  }

  /** The viewer's own held top-level comments on an article, newest first. */
  findOwnHeldTops(articleId: string, viewerId: string): Promise<CommentRow[]> {
    return this.prisma.forRead().$queryRaw<CommentRow[]>`
      SELECT ${ROW_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.author_id = ${viewerId}::uuid AND c.article_id = ${articleId}::uuid AND c.parent_id IS NULL
        AND c.status IN ${Prisma.raw(STATUS_SQL.held)}
      ORDER BY c.created_at DESC LIMIT 20`;
  }

  /** The latest decision on each of these comments, with its appeal's status (for statements of reasons). */
  async findLatestDecisions(commentIds: string[]): Promise<Map<string, LatestDecisionRow>> {
    const rows = await this.prisma.forRead().$queryRaw<LatestDecisionRow[]>`
      SELECT DISTINCT ON (d.comment_id) d.comment_id AS "commentId", d.action::text AS action, d.reason::text AS reason,
             d.message, d.created_at AS "createdAt", a.status::text AS "appealStatus"
      FROM moderation_decisions d LEFT JOIN appeals a ON a.decision_id = d.id
      WHERE d.comment_id = ANY(${commentIds}::uuid[])
      ORDER BY d.comment_id, d.created_at DESC`;
    return new Map(rows.map((r) => [r.commentId, r]));
  }

  /** The viewer's reactions on a page's comments (after every post too, to answer with the new comment). */
  async findViewerReactions(viewerId: string, commentIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (commentIds.length === 0) return map;
    const rows = await runHot<{ commentId: string; kind: string }>(this.prisma.forRead(), {
      name: 'viewer-reactions',
      bench: 'bench/load.mjs',
      text: 'SELECT comment_id AS "commentId", kind FROM reactions WHERE user_id = $1 AND comment_id = ANY($2::uuid[])',
      values: [viewerId, commentIds],
    });
    for (const r of rows) map.set(r.commentId, [...(map.get(r.commentId) ?? []), r.kind]);
    return map;
  }

  countsFor(articleIds: string[]): Promise<{ id: string; commentCount: number }[]> {
    return this.prisma.forRead().$queryRaw<{ id: string; commentCount: number }[]>`
      SELECT id, comment_count AS "commentCount" FROM articles WHERE id = ANY(${articleIds}::uuid[])`;
  }

  /**
   * Labels of the labelled comments on a page. The desk writes these tables; thread reads read
   * them here so that comments never call the desk (the desk depends on comments, issue 14).
   */
  findLabels(commentIds: string[]): Promise<LabelRow[]> {
    // Ordered, so every reader sees the same first label: a claim's verdict (or the external
    // fact-check it cites) before a label of the comment's own; among claims, the one linked first.
    return this.prisma.forRead().$queryRaw<LabelRow[]>`
      SELECT "commentId", verdict, summary, sources, "asOf", "claimId", statement, version, "externalUrl", "externalPublisher", "externalRating" FROM (
        SELECT cc.comment_id AS "commentId", CASE WHEN c.external_review_url IS NULL THEN v.verdict END AS verdict,
               coalesce(CASE WHEN c.external_review_url IS NULL THEN v.summary END, c.external_review_publisher || ': ' || c.external_review_rating) AS summary,
               CASE WHEN c.external_review_url IS NULL THEN v.sources
                    ELSE jsonb_build_array(jsonb_build_object('url', c.external_review_url, 'title', c.external_review_publisher)) END AS sources,
               coalesce(c.external_review_at, v.as_of) AS "asOf",
               c.id AS "claimId", c.statement, CASE WHEN c.external_review_url IS NULL THEN v.version END AS version,
               c.external_review_url AS "externalUrl", c.external_review_publisher AS "externalPublisher", c.external_review_rating AS "externalRating",
               0 AS rank, cc.created_at AS linked
        FROM claim_comments cc JOIN claims c ON c.id = cc.claim_id LEFT JOIN claim_verdicts v ON v.id = c.current_verdict_id
        WHERE cc.comment_id = ANY(${commentIds}::uuid[]) AND (c.current_verdict_id IS NOT NULL OR c.external_review_url IS NOT NULL)
        UNION ALL
        SELECT l.comment_id, l.verdict, l.summary, l.sources, l.as_of, NULL, NULL, NULL, NULL, NULL, NULL, 1, l.created_at
        FROM comment_labels l WHERE l.comment_id = ANY(${commentIds}::uuid[])
      ) x
      ORDER BY "commentId", rank, linked, "claimId"`;
  }

  /**
   * Context notes rated helpful (shown under their comment), for the labelled comments on a page:
   * each comment's own, and those on the claims it is linked to (a claim's note follows the claim
   * to every comment linked to it, on any article, now or later).
   */
  findHelpfulNotes(commentIds: string[]): Promise<HelpfulNoteRow[]> {
    return this.prisma.forRead().$queryRaw<HelpfulNoteRow[]>`
      SELECT n.id, n.comment_id AS "commentId", n.text, n.sources, n.created_at
      FROM context_notes n WHERE n.comment_id = ANY(${commentIds}::uuid[]) AND n.status = 'HELPFUL'
      UNION ALL
      SELECT n.id, cc.comment_id, n.text, n.sources, n.created_at
      FROM claim_comments cc JOIN context_notes n ON n.claim_id = cc.claim_id AND n.status = 'HELPFUL'
      WHERE cc.comment_id = ANY(${commentIds}::uuid[])
      ORDER BY created_at, id`;
  }

  private async withReplies(
    name: string,
    topsSql: string,
    topsParams: unknown[],
    viewerId: string | null,
    caps: ReplyCaps,
  ): Promise<{ tops: RowWithKind[]; replies: RowWithKind[] }> {
    const n = topsParams.length;
    const [viewer, depth, fetch] = [`$${n + 1}`, `$${n + 2}`, `$${n + 3}`];
    const params = [...topsParams, viewerId, caps.depth, caps.fetch];
    const sql = `
      WITH tops AS (${topsSql})
      SELECT * FROM (
        SELECT 0 AS kind, c.ord, ${COMMENT_ROW_COLUMNS} FROM tops c JOIN users u ON u.id = c.author_id
        UNION ALL
        SELECT 1 AS kind, t.ord, ${COMMENT_ROW_COLUMNS}
        FROM tops t
        CROSS JOIN LATERAL (
          SELECT r.* FROM comments r
          WHERE r.root_id = t.root_id AND r.parent_id IS NOT NULL
            AND r.path > t.path AND r.path < t.path || 'g'
            AND r.depth <= t.depth + ${depth} AND ${shownToViewerSql('r', viewer)}
          ORDER BY r.path LIMIT ${fetch}) c
        JOIN users u ON u.id = c.author_id
      ) x ORDER BY x.ord, x.kind, x.path`;
    const rows = await runHot<RowWithKind>(this.prisma.forRead(), { name, bench: 'bench/load.mjs', text: sql, values: params });
    // One pass over the rows; each list keeps the statement's order.
    const tops: RowWithKind[] = [];
    const replies: RowWithKind[] = [];
    for (const r of rows) (r.kind === 0 ? tops : replies).push(r);
    return { tops, replies };
  }
}
