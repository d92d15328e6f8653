import { errorFactory } from '../../common/errors/app-error';

export const FlagErrors = {
  COMMENT_NOT_FOUND: 404,
  CANNOT_FLAG_OWN_COMMENT: 403,
  NO_OPEN_MISINFORMATION_REPORTS: 409,
  NOT_LABELLED: 409,
  CLAIM_ONLY_WHEN_LINKING: 400,
} as const;

export const flagError = errorFactory(FlagErrors);
