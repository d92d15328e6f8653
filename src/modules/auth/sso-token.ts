import * as jwt from 'jsonwebtoken';
import type { AppError } from '../../common/errors/app-error';
import { authError } from './auth.errors';

/** The claims a news site puts in a sign-on token. */
export interface SsoClaims {
  /** The reader's id on the site. */
  sub: string;
  name: string;
  email: string | null;
  jti: string;
  exp: number;
  iat: number;
}

export interface SsoVerifyOptions {
  secret: string;
  maxAgeSeconds: number;
  now?: Date;
}

const CLOCK_TOLERANCE_S = 30;

function claimString(payload: Record<string, unknown>, name: string, max: number): string | null {
  const value = payload[name];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) return null;
  return value.trim();
}

/**
 * Verifies an HS256 sign-on token: signature, expiry, issue time not in the future, a short
 * lifetime, and the claims Parley needs. Replay (same jti) is checked by the caller against the
 * database, because only the database is shared by all instances.
 */
export function verifySsoToken(token: string, options: SsoVerifyOptions): SsoClaims {
  const nowS = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let payload: Record<string, unknown>;
  try {
    payload = jwt.verify(token, options.secret, {
      algorithms: ['HS256'],
      clockTimestamp: nowS,
      clockTolerance: CLOCK_TOLERANCE_S,
    }) as Record<string, unknown>;
  } catch (err) {
    throw classify(err);
  }
  const iat = payload.iat;
  const exp = payload.exp;
  if (typeof exp !== 'number') throw authError('SSO_TOKEN_INVALID', 'The sign-on token has no expiry (exp).');
  if (typeof iat !== 'number') throw authError('SSO_TOKEN_INVALID', 'The sign-on token has no issue time (iat).');
  if (iat > nowS + CLOCK_TOLERANCE_S) throw authError('SSO_TOKEN_NOT_YET_VALID', 'The sign-on token is dated in the future.');
  if (exp - iat > options.maxAgeSeconds) {
    throw authError('SSO_TOKEN_INVALID', `The sign-on token lives longer than ${options.maxAgeSeconds} s; sign shorter-lived tokens.`);
  }
  const sub = claimString(payload, 'sub', 200);
  const jti = claimString(payload, 'jti', 200);
  const name = claimString(payload, 'name', 50);
  if (!sub || !jti || !name) throw authError('SSO_TOKEN_INVALID', 'The sign-on token needs sub, jti and name claims.');
  const email = claimString(payload, 'email', 254);
  return { sub, jti, name, email, exp, iat };
}

function classify(err: unknown): AppError {
  if (err instanceof jwt.TokenExpiredError) return authError('SSO_TOKEN_EXPIRED', 'The sign-on token has expired.');
  if (err instanceof jwt.NotBeforeError) return authError('SSO_TOKEN_NOT_YET_VALID', 'The sign-on token is not valid yet.');
  return authError('SSO_TOKEN_INVALID', 'The sign-on token is not validly signed.');
}
