import { errorFactory } from '../../common/errors/app-error';

export const FlagErrors = {
  COMMENT_NOT_FOUND: 404,
  CANNOT_FLAG_OWN_COMMENT: 403,
} as const;

export const flagError = errorFactory(FlagErrors);
