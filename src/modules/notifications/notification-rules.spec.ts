import type { CommentStatus, DecisionAction } from '../../generated/prisma/enums';
import { decisionNotifies, DEFAULT_PREFERENCES, digestPeriodEnd, mailPlan } from './notification-kinds';
import { withoutTopic } from './notification-preferences';

describe('which decisions notify the author', () => {
  it.each<[DecisionAction, CommentStatus, boolean]>([
    ['REJECT', 'PUBLISHED', true],
    ['REJECT', 'PENDING', true],
    ['RESTORE', 'REJECTED', true],
    ['FEATURE', 'APPROVED', true],
    ['APPROVE', 'PENDING', true],
    ['APPROVE', 'WITHHELD', true],
    ['APPROVE', 'PUBLISHED', false],
    ['UNFEATURE', 'APPROVED', false],
  ])('%s from %s: %s', (action, from, expected) => {
    expect(decisionNotifies(action, from)).toBe(expected);
  });
});

describe('mail plan', () => {
  it('mails replies, decisions and appeals at once by default, verdicts not', () => {
    expect(mailPlan(DEFAULT_PREFERENCES, 'REPLY')).toBe('IMMEDIATE');
    expect(mailPlan(DEFAULT_PREFERENCES, 'DECISION')).toBe('IMMEDIATE');
    expect(mailPlan(DEFAULT_PREFERENCES, 'APPEAL')).toBe('IMMEDIATE');
    expect(mailPlan(DEFAULT_PREFERENCES, 'VERDICT')).toBeNull();
  });

  it('follows the cadence, and a kind turned off stays off whatever the cadence', () => {
    const daily = { ...DEFAULT_PREFERENCES, cadence: 'DAILY' as const };
    expect(mailPlan(daily, 'REPLY')).toBe('DAILY');
    expect(mailPlan(withoutTopic(daily, 'reply'), 'REPLY')).toBeNull();
    expect(mailPlan(withoutTopic(daily, 'reply'), 'DECISION')).toBe('DAILY');
    expect(mailPlan(withoutTopic(DEFAULT_PREFERENCES, 'all'), 'DECISION')).toBeNull();
  });
});

describe('digest period', () => {
  it('ends at the last digest hour (UTC) at or before now', () => {
    expect(digestPeriodEnd(new Date('2026-12-03T16:00:00Z'), 7).toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(digestPeriodEnd(new Date('2026-12-03T07:00:00Z'), 7).toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(digestPeriodEnd(new Date('2026-12-03T06:59:59Z'), 7).toISOString()).toBe('2026-12-02T07:00:00.000Z');
    expect(digestPeriodEnd(new Date('2027-01-01T00:30:00Z'), 23).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });
});
