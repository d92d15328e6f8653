import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMAIL_TOPICS, EmailTopic } from './notification-kinds';

/**
 * One-click unsubscribe tokens (RFC 8058): `<user id>.<topic>.<signature>`, the signature an
 * HMAC-SHA256 of "unsubscribe:<user id>:<topic>" under the site's key, base64url. They name a
 * user and what to turn off (one kind, or "all" for the digest) and never expire: an old mail's
 * link must keep working. They grant nothing but turning mail off.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface UnsubscribeClaim {
  userId: string;
  topic: EmailTopic;
}

function signature(key: string, userId: string, topic: EmailTopic): Buffer {
  return createHmac('sha256', key).update(`unsubscribe:${userId}:${topic}`).digest();
}

export function signUnsubscribe(key: string, claim: UnsubscribeClaim): string {
  return `${claim.userId}.${claim.topic}.${signature(key, claim.userId, claim.topic).toString('base64url')}`;
}

/** The claim of a token this key signed, or null for anything else (malformed, other key, altered). */
export function verifyUnsubscribe(key: string, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [userId, topic, sig] = parts;
  if (!UUID.test(userId) || !(EMAIL_TOPICS as readonly string[]).includes(topic) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return null;
  const expected = signature(key, userId, topic as EmailTopic);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, topic: topic as EmailTopic };
}
