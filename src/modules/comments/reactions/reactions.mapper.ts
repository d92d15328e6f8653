import { isStaff, Principal } from '../../../common/auth/principal';
import type { ReactionStateDto } from './dto/reaction.dto';
import type { ReactionResult } from './reactions.repository';

/** Disagreement is a signal for moderators only: readers see respect counts. */
export function toReactionStateResponse(viewer: Principal, commentId: string, r: ReactionResult): ReactionStateDto {
  const dto: ReactionStateDto = { commentId, respectCount: r.respectCount, viewerReactions: r.kinds };
  if (isStaff(viewer.role)) dto.disagreeCount = r.disagreeCount;
  return dto;
}
