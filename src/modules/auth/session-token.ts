import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'plt_';

/** An opaque bearer token: 256 random bits. Only its SHA-256 is stored. */
export function newSessionToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeSessionToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length === PREFIX.length + 43;
}
