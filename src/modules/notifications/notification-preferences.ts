import type { NotificationPreference } from '../../generated/prisma/client';
import type { NotificationPreferencesDto } from './dto/notification.dto';
import { DEFAULT_PREFERENCES, EmailKind, EmailTopic, Preferences } from './notification-kinds';

/** A stored row (or none: the defaults) as preferences. */
export function preferencesOf(row: NotificationPreference | null): Preferences {
  if (!row) return DEFAULT_PREFERENCES;
  return {
    cadence: row.cadence,
    email: { reply: row.emailReply, decision: row.emailDecision, appeal: row.emailAppeal, verdict: row.emailVerdict },
  };
}

/** The column holding each kind's mail switch. */
export const COLUMN_OF = { reply: 'emailReply', decision: 'emailDecision', appeal: 'emailAppeal', verdict: 'emailVerdict' } as const satisfies Record<EmailKind, string>;

/** The columns to store for these preferences. */
export function columnsOf(prefs: Preferences) {
  return {
    cadence: prefs.cadence,
    emailReply: prefs.email.reply,
    emailDecision: prefs.email.decision,
    emailAppeal: prefs.email.appeal,
    emailVerdict: prefs.email.verdict,
  };
}

/** The preferences after an unsubscribe link: one kind's mail off, or all mail (cadence OFF). */
export function withoutTopic(prefs: Preferences, topic: EmailTopic): Preferences {
  if (topic === 'all') return { ...prefs, cadence: 'OFF' };
  return { ...prefs, email: { ...prefs.email, [topic]: false } };
}

export function toPreferencesResponse(prefs: Preferences): NotificationPreferencesDto {
  return { cadence: prefs.cadence, email: { ...prefs.email } };
}
