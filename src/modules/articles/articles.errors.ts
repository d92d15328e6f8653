import { errorFactory } from '../../common/errors/app-error';

export const ArticleErrors = {
  ARTICLE_NOT_FOUND: 404,
  ARTICLE_SLUG_TAKEN: 409,
  ARTICLE_URL_TAKEN: 409,
  ARTICLE_URL_INVALID: 400,
  ARTICLE_URL_HOST_NOT_ALLOWED: 403,
  ARTICLE_SCORER_NOT_CONFIGURED: 422,
} as const;

export const articleError = errorFactory(ArticleErrors);
