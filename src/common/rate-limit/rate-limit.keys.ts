import { createHash } from 'node:crypto';
import { normalizeIp } from '@nestjs/throttler';

/** The parts of a request that rate-limit keys are made of. */
export interface RateLimitedRequest {
  /** Set by the authentication guard, which runs before the rate-limit guard. */
  user?: { id: string } | null;
  /** The client address: the socket's, or X-Forwarded-For's as far as TRUST_PROXY allows. */
  ip?: string;
  body?: unknown;
}

/**
 * The client address. IPv6 addresses are reduced to their /64 (throttler's normalisation): one
 * subscriber usually holds a whole /64, so counting single addresses would be trivial to dodge.
 */
export function clientIp(req: RateLimitedRequest): string {
  const ip = req.ip ? normalizeIp(req.ip) : '';
  return `ip:${ip || 'unknown'}`;
}

/** Signed-in callers are counted per account wherever they connect from; anonymous ones per address. */
export function userOrIp(req: RateLimitedRequest): string {
  return req.user?.id ? `user:${req.user.id}` : clientIp(req);
}

/** The `email` field of a login or registration body, trimmed and lowercased; null when absent. */
export function loginEmail(req: RateLimitedRequest): string | null {
  const body = req.body;
  if (!body || typeof body !== 'object') return null;
  const email = (body as { email?: unknown }).email;
  if (typeof email !== 'string') return null;
  const normalized = email.trim().toLowerCase();
  return normalized === '' ? null : normalized;
}

/**
 * Keys the per-email login limit by a hash of the address, so that no email ever appears in Redis
 * or in memory dumps as-is. (A plain hash of a guessable address can be confirmed by someone who
 * can read the keys; the keys live for one window only.)
 */
export function emailTracker(req: RateLimitedRequest): string {
  const email = loginEmail(req) ?? '';
  return `email:${createHash('sha256').update(email).digest('base64url').slice(0, 27)}`;
}
