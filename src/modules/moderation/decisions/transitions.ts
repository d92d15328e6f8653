import { isLive, isUndecided, isVisibleStatus } from '../../../common/comment-status/comment-status';
import { CommentStatus, type DecisionAction } from '../../../generated/prisma/enums';

const { APPROVED, REJECTED } = CommentStatus;

/**
 * Which decision may be taken from which status, and where it leads. FEATURE and UNFEATURE keep
 * the status; RESTORE brings a rejected comment back as approved.
 */
export function transition(action: DecisionAction, from: CommentStatus, featured: boolean): { to: CommentStatus; featured: boolean } | null {
  switch (action) {
    case 'APPROVE':
      return isUndecided(from) ? { to: APPROVED, featured } : null;
    case 'REJECT':
      return isLive(from) ? { to: REJECTED, featured: false } : null;
    case 'RESTORE':
      return from === REJECTED ? { to: APPROVED, featured } : null;
    case 'FEATURE':
      return isVisibleStatus(from) && !featured ? { to: from, featured: true } : null;
    case 'UNFEATURE':
      return featured ? { to: from, featured: false } : null;
  }
}
