import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../common/auth/principal';
import { isPubliclyVisible } from '../../common/comment-status/comment-status';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Tx } from '../../database/prisma.service';
import { CommentStatus } from '../../generated/prisma/enums';
import { CommentsService } from '../comments/comments.service';
import { EventsService } from '../events/events.service';
import { MetricsService } from '../metrics/metrics.service';
import { CreateFlagDto, FlagResultDto, URGENT_FLAG_REASONS } from './dto/flag.dto';
import { flagWeight } from './flag-weight';
import { flagError } from './flags.errors';
import { FlagsRepository } from './flags.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

@Injectable()
export class FlagsService {
  constructor(
    private readonly flags: FlagsRepository,
    private readonly comments: CommentsService,
    private readonly events: EventsService,
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
    // Through the outbox: after commit, the desk (a MISINFORMATION report on a comment repeating
    // a known claim attaches it for review) runs before this answers.
    const created = await this.events.transaction(async (tx) => {
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
      const withheld = after.status === CommentStatus.PUBLISHED && after.openFlagWeight >= settings.flagHideThreshold && (await this.withhold(commentId, tx));
      const urgent = URGENT_FLAG_REASONS.has(dto.reason);
      await this.events.record(tx, {
        type: 'flag.raised',
        payload: { commentId, articleId: target.articleId, reporterId: reporter.id, reason: dto.reason, urgent, withheld },
      });
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

  /**
   * For the misinformation desk's resolution of reports: the comment's open misinformation
   * reports, read under the comment's row lock (null when there is no such comment).
   */
  openMisinformationCount(commentId: string, tx: Tx): Promise<number | null> {
    return this.flags.openMisinformationCount(commentId, tx);
  }

  /** For the desk: closes the comment's open misinformation reports as agreed or disagreed; how many. */
  resolveOpenMisinformation(commentId: string, agreed: boolean, tx: Tx): Promise<number> {
    return this.flags.resolveOpenMisinformation(commentId, agreed, tx);
  }

  private async withhold(commentId: string, tx: Tx): Promise<boolean> {
    if (!(await this.comments.changeStatus(commentId, CommentStatus.PUBLISHED, CommentStatus.WITHHELD, tx, 'flags'))) return false;
    await this.flags.addCheckReason(commentId, 'FLAGGED_BY_READERS', tx);
    return true;
  }
}
