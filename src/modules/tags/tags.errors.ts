import { errorFactory } from '../../common/errors/app-error';

export const TagErrors = {
  TAG_NOT_FOUND: 404,
  TAG_SLUG_TAKEN: 409,
  TAG_NAME_UNUSABLE: 400,
} as const;

export const tagError = errorFactory(TagErrors);
