import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../common/auth/principal';
import { isPubliclyVisible } from '../../common/comment-status/comment-status';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService, Tx } from '../../database/prisma.service';
import { CommentStatus } from '../../generated/prisma/enums';
import { CommentsService } from '../comments/comments.service';
import { MetricsService } from '../metrics/metrics.service';
import { ClaimAttachmentService } from '../misinformation/desk/claim-attachment.service';
import { CreateFlagDto, FlagResultDto, URGENT_FLAG_REASONS } from './dto/flag.dto';
import { flagWeight } from './flag-weight';
import { flagError } from './flags.errors';
import { FlagsRepository } from './flags.repository';


const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

@Injectable()
export class FlagsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly flags: FlagsRepository,
    private readonly comments: CommentsService,
    private readonly claimAttachment: ClaimAttachmentService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A reader's report. The weight comes from the reporter's standing and accuracy; brigading
   * suspects (young or burst-created accounts) are recorded but weigh nothing toward hiding.
   * Past the threshold a published comment is withheld until reviewed, in the same transaction.
   */
  async flag(reporter: Principal, commentId: string, dto: CreateFlagDto): Promise<FlagResultDto> {
    const target = await this.flags.findTarget(commentId);
    const visible = target && isPubliclyVisible(target);
    if (!target || !visible) throw flagError('COMMENT_NOT_FOUND', 'No such comment, or it is not visible.');
    if (target.authorId === reporter.id) throw flagError('CANNOT_FLAG_OWN_COMMENT', 'You cannot report your own comment.');
    const settings = this.config.moderation;
    const record = await this.flags.reporterRecord(reporter.id, dto.reason, settings.accountBurstMinutes);
    const ageMs = Date.now() - record.createdAt.getTime();
    const young = ageMs < settings.newAccountHours * HOUR_MS;
    const burstCreated = record.createdNearby >= settings.accountBurstSize;
    const weight = flagWeight({ accountAgeDays: ageMs / DAY_MS, approvedComments: record.approved, agreed: record.agreed, disagreed: record.disagreed });
    const created = await this.prisma.$transaction(async (tx) => {
      await this.flags.lockComment(commentId, tx);
      const after = await this.flags.insert(
        {
          commentId,
          articleId: target.articleId,
          reporterId: reporter.id,
          reason: dto.reason,
          details: dto.details?.trim() ?? null,
          sourceUrl: dto.sourceUrl ?? null,
          weight,
          countsTowardHiding: !young && !burstCreated,
          urgent: URGENT_FLAG_REASONS.has(dto.reason),
        },
        tx,
      );
      if (!after) return false;
      if (after.status === CommentStatus.PUBLISHED && after.openFlagWeight >= settings.flagHideThreshold) await this.withhold(commentId, tx);
      // A misinformation report on a comment repeating a known claim attaches it to the claim for review.
      if (dto.reason === 'MISINFORMATION') await this.claimAttachment.autoAttach(commentId, target.bodySource, tx);
      await this.flags.raiseBurstAlertIfNeeded(target.articleId, settings.flagBurstSeconds, settings.flagBurstCount, tx);
      return true;
    });
    if (created) this.metrics.flags.inc({ reason: dto.reason });
    return { created, commentId, reason: dto.reason };
  }

  /** For moderation decisions: resolve the comment's open flags as agreed or disagreed. */
  resolveOpen(commentId: string, agreed: boolean, includeMisinformation: boolean, tx: Tx): Promise<number> {
    return this.flags.resolveOpen(commentId, agreed, includeMisinformation, tx);
  }

  private async withhold(commentId: string, tx: Tx): Promise<void> {
    if (await this.comments.changeStatus(commentId, CommentStatus.PUBLISHED, CommentStatus.WITHHELD, tx)) {
      await this.flags.addCheckReason(commentId, 'FLAGGED_BY_READERS', tx);
    }
  }
}
