import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service';

/** A verdict shown on an article's comment: through a claim (with its statement) or a direct label. */
export interface TransparencyLabelRow {
  commentId: string;
  verdict: string;
  statement: string | null;
  asOf: Date;
  since: Date;
}

/** A removal or restoration on an article, with its appeal's status. */
export interface TransparencyDecisionRow {
  commentId: string;
  action: string;
  reason: string | null;
  createdAt: Date;
  appealStatus: string | null;
}

/** Public figures only: reason codes, verdicts, dates and counts; never who reported or decided. */
@Injectable()
export class TransparencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  articleLabels(articleId: string) {
    return this.prisma.$queryRaw<TransparencyLabelRow[]>`
      SELECT cc.comment_id AS "commentId", v.verdict, cl.statement, v.as_of AS "asOf", v.created_at AS since
      FROM claim_comments cc JOIN comments c ON c.id = cc.comment_id
      JOIN claims cl ON cl.id = cc.claim_id JOIN claim_verdicts v ON v.id = cl.current_verdict_id
      WHERE c.article_id = ${articleId}::uuid
      UNION ALL
      SELECT l.comment_id, l.verdict, NULL, l.as_of, l.created_at FROM comment_labels l JOIN comments c ON c.id = l.comment_id
      WHERE c.article_id = ${articleId}::uuid
      ORDER BY since DESC LIMIT 500`;
  }

  articleDecisions(articleId: string) {
    return this.prisma.$queryRaw<TransparencyDecisionRow[]>`
      SELECT d.comment_id AS "commentId", d.action, d.reason, d.created_at AS "createdAt", a.status AS "appealStatus"
      FROM moderation_decisions d JOIN comments c ON c.id = d.comment_id LEFT JOIN appeals a ON a.decision_id = d.id
      WHERE c.article_id = ${articleId}::uuid AND d.action IN ('REJECT', 'RESTORE')
      ORDER BY d.created_at DESC LIMIT 500`;
  }

  async month(from: Date, to: Date) {
    const [decisions, flags, median, appeals, verdicts] = await Promise.all([
      this.prisma.$queryRaw<{ action: string; reason: string | null; n: number }[]>`
        SELECT action, reason, count(*)::int AS n FROM moderation_decisions
        WHERE created_at >= ${from} AND created_at < ${to} GROUP BY 1, 2 ORDER BY 1, 2`,
      this.prisma.$queryRaw<{ reason: string; n: number }[]>`
        SELECT reason, count(*)::int AS n FROM flags WHERE created_at >= ${from} AND created_at < ${to} AND reporter_id IS NOT NULL
        GROUP BY 1 ORDER BY 1`,
      this.prisma.$queryRaw<{ hours: number | null }[]>`
        SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.first_decision - f.first_flag)) / 3600)::float8 AS hours
        FROM (SELECT comment_id, min(created_at) AS first_flag FROM flags WHERE reporter_id IS NOT NULL GROUP BY 1) f
        JOIN (SELECT comment_id, min(created_at) AS first_decision FROM moderation_decisions GROUP BY 1) d USING (comment_id)
        WHERE d.first_decision >= ${from} AND d.first_decision < ${to} AND d.first_decision >= f.first_flag`,
      this.prisma.$queryRaw<{ status: string; n: number }[]>`
        SELECT status::text, count(*)::int AS n FROM appeals WHERE created_at >= ${from} AND created_at < ${to} GROUP BY 1`,
      this.prisma.$queryRaw<{ verdict: string; n: number }[]>`
        SELECT verdict::text, count(*)::int AS n FROM claim_verdicts WHERE created_at >= ${from} AND created_at < ${to} GROUP BY 1`,
    ]);
    return { decisions, flags, median: median[0]?.hours ?? null, appeals, verdicts };
  }
}
