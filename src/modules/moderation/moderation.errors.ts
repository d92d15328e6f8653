import { errorFactory } from '../../common/errors/app-error';

export const ModerationErrors = {
  COMMENT_NOT_FOUND: 404,
  STALE_REVISION: 409,
  STALE_STATUS: 409,
  CLAIMED_BY_ANOTHER: 409,
  INVALID_TRANSITION: 409,
  BULK_ITEM_FAILED: 409,
  NO_DECISION: 404,
  APPEAL_NOT_ALLOWED: 409,
  APPEAL_NOT_FOUND: 404,
  APPEAL_ALREADY_DECIDED: 409,
  SAME_MODERATOR: 403,
  /** Separation of duties: a decision on one's own comment, or on the appeal of it. */
  OWN_CONTENT_DECISION: 403,
} as const;

export const moderationError = errorFactory(ModerationErrors);
