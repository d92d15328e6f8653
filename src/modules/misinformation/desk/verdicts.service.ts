import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { Tx } from '../../../database/prisma.service';
import type { Verdict } from '../../../generated/prisma/enums';
import { AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';
import { deskError } from './desk.errors';
import { ClaimDetailDto } from './dto/claim.dto';
import { ExternalReviewDto } from './dto/external-review.dto';
import { VerdictDto } from './dto/verdict.dto';

const DAY_MS = 86_400_000;

/** Versioned verdicts on claims: a new version labels every linked comment at once. */
@Injectable()
export class VerdictsService {
  constructor(
    private readonly events: EventsService,
    private readonly claims: ClaimsRepository,
    private readonly claimsService: ClaimsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new verdict version; every linked comment shows it at once. */
  async issue(actor: Principal, claimId: string, dto: VerdictDto): Promise<ClaimDetailDto> {
    await this.events.transaction(async (tx) => {
      if (!(await this.claims.lock(claimId, tx))) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
      const previous = (await this.claims.findById(claimId, tx))?.currentVerdict?.verdict ?? null;
      const unsettled = dto.verdict === 'UNVERIFIED' || dto.verdict === 'DISPUTED';
      const reviewBy = unsettled ? (dto.reviewBy ?? new Date(Date.now() + this.config.moderation.verdictReviewDays * DAY_MS)) : null;
      const v = await this.claims.addVerdict(
        claimId,
        { verdict: dto.verdict, summary: dto.summary.trim(), sources: dto.sources, asOf: dto.asOf ?? new Date(), authorId: actor.id, reviewBy },
        tx,
      );
      const linked = await this.claims.linkedCommentArticles(claimId, tx);
      await this.claims.refreshLabeled(linked.map((l) => l.commentId), tx);
      await this.recordLabelChanges(linked, v.verdict, tx);
      await this.audit.record(
        { kind: 'VERDICT_ISSUED', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { version: v.version, verdict: v.verdict, previous } },
        tx,
      );
      await this.events.record(tx, { type: 'verdict.published', payload: { claimId, version: v.version, verdict: v.verdict, previous } });
    });
    return this.claimsService.get(claimId);
  }

  /**
   * Cites an external fact-check (null: stops citing it). While cited, the claim's label under
   * every linked comment shows the publisher's rating and link instead of the desk's verdict.
   */
  async citeExternal(actor: Principal, claimId: string, dto: ExternalReviewDto | null): Promise<ClaimDetailDto> {
    const review = dto ? { url: dto.url.trim(), publisher: dto.publisher.trim(), rating: dto.rating.trim() } : null;
    await this.events.transaction(async (tx) => {
      if (!(await this.claims.lock(claimId, tx))) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
      if (!review && !(await this.claims.findById(claimId, tx))?.externalReviewUrl) throw deskError('NO_EXTERNAL_REVIEW', 'This claim cites no external fact-check.');
      await this.claims.setExternalReview(claimId, review, tx);
      const linked = await this.claims.linkedCommentArticles(claimId, tx);
      await this.claims.refreshLabeled(linked.map((l) => l.commentId), tx);
      await this.recordLabelChanges(linked, (await this.claims.findById(claimId, tx))?.currentVerdict?.verdict ?? null, tx);
      await this.audit.record({ kind: 'CLAIM_EXTERNAL_REVIEW_SET', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { review } }, tx);
    });
    return this.claimsService.get(claimId);
  }

  /** Every linked comment's label changed with the claim: one event each, so readers' streams and webhooks hear of it. */
  private async recordLabelChanges(linked: { commentId: string; articleId: string }[], verdict: Verdict | null, tx: Tx): Promise<void> {
    for (const { commentId, articleId } of linked) await this.events.record(tx, { type: 'label.changed', payload: { commentId, articleId, verdict } });
  }
}
