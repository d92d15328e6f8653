import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { STATUS_SQL, statusSql } from '../../../common/comment-status/comment-status';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';
import { CommentStatus, type Verdict } from '../../../generated/prisma/enums';
import type { CampaignComment } from './campaigns';

const WITH_CURRENT = { currentVerdict: true, _count: { select: { comments: true } } } as const;
export type ClaimRow = Prisma.ClaimGetPayload<{ include: typeof WITH_CURRENT }>;

/** A comment on the desk: open misinformation reports (JSON, oldest first) and the claims it is linked to. */
export interface DeskItemRow {
  id: string;
  articleId: string;
  title: string;
  bodyHtml: string;
  status: CommentStatus;
  createdAt: Date;
  reach: number;
  urgent: boolean;
  /** Readers who asked for context on the comment: the queue's first ordering. */
  contextRequests: number;
  firstReport: Date;
  reports: { details: string | null; sourceUrl: string | null; at: string }[];
  claims: { id: string; statement: string; verdict: Verdict | null }[] | null;
}

/** A comment linked to a claim; `automatic` when the desk's matching linked it, not a person. */
export interface LinkedCommentRow {
  id: string;
  articleId: string;
  status: CommentStatus;
  bodyHtml: string;
  createdAt: Date;
  automatic: boolean;
}

/** A comment that repeats a claim and is not linked to it yet. */
export interface ProposalRow {
  id: string;
  articleId: string;
  bodyHtml: string;
  createdAt: Date;
  similarity: number;
}

/** How close (pg_trgm word similarity) a comment's text must come to a claim's statement to be attached to it. */
export const CLAIM_MATCH_SIMILARITY = 0.6;

