import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { AssignmentDto } from '../dto/assignment.dto';
import { moderationError } from '../moderation.errors';
import { AssignmentsRepository } from './assignments.repository';

/**
 * Assignments: a moderator takes a queue item for MOD_CLAIM_SECONDS so others see who is on it;
 * while it lasts, nobody else may decide the item. Deciding ends it.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly assignments: AssignmentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assign(moderator: Principal, commentId: string): Promise<AssignmentDto> {
    const until = new Date(Date.now() + this.config.moderation.assignmentSeconds * 1000);
    const holder = await this.assignments.assign(commentId, moderator.id, until);
    if (!holder) throw moderationError('COMMENT_NOT_FOUND', 'No such comment.');
    const by = holder.assignedToId ? await this.assignments.findDisplayName(holder.assignedToId) : null;
    if (holder.assignedToId !== moderator.id) {
      throw moderationError('CLAIMED_BY_ANOTHER', `${by?.displayName ?? 'Another moderator'} is reviewing this comment.`, {
        claimedBy: by,
        until: holder.assignedUntil?.toISOString(),
      });
    }
    return { commentId, claimedBy: { id: moderator.id, displayName: by?.displayName ?? moderator.displayName }, until: until.toISOString() };
  }

  async release(moderator: Principal, commentId: string): Promise<void> {
    await this.assignments.unassign(commentId, moderator.id);
  }
}
