import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { toClaimReview } from './claim-review';
import { ClaimsRepository } from './claims.repository';
import { deskError } from './desk.errors';
import { ClaimReviewDto } from './dto/claim-review.dto';
import type { SourceDto } from './dto/source.dto';

/** Publishing: each verdict as schema.org ClaimReview, so a newsroom can publish its fact-checks. */
@Injectable()
export class ClaimReviewService {
  constructor(
    private readonly claims: ClaimsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A verdict version (the current one by default); 404 for a claim without a verdict of the desk's own. */
  async review(claimId: string, version: number | null): Promise<ClaimReviewDto> {
    const v = await this.claims.findVerdictWithClaim(claimId, version);
    if (!v) throw deskError('NO_VERDICT', version === null ? 'This claim has no verdict of its own yet.' : `This claim has no verdict version ${version}.`);
    const s = this.config.moderation;
    return toClaimReview(
      {
        claimId,
        statement: v.claim.statement,
        verdict: { version: v.version, verdict: v.verdict, summary: v.summary, sources: v.sources as unknown as SourceDto[], createdAt: v.createdAt },
        claimCreatedAt: v.claim.createdAt,
      },
      {
        orgName: s.factCheckOrgName,
        orgUrl: s.factCheckOrgUrl ?? this.config.publicUrl,
        pageUrlTemplate: s.factCheckPageUrl ?? `${this.config.publicUrl}/api/claims/{id}/claim-review`,
      },
    );
  }
}
