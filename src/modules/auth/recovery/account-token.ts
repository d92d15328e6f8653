import { createHash, randomBytes } from 'node:crypto';

export type TokenPurpose = 'PASSWORD_RESET' | 'EMAIL_VERIFICATION';

const PREFIX: Record<TokenPurpose, string> = { PASSWORD_RESET: 'prt_', EMAIL_VERIFICATION: 'pev_' };

/** A single-use link token: 256 random bits behind a prefix naming its purpose. Only its SHA-256 is stored. */
export function newAccountToken(purpose: TokenPurpose): string {
  return PREFIX[purpose] + randomBytes(32).toString('base64url');
}

export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any lookup: a token of another purpose, or garbage, is refused at once. */
export function looksLikeAccountToken(token: string, purpose: TokenPurpose): boolean {
  return token.startsWith(PREFIX[purpose]) && token.length === PREFIX[purpose].length + 43 && /^[A-Za-z0-9_-]+$/.test(token.slice(4));
}
