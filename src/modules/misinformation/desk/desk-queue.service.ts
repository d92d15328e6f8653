import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { ClaimsRepository } from './claims.repository';
import { toClaimResponse, toDeskItemResponse } from './desk.mapper';
import { DeskClaimGroupDto, DeskQueueDto } from './dto/desk-queue.dto';

/**
 * The desk's queue: comments with open misinformation reports, by reach then age, each with its
 * response-time target (shorter when it also carries an urgent report) and an overdue mark; and
 * the claims whose unsettled verdict is due for review.
 */
@Injectable()
export class DeskQueueService {
  constructor(
    private readonly claims: ClaimsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queue(): Promise<DeskQueueDto> {
    const now = Date.now();
    const [items, due] = await Promise.all([this.claims.deskItems(100), this.claims.dueForReview(new Date(now))]);
    const byClaim = new Map<string, DeskClaimGroupDto>();
    for (const i of items) {
      for (const c of i.claims ?? []) {
        const group = byClaim.get(c.id) ?? { claim: c, commentIds: [] };
        group.commentIds.push(i.id);
        byClaim.set(c.id, group);
      }
    }
    const { deskTargetHours, deskUrgentTargetHours } = this.config.moderation;
    return {
      // The same reports grouped by the claim they repeat, so one verdict can answer them all.
      byClaim: [...byClaim.values()].sort((a, b) => b.commentIds.length - a.commentIds.length),
      items: items.map((i) => toDeskItemResponse(i, i.urgent ? deskUrgentTargetHours : deskTargetHours, now)),
      dueForReview: due.map(toClaimResponse),
    };
  }
}
