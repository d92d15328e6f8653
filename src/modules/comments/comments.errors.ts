import { errorFactory } from '../../common/errors/app-error';

export const CommentErrors = {
  COMMENT_NOT_FOUND: 404,
  COMMENTS_CLOSED: 409,
  PARENT_NOT_FOUND: 404,
  PARENT_UNAVAILABLE: 409,
  BODY_EMPTY: 400,
  BODY_TOO_LONG: 400,
  EDIT_WINDOW_CLOSED: 409,
  NOT_YOUR_COMMENT: 403,
  COMMENT_NOT_EDITABLE: 409,
  COMMENT_CHANGED: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_INVALID: 400,
} as const;

export const commentError = errorFactory(CommentErrors);