@Injectable()
export class ClaimsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(statement: string, createdById: string, tx: Tx) {
    return tx.claim.create({ data: { statement, createdById }, include: WITH_CURRENT });
  }

  findById(id: string, tx: Tx = this.prisma): Promise<ClaimRow | null> {
    return tx.claim.findUnique({ where: { id }, include: WITH_CURRENT });
  }

  list(q: string | undefined, afterId: string | undefined, limit: number): Promise<ClaimRow[]> {
    return this.prisma.claim.findMany({
      where: { statement: q ? { contains: q, mode: 'insensitive' } : undefined, id: afterId ? { lt: afterId } : undefined },
      include: WITH_CURRENT,
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
  }

  /** One verdict version of a claim (null: the current one), with the claim's statement and date. */
  findVerdictWithClaim(claimId: string, version: number | null) {
    return this.prisma.claimVerdict.findFirst({
      where: version === null ? { currentOf: { id: claimId } } : { claimId, version },
      include: { claim: { select: { statement: true, createdAt: true } } },
    });
  }

  history(claimId: string) {
    return this.prisma.claimVerdict.findMany({ where: { claimId }, orderBy: { version: 'desc' } });
  }

  linkedComments(claimId: string) {
    return this.prisma.$queryRaw<LinkedCommentRow[]>`
      SELECT c.id, c.article_id AS "articleId", c.status, c.body_html AS "bodyHtml", c.created_at AS "createdAt", cc.linked_by_id IS NULL AS automatic
      FROM claim_comments cc JOIN comments c ON c.id = cc.comment_id
      WHERE cc.claim_id = ${claimId}::uuid ORDER BY c.created_at DESC LIMIT 200`;
  }

  /** Links a comment; false when it already was. */
  async link(claimId: string, commentId: string, linkedById: string | null, tx: Tx): Promise<boolean> {
    const n = await tx.$executeRaw`
      INSERT INTO claim_comments (claim_id, comment_id, linked_by_id) VALUES (${claimId}::uuid, ${commentId}::uuid, ${linkedById}::uuid)
      ON CONFLICT DO NOTHING`;
    return n === 1;
  }

  async unlink(claimId: string, commentId: string, tx: Tx): Promise<boolean> {
    const n = await tx.$executeRaw`DELETE FROM claim_comments WHERE claim_id = ${claimId}::uuid AND comment_id = ${commentId}::uuid`;
    return n === 1;
  }

  async addVerdict(
    claimId: string,
    v: { verdict: Verdict; summary: string; sources: unknown; asOf: Date; authorId: string; reviewBy: Date | null },
    tx: Tx,
  ) {
    const [{ next }] = await tx.$queryRaw<{ next: number }[]>`
      SELECT coalesce(max(version), 0) + 1 AS next FROM claim_verdicts WHERE claim_id = ${claimId}::uuid`;
    const row = await tx.claimVerdict.create({
      data: { claimId, version: next, verdict: v.verdict, summary: v.summary, sources: v.sources as Prisma.InputJsonValue, asOf: v.asOf, authorId: v.authorId },
    });
    await tx.claim.update({ where: { id: claimId }, data: { currentVerdictId: row.id, reviewBy: v.reviewBy } });
    return row;
  }

  async lockComment(commentId: string, tx: Tx): Promise<void> {
    await tx.$queryRaw`SELECT 1 FROM comments WHERE id = ${commentId}::uuid FOR NO KEY UPDATE`;
  }

  /**
   * Holds the claim as linking does (the claim_comments foreign key takes this lock anyway), taken
   * before any comment row so the order matches a verdict's (claim, then its comments).
   */
  async holdForLinking(claimId: string, tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM claims WHERE id = ${claimId}::uuid FOR KEY SHARE`;
    return rows.length === 1;
  }

  /** Locks the claim so that verdict versions are numbered one after the other. */
  async lock(claimId: string, tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM claims WHERE id = ${claimId}::uuid FOR UPDATE`;
    return rows.length === 1;
  }

  /** Comments that repeat the claim by trigram word similarity, not yet linked, most similar first. */
  proposals(claimId: string, statement: string, limit: number) {
    return this.prisma.$queryRaw<ProposalRow[]>`
      SELECT c.id, c.article_id AS "articleId", c.body_html AS "bodyHtml", c.created_at AS "createdAt", word_similarity(${statement}, c.body_source) AS similarity
      FROM comments c
      WHERE ${statement} <% c.body_source AND c.status IN ${Prisma.raw(STATUS_SQL.live)}
        AND NOT EXISTS (SELECT 1 FROM claim_comments cc WHERE cc.claim_id = ${claimId}::uuid AND cc.comment_id = c.id)
      ORDER BY similarity DESC, c.created_at DESC LIMIT ${limit}::int`;
  }

  /**
   * Near-identical comments from different accounts within the last hours: each recent comment
   * with the distinct authors of the comments similar to it (trigram similarity on the GIN index).
   */
  /**
   * The most recent comments of the window, newest first, at most `limit` (one more is read to
   * tell whether there were more). Bodies are cut to 2,000 characters: near-identical text shows
   * in its beginning, and the comparison's cost grows with length. Runs on a bounded connection.
   */
  async recentForCampaigns(client: PoolClient, hours: number, limit: number): Promise<{ comments: CampaignComment[]; truncated: boolean }> {
    const { rows } = await client.query<CampaignComment>(
      `SELECT id, author_id AS "authorId", left(body_source, 2000) AS body, created_at AS "createdAt" FROM comments
       WHERE created_at > now() - make_interval(hours => $1::int) AND status <> ${statusSql(CommentStatus.DELETED)} AND length(body_source) >= 20
       ORDER BY created_at DESC LIMIT $2::int`,
      [hours, limit + 1],
    );
    return { comments: rows.slice(0, limit), truncated: rows.length > limit };
  }

  /** A comment's text and article, for matching it against known claims (null when the comment is gone). */
  async findCommentText(commentId: string, tx: Tx): Promise<{ body: string; articleId: string } | null> {
    const rows = await tx.$queryRaw<{ body: string; articleId: string }[]>`
      SELECT body_source AS body, article_id AS "articleId" FROM comments WHERE id = ${commentId}::uuid`;
    return rows[0] ?? null;
  }

  /** Known claims the text repeats (for automatic attachment). */
  /** Claims the text repeats; with `knownAt`, only claims that existed then (an event handled later sees the world of its time). */
  matchingClaims(text: string, tx: Tx = this.prisma, knownAt: Date | null = null) {
    return tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM claims WHERE word_similarity(statement, ${text}) >= ${CLAIM_MATCH_SIMILARITY}
        AND (${knownAt}::timestamptz IS NULL OR created_at <= ${knownAt}::timestamptz)
      ORDER BY word_similarity(statement, ${text}) DESC LIMIT 3`;
  }

  /** Cites an external fact-check for the claim (null clears it); false when there is no such claim. */
  async setExternalReview(claimId: string, review: { url: string; publisher: string; rating: string } | null, tx: Tx): Promise<boolean> {
    const n = await tx.$executeRaw`
      UPDATE claims SET external_review_url = ${review?.url ?? null}::text, external_review_publisher = ${review?.publisher ?? null}::text,
        external_review_rating = ${review?.rating ?? null}::text, external_review_at = CASE WHEN ${review !== null}::boolean THEN now() END
      WHERE id = ${claimId}::uuid`;
    return n === 1;
  }

  async hasLabel(commentId: string, tx: Tx): Promise<boolean> {
    const [{ labelled }] = await tx.$queryRaw<{ labelled: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM comment_labels l WHERE l.comment_id = ${commentId}::uuid)
          OR EXISTS (SELECT 1 FROM claim_comments cc JOIN claims c ON c.id = cc.claim_id
                     WHERE cc.comment_id = ${commentId}::uuid AND (c.current_verdict_id IS NOT NULL OR c.external_review_url IS NOT NULL)) AS labelled`;
    return labelled;
  }

  upsertLabel(commentId: string, v: { verdict: Verdict; summary: string; sources: unknown; asOf: Date; authorId: string }, tx: Tx) {
    const data = { verdict: v.verdict, summary: v.summary, sources: v.sources as Prisma.InputJsonValue, asOf: v.asOf, authorId: v.authorId };
    return tx.commentLabel.upsert({ where: { commentId }, create: { commentId, ...data }, update: data });
  }

  async deleteLabel(commentId: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.commentLabel.deleteMany({ where: { commentId } });
    return count === 1;
  }

  /**
   * Marks comments that readers see something under (a claim with a verdict, an own label, or a
   * helpful context note), so thread reads fetch labels and notes only for those.
   */
  async refreshLabeled(commentIds: string[], tx: Tx): Promise<void> {
    if (commentIds.length === 0) return;
    await tx.$executeRaw`
      UPDATE comments c SET labeled =
        EXISTS (SELECT 1 FROM claim_comments cc JOIN claims cl ON cl.id = cc.claim_id
                WHERE cc.comment_id = c.id AND (cl.current_verdict_id IS NOT NULL OR cl.external_review_url IS NOT NULL))
        OR EXISTS (SELECT 1 FROM comment_labels l WHERE l.comment_id = c.id)
        OR EXISTS (SELECT 1 FROM context_notes n WHERE n.comment_id = c.id AND n.status = 'HELPFUL')
        OR EXISTS (SELECT 1 FROM claim_comments cc JOIN context_notes n ON n.claim_id = cc.claim_id
                   WHERE cc.comment_id = c.id AND n.status = 'HELPFUL')
      WHERE c.id = ANY(${commentIds}::uuid[])`;
  }

  /** Every comment linked to any of the claims (a claim note's status change relabels them all). */
  async commentIdsOfClaims(claimIds: string[], tx: Tx): Promise<string[]> {
    const rows = await tx.claimComment.findMany({ where: { claimId: { in: claimIds } }, select: { commentId: true } });
    return rows.map((r) => r.commentId);
  }

  /** The comments linked to a claim with their articles: whose labels a verdict changes. */
  async linkedCommentArticles(claimId: string, tx: Tx): Promise<{ commentId: string; articleId: string }[]> {
    return tx.$queryRaw<{ commentId: string; articleId: string }[]>`
      SELECT cc.comment_id AS "commentId", c.article_id AS "articleId"
      FROM claim_comments cc JOIN comments c ON c.id = cc.comment_id
      WHERE cc.claim_id = ${claimId}::uuid ORDER BY cc.comment_id`;
  }

  async commentIdsOf(claimId: string, tx: Tx): Promise<string[]> {
    const rows = await tx.claimComment.findMany({ where: { claimId }, select: { commentId: true } });
    return rows.map((r) => r.commentId);
  }

  commentExists(id: string) {
    return this.prisma.comment.findUnique({ where: { id }, select: { id: true, articleId: true, authorId: true, bodySource: true } });
  }

  /** The desk: comments with open misinformation reports, most requested for context first, then by reach; with their claims. */
  deskItems(limit: number) {
    return this.prisma.$queryRaw<DeskItemRow[]>`
      SELECT c.id, c.article_id AS "articleId", a.title, c.body_html AS "bodyHtml", c.status, c.created_at AS "createdAt",
             (c.reply_count + c.respect_count + c.disagree_count + c.open_flag_weight)::float8 AS reach,
             c.urgent_flag_count > 0 AS urgent,
             (SELECT count(*)::int FROM context_requests r WHERE r.comment_id = c.id) AS "contextRequests",
             (SELECT min(f.created_at) FROM flags f WHERE f.comment_id = c.id AND f.status = 'OPEN' AND f.reason = 'MISINFORMATION') AS "firstReport",
             (SELECT json_agg(json_build_object('details', f.details, 'sourceUrl', f.source_url, 'at', f.created_at) ORDER BY f.created_at)
                FROM flags f WHERE f.comment_id = c.id AND f.status = 'OPEN' AND f.reason = 'MISINFORMATION') AS reports,
             (SELECT json_agg(json_build_object('id', cl.id, 'statement', cl.statement, 'verdict', v.verdict))
                FROM claim_comments cc JOIN claims cl ON cl.id = cc.claim_id LEFT JOIN claim_verdicts v ON v.id = cl.current_verdict_id
                WHERE cc.comment_id = c.id) AS claims
      FROM comments c JOIN articles a ON a.id = c.article_id
      WHERE c.misinfo_flag_count > 0 AND c.status NOT IN ${Prisma.raw(STATUS_SQL.gone)}
      ORDER BY "contextRequests" DESC, reach DESC, c.created_at ASC LIMIT ${limit}::int`;
  }

  /** Claims whose UNVERIFIED or DISPUTED verdict is due for review. */
  dueForReview(now: Date) {
    return this.prisma.claim.findMany({ where: { reviewBy: { lte: now } }, include: WITH_CURRENT, orderBy: { reviewBy: 'asc' }, take: 100 });
  }
}
