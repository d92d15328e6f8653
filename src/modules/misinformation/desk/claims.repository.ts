import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';
import type { Verdict } from '../../../generated/prisma/enums';
import type { CampaignComment } from './campaigns';

const WITH_CURRENT = { currentVerdict: true, _count: { select: { comments: true } } } as const;
export type ClaimRow = Prisma.ClaimGetPayload<{ include: typeof WITH_CURRENT }>;

/** A comment on the desk: open misinformation reports (JSON, oldest first) and the claims it is linked to. */
export interface DeskItemRow {
  id: string;
  article_id: string;
  title: string;
  body_html: string;
  status: string;
  created_at: Date;
  reach: number;
  urgent: boolean;
  first_report: Date;
  reports: { details: string | null; sourceUrl: string | null; at: string }[];
  claims: { id: string; statement: string; verdict: Verdict | null }[] | null;
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

  history(claimId: string) {
    return this.prisma.claimVerdict.findMany({ where: { claimId }, orderBy: { version: 'desc' } });
  }

  linkedComments(claimId: string) {
    return this.prisma.$queryRaw<{ id: string; article_id: string; status: string; body_html: string; created_at: Date; automatic: boolean }[]>`
      SELECT c.id, c.article_id, c.status, c.body_html, c.created_at, cc.linked_by_id IS NULL AS automatic
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
    await tx.$queryRaw`SELECT 1 FROM comments WHERE id = ${commentId}::uuid FOR UPDATE`;
  }

  /** Locks the claim so that verdict versions are numbered one after the other. */
  async lock(claimId: string, tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM claims WHERE id = ${claimId}::uuid FOR UPDATE`;
    return rows.length === 1;
  }

  /** Comments that repeat the claim by trigram word similarity, not yet linked, most similar first. */
  proposals(claimId: string, statement: string, limit: number) {
    return this.prisma.$queryRaw<{ id: string; article_id: string; body_html: string; created_at: Date; similarity: number }[]>`
      SELECT c.id, c.article_id, c.body_html, c.created_at, word_similarity(${statement}, c.body_source) AS similarity
      FROM comments c
      WHERE ${statement} <% c.body_source AND c.status IN ('PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD')
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
    const { rows } = await client.query<{ id: string; author_id: string; body: string; created_at: Date }>(
      `SELECT id, author_id, left(body_source, 2000) AS body, created_at FROM comments
       WHERE created_at > now() - make_interval(hours => $1::int) AND status <> 'DELETED' AND length(body_source) >= 20
       ORDER BY created_at DESC LIMIT $2::int`,
      [hours, limit + 1],
    );
    const comments = rows.slice(0, limit).map((r) => ({ id: r.id, authorId: r.author_id, body: r.body, createdAt: r.created_at }));
    return { comments, truncated: rows.length > limit };
  }

  /** A comment's text and article, for matching it against known claims (null when the comment is gone). */
  async findCommentText(commentId: string, tx: Tx): Promise<{ body: string; articleId: string } | null> {
    const rows = await tx.$queryRaw<{ body: string; articleId: string }[]>`
      SELECT body_source AS body, article_id AS "articleId" FROM comments WHERE id = ${commentId}::uuid`;
    return rows[0] ?? null;
  }

  /** Known claims the text repeats (for automatic attachment). */
  matchingClaims(text: string, tx: Tx = this.prisma) {
    return tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM claims WHERE word_similarity(statement, ${text}) >= ${CLAIM_MATCH_SIMILARITY} ORDER BY word_similarity(statement, ${text}) DESC LIMIT 3`;
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
                WHERE cc.comment_id = c.id AND cl.current_verdict_id IS NOT NULL)
        OR EXISTS (SELECT 1 FROM comment_labels l WHERE l.comment_id = c.id)
        OR EXISTS (SELECT 1 FROM context_notes n WHERE n.comment_id = c.id AND n.status = 'HELPFUL')
      WHERE c.id = ANY(${commentIds}::uuid[])`;
  }

  async commentIdsOf(claimId: string, tx: Tx): Promise<string[]> {
    const rows = await tx.claimComment.findMany({ where: { claimId }, select: { commentId: true } });
    return rows.map((r) => r.commentId);
  }

  commentExists(id: string) {
    return this.prisma.comment.findUnique({ where: { id }, select: { id: true, articleId: true, authorId: true, bodySource: true } });
  }

  /** The desk: comments with open misinformation reports, with reach and their claims. */
  deskItems(limit: number) {
    return this.prisma.$queryRaw<DeskItemRow[]>`
      SELECT c.id, c.article_id, a.title, c.body_html, c.status, c.created_at,
             (c.reply_count + c.respect_count + c.disagree_count + c.open_flag_weight)::float8 AS reach,
             c.urgent_flag_count > 0 AS urgent,
             (SELECT min(f.created_at) FROM flags f WHERE f.comment_id = c.id AND f.status = 'OPEN' AND f.reason = 'MISINFORMATION') AS first_report,
             (SELECT json_agg(json_build_object('details', f.details, 'sourceUrl', f.source_url, 'at', f.created_at) ORDER BY f.created_at)
                FROM flags f WHERE f.comment_id = c.id AND f.status = 'OPEN' AND f.reason = 'MISINFORMATION') AS reports,
             (SELECT json_agg(json_build_object('id', cl.id, 'statement', cl.statement, 'verdict', v.verdict))
                FROM claim_comments cc JOIN claims cl ON cl.id = cc.claim_id LEFT JOIN claim_verdicts v ON v.id = cl.current_verdict_id
                WHERE cc.comment_id = c.id) AS claims
      FROM comments c JOIN articles a ON a.id = c.article_id
      WHERE c.misinfo_flag_count > 0 AND c.status NOT IN ('REJECTED', 'DELETED')
      ORDER BY reach DESC, c.created_at ASC LIMIT ${limit}::int`;
  }

  /** Claims whose UNVERIFIED or DISPUTED verdict is due for review. */
  dueForReview(now: Date) {
    return this.prisma.claim.findMany({ where: { reviewBy: { lte: now } }, include: WITH_CURRENT, orderBy: { reviewBy: 'asc' }, take: 100 });
  }
}
