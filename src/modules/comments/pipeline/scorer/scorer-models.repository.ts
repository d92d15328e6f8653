import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../../database/prisma.service';

export type ModelKind = 'abuse' | 'spam';

/** One human decision, as the retraining command exports it. */
export interface DecisionExample {
  commentId: string;
  action: 'APPROVE' | 'REJECT';
  reason: string | null;
  /** The text of the revision the moderator decided on. */
  text: string;
  decidedAt: Date;
  /** The scorer outcomes recorded for that revision (with each model's version), or null. */
  scorer: unknown;
}

/** The retrained local models, and the decisions they learn from. */
@Injectable()
export class ScorerModelsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The newest model of each kind: what every instance should be scoring with. */
  async latestVersions(): Promise<{ id: string; kind: ModelKind; version: string }[]> {
    return this.prisma.$queryRaw<{ id: string; kind: ModelKind; version: string }[]>`
      SELECT DISTINCT ON (kind) id, kind, version FROM scorer_models ORDER BY kind, created_at DESC, id DESC`;
  }

  async modelText(id: string): Promise<string | null> {
    const row = await this.prisma.scorerModel.findUnique({ where: { id }, select: { model: true } });
    return row?.model ?? null;
  }

  /** A retraining's models, all or none (one statement), so instances never load half of it. */
  async insertVersion(models: { kind: ModelKind; version: string; file: string; model: string; evaluation: object }[]): Promise<void> {
    await this.prisma.scorerModel.createMany({ data: models });
  }

  /**
   * Each comment's latest approval or rejection since a time, with the text of the revision the
   * moderator saw and the scorer outcome recorded for that revision: the model version that scored
   * it is joined through (comment, revision), so a model's precision can be measured later.
   */
  async decisionsSince(since: Date): Promise<DecisionExample[]> {
    return this.prisma.$queryRaw<DecisionExample[]>`
      SELECT DISTINCT ON (d.comment_id) d.comment_id AS "commentId", d.action::text AS action, d.reason::text AS reason,
              r.body_source AS text, d.created_at AS "decidedAt",
              (SELECT cr.scorer FROM comment_check_runs cr WHERE cr.comment_id = d.comment_id AND cr.revision = d.revision
               ORDER BY cr.created_at DESC LIMIT 1) AS scorer
       FROM moderation_decisions d JOIN comment_revisions r ON r.comment_id = d.comment_id AND r.revision = d.revision
       WHERE d.created_at >= ${since} AND d.action IN ('APPROVE', 'REJECT')
       ORDER BY d.comment_id, d.created_at DESC, d.id DESC`;
  }
}
