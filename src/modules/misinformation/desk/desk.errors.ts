import { errorFactory } from '../../../common/errors/app-error';

export const DeskErrors = {
  CLAIM_NOT_FOUND: 404,
  COMMENT_NOT_FOUND: 404,
  NOT_LINKED: 404,
  NO_LABEL: 404,
  NO_EXTERNAL_REVIEW: 404,
  NO_VERDICT: 404,
  NO_OPEN_MISINFORMATION_REPORTS: 409,
  NOT_LABELLED: 409,
  CLAIM_ONLY_WHEN_LINKING: 400,
} as const;

export const deskError = errorFactory(DeskErrors);
