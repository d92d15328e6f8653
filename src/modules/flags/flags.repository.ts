import { Injectable } from '@nestjs/common';
import { statusSql } from '../../common/comment-status/comment-status';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import { CommentStatus, type FlagReason } from '../../generated/prisma/enums';

export interface FlagTarget {
  id: string;
  articleId: string;
  authorId: string;
  status: CommentStatus;
  hiddenAncestors: number;
  bodySource: string;
}

/** What the flag weight and the brigading check know about a reporter. */
export interface ReporterRecordRow {
  createdAt: Date;
  /** Approved comments, counted up to 100. */
  approved: number;
  /** The reporter's earlier flags of this reason that moderators agreed / disagreed with. */
  agreed: number;
  disagreed: number;
  /** Accounts created within the burst window around this one (itself included). */
  createdNearby: number;
}

export interface NewFlag {
  commentId: string;
  articleId: string;
  reporterId: string;
  reason: FlagReason;
  details: string | null;
  sourceUrl: string | null;
  weight: number;
  countsTowardHiding: boolean;
  urgent: boolean;
}

const APPROVED_SQL = Prisma.raw(statusSql(CommentStatus.APPROVED));

@Injectable()
export class FlagsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findTarget(commentId: string): Promise<FlagTarget | null> {
    return this.prisma.comment.findUnique({
      where: { id: commentId },
      select: { id: true, articleId: true, authorId: true, status: true, hiddenAncestors: true, bodySource: true },
    });
  }

  /** Everything the weight and the brigading check need about a reporter, in one statement. */
  async reporterRecord(reporterId: string, reason: FlagReason, burstMinutes: number): Promise<ReporterRecordRow> {
    const rows = await this.prisma.$queryRaw<ReporterRecordRow[]>`
      SELECT u.created_at AS "createdAt",
         (SELECT count(*)::int FROM (SELECT 1 FROM comments c WHERE c.author_id = u.id AND c.status = ${APPROVED_SQL} LIMIT 100) a) AS approved,
         (SELECT count(*)::int FROM flags f WHERE f.reporter_id = u.id AND f.reason = ${reason}::"FlagReason" AND f.status = 'AGREED') AS agreed,
         (SELECT count(*)::int FROM flags f WHERE f.reporter_id = u.id AND f.reason = ${reason}::"FlagReason" AND f.status = 'DISAGREED') AS disagreed,
         (SELECT count(*)::int FROM users o
           WHERE o.created_at BETWEEN u.created_at - make_interval(mins => ${burstMinutes}::int)
                                  AND u.created_at + make_interval(mins => ${burstMinutes}::int)) AS "createdNearby"
      FROM users u WHERE u.id = ${reporterId}::uuid`;
    return rows[0];
  }

  /**
   * Inserts the flag unless the reporter already has an open one on the comment, and moves the
   * comment's open-flag counters in the same transaction. Returns the new weight sum and status,
   * or null for a repeat (a no-op).
   */
  async insert(flag: NewFlag, tx: Tx): Promise<{ status: CommentStatus; openFlagWeight: number } | null> {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO flags (id, comment_id, article_id, reporter_id, reason, details, source_url, weight, counts_toward_hiding)
      VALUES (gen_random_uuid(), ${flag.commentId}::uuid, ${flag.articleId}::uuid, ${flag.reporterId}::uuid, ${flag.reason}::"FlagReason",
              ${flag.details}::text, ${flag.sourceUrl}::text, ${flag.weight}::float8, ${flag.countsTowardHiding}::boolean)
      ON CONFLICT (comment_id, reporter_id) WHERE status = 'OPEN' DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) return null;
    const misinfo = flag.reason === 'MISINFORMATION';
    const hidingWeight = !misinfo && flag.countsTowardHiding ? flag.weight : 0;
    const [row] = await tx.$queryRaw<{ status: CommentStatus; openFlagWeight: number }[]>`
      UPDATE comments SET
        open_flag_count = open_flag_count + ${misinfo ? 0 : 1}::int,
        open_flag_weight = open_flag_weight + ${hidingWeight}::float8,
        urgent_flag_count = urgent_flag_count + ${flag.urgent ? 1 : 0}::int,
        misinfo_flag_count = misinfo_flag_count + ${misinfo ? 1 : 0}::int
      WHERE id = ${flag.commentId}::uuid
      RETURNING status, open_flag_weight AS "openFlagWeight"`;
    return row;
  }

  async addCheckReason(commentId: string, reason: string, tx: Tx): Promise<void> {
    await tx.$executeRaw`
      UPDATE comments SET check_reasons = array_append(check_reasons, ${reason}::text)
      WHERE id = ${commentId}::uuid AND NOT (${reason}::text = ANY(check_reasons))`;
  }

  /** Raises a burst alert for an article unless one was raised within the window. */
  async raiseBurstAlertIfNeeded(articleId: string, windowSeconds: number, threshold: number, tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH recent AS (
        SELECT count(*)::int AS n, count(DISTINCT reporter_id)::int AS reporters FROM flags
        WHERE article_id = ${articleId}::uuid AND reporter_id IS NOT NULL AND created_at > now() - make_interval(secs => ${windowSeconds}::int)
      )
      INSERT INTO moderation_alerts (id, article_id, kind, details)
      SELECT gen_random_uuid(), ${articleId}::uuid, 'FLAG_BURST',
             jsonb_build_object('flags', recent.n, 'reporters', recent.reporters, 'windowSeconds', ${windowSeconds}::int)
      FROM recent
      WHERE recent.n >= ${threshold}::int
        AND NOT EXISTS (SELECT 1 FROM moderation_alerts a WHERE a.article_id = ${articleId}::uuid AND a.kind = 'FLAG_BURST'
                        AND a.resolved_at IS NULL AND a.created_at > now() - make_interval(secs => ${windowSeconds}::int))
      RETURNING id`;
    return rows.length > 0;
  }

  /** Serializes flag inserts per comment so the threshold check sees every earlier flag. */
  async lockComment(commentId: string, tx: Tx): Promise<void> {
    await tx.$queryRaw`SELECT 1 FROM comments WHERE id = ${commentId}::uuid FOR NO KEY UPDATE`;
  }

  /** Resolves the open flags of a comment after a decision; returns how many were resolved. */
  async resolveOpen(commentId: string, agreed: boolean, includeMisinformation: boolean, tx: Tx): Promise<number> {
    const status = agreed ? 'AGREED' : 'DISAGREED';
    const resolved = await tx.$executeRaw`
      UPDATE flags SET status = ${status}::"FlagStatus", resolved_at = now()
      WHERE comment_id = ${commentId}::uuid AND status = 'OPEN' AND (${includeMisinformation}::boolean OR reason <> 'MISINFORMATION')`;
    await tx.$executeRaw`
      UPDATE comments c SET
        open_flag_count = s.open_count, open_flag_weight = s.open_weight,
        urgent_flag_count = s.urgent_count, misinfo_flag_count = s.misinfo_count
      FROM (
        SELECT count(*) FILTER (WHERE reason <> 'MISINFORMATION')::int AS open_count,
               coalesce(sum(weight) FILTER (WHERE reason <> 'MISINFORMATION' AND counts_toward_hiding), 0) AS open_weight,
               count(*) FILTER (WHERE reason IN ('REVEALS_POSITIONS', 'IDENTIFIES_VICTIM', 'GRAPHIC_MEDIA', 'TERRORIST_PROPAGANDA'))::int AS urgent_count,
               count(*) FILTER (WHERE reason = 'MISINFORMATION')::int AS misinfo_count
        FROM flags WHERE comment_id = ${commentId}::uuid AND status = 'OPEN'
      ) s
      WHERE c.id = ${commentId}::uuid`;
    return resolved;
  }

  /**
   * Resolves a comment's open misinformation reports (the desk's outcome) and zeroes its count of
   * them, in one statement; the caller holds the comment row locked, as flag inserts do, so no
   * report arrives in between. Returns how many were resolved.
   */
  async resolveOpenMisinformation(commentId: string, agreed: boolean, tx: Tx): Promise<number> {
    const status = agreed ? 'AGREED' : 'DISAGREED';
    const [row] = await tx.$queryRaw<{ resolved: number }[]>`
      WITH resolved AS (
        UPDATE flags SET status = ${status}::"FlagStatus", resolved_at = now()
        WHERE comment_id = ${commentId}::uuid AND status = 'OPEN' AND reason = 'MISINFORMATION' RETURNING id
      )
      UPDATE comments SET misinfo_flag_count = 0 WHERE id = ${commentId}::uuid
      RETURNING (SELECT count(*)::int FROM resolved) AS resolved`;
    return row?.resolved ?? 0;
  }

  /** The comment's open misinformation reports, read under the row lock. */
  async openMisinformationCount(commentId: string, tx: Tx): Promise<number | null> {
    const rows = await tx.$queryRaw<{ n: number }[]>`SELECT misinfo_flag_count AS n FROM comments WHERE id = ${commentId}::uuid FOR NO KEY UPDATE`;
    return rows.length === 0 ? null : rows[0].n;
  }
}
