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
  /** A wrong current password on a password change: 403, not 401, so a client does not take the session for ended. */
  WRONG_PASSWORD: 403,
  NO_PASSWORD: 409,
  MAIL_DISABLED: 404,
  RESET_TOKEN_INVALID: 400,
  RESET_TOKEN_EXPIRED: 400,
  VERIFICATION_TOKEN_INVALID: 400,
  VERIFICATION_TOKEN_EXPIRED: 400,
  NO_EMAIL: 409,
  EMAIL_ALREADY_VERIFIED: 409,
  SESSION_NOT_FOUND: 404,
} as const;

export const authError = errorFactory(AuthErrors);
