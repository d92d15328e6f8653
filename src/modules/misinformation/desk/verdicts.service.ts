import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';
import { deskError } from './desk.errors';
import { ClaimDetailDto } from './dto/claim.dto';
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
      await this.claims.refreshLabeled(await this.claims.commentIdsOf(claimId, tx), tx);
      await this.audit.record(
        { kind: 'VERDICT_ISSUED', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { version: v.version, verdict: v.verdict, previous } },
        tx,
      );
      await this.events.record(tx, { type: 'verdict.published', payload: { claimId, version: v.version, verdict: v.verdict, previous } });
    });
    return this.claimsService.get(claimId);
  }
}
