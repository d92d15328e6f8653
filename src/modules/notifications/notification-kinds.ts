import type { CommentStatus, DecisionAction, EmailCadence, NotificationKind } from '../../generated/prisma/enums';

/** The kinds as they appear in preferences and unsubscribe links (lowercase), and "all" for every mail. */
export const EMAIL_KINDS = ['reply', 'decision', 'appeal', 'verdict'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
export const EMAIL_TOPICS = [...EMAIL_KINDS, 'all'] as const;
export type EmailTopic = (typeof EMAIL_TOPICS)[number];

export const KIND_OF: Record<EmailKind, NotificationKind> = { reply: 'REPLY', decision: 'DECISION', appeal: 'APPEAL', verdict: 'VERDICT' };
export const TOPIC_OF: Record<NotificationKind, EmailKind> = { REPLY: 'reply', DECISION: 'decision', APPEAL: 'appeal', VERDICT: 'verdict' };

export interface Preferences {
  cadence: EmailCadence;
  email: Record<EmailKind, boolean>;
}

/**
 * Without a row of their own, readers get every notification in the app, and mail at once for
 * replies, decisions and appeals: the things about their own words. Verdict changes stay in the
 * app unless asked for (one verdict can touch many comments a reader merely reacted to).
 */
export const DEFAULT_PREFERENCES: Preferences = {
  cadence: 'IMMEDIATE',
  email: { reply: true, decision: true, appeal: true, verdict: false },
};

/** Whether a notification of this kind is mailed, and how, under these preferences. */
export function mailPlan(prefs: Preferences, kind: NotificationKind): 'IMMEDIATE' | 'DAILY' | null {
  if (prefs.cadence === 'OFF' || !prefs.email[TOPIC_OF[kind]]) return null;
  return prefs.cadence;
}

const HELD: readonly CommentStatus[] = ['PENDING', 'WITHHELD'];

/**
 * Which decisions the author hears about: a removal (with its reasons), a held comment let
 * through, a restoration, being featured. Approving a comment already visible changes nothing
 * the author sees, nor does taking a feature away.
 */
export function decisionNotifies(action: DecisionAction, from: CommentStatus): boolean {
  switch (action) {
    case 'REJECT':
    case 'RESTORE':
    case 'FEATURE':
      return true;
    case 'APPROVE':
      return HELD.includes(from);
    default:
      return false;
  }
}

/** The statuses in which any reader may see a comment (with no removed ancestor). */
export const VISIBLE_STATUSES: readonly CommentStatus[] = ['PUBLISHED', 'APPROVED'];

const DAY_MS = 24 * 3_600_000;

/** The end of the digest period `now` is in: the last digest hour (UTC) at or before it. */
export function digestPeriodEnd(now: Date, hourUtc: number): Date {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  return end.getTime() > now.getTime() ? new Date(end.getTime() - DAY_MS) : end;
}
