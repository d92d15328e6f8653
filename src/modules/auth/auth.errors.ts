import { errorFactory } from '../../common/errors/app-error';

export const AuthErrors = {
  INVALID_CREDENTIALS: 401,
  INVALID_SESSION: 401,
  SSO_DISABLED: 404,
  SSO_TOKEN_INVALID: 401,
  SSO_TOKEN_EXPIRED: 401,
  SSO_TOKEN_NOT_YET_VALID: 401,
  SSO_TOKEN_REPLAYED: 401,
  WEAK_PASSWORD: 422,
  EMAIL_TAKEN: 409,
} as const;

export const authError = errorFactory(AuthErrors);
