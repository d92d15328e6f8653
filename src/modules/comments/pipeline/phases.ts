import { CommentStatus } from '../../../generated/prisma/enums';
import type { CheckContext, Phase, PhaseOutcome } from './check-context';

const { PENDING, WITHHELD, REJECTED } = CommentStatus;

/**
 * The posting checks, one small function each. Every new comment and every edit runs them all;
 * the array at the bottom is the policy, in order. A phase returns null when it has nothing to say.
 */

/** The length rule on its own: the runner applies it before gathering anything (see CheckRunner.run). */
export function lengthRefusal(length: number, maxLength: number): Extract<PhaseOutcome, { kind: 'refuse' }> | null {
  if (length === 0) return { kind: 'refuse', code: 'BODY_EMPTY', message: 'The comment is empty.' };
  if (length > maxLength) {
    return { kind: 'refuse', code: 'BODY_TOO_LONG', message: `Comments are limited to ${maxLength} characters (this one has ${length}).` };
  }
  return null;
}

export const bodyLength: Phase = (ctx) => lengthRefusal(ctx.length, ctx.maxLength);

export const articleClosed: Phase = (ctx) =>
  ctx.article.open ? null : { kind: 'refuse', code: 'COMMENTS_CLOSED', message: `Comments on this article are ${ctx.article.closedReason ?? 'closed'}.` };

export const repeatPost: Phase = (ctx) =>
  ctx.author.repeatedRecently ? { kind: 'status', status: WITHHELD, reason: 'REPEAT_POST' } : null;

export const bannedWords: Phase = (ctx) => {
  const banned = ctx.words.filter((w) => w.kind === 'BANNED');
  if (banned.length === 0) return null;
  return {
    kind: 'status',
    status: REJECTED,
    reason: 'BANNED_WORD',
    message: `Your comment contains a word or phrase this site does not allow: "${banned[0].phrase}".`,
  };
};

export const suspectWords: Phase = (ctx) => {
  if (!ctx.words.some((w) => w.kind === 'SUSPECT')) return null;
  return ctx.settings.suspectWordsAction === 'hold'
    ? { kind: 'status', status: WITHHELD, reason: 'SUSPECT_WORD' }
    : { kind: 'flag', reason: 'SUSPECT_WORD' };
};

export const links: Phase = (ctx) => {
  if (!ctx.hasLinks) return null;
  if (ctx.article.holdLinks) return { kind: 'status', status: WITHHELD, reason: 'LINKS' };
  if (ctx.author.approvedComments < ctx.settings.linksTrustedAfterApproved) {
    return { kind: 'status', status: WITHHELD, reason: 'LINKS_NEW_COMMENTER' };
  }
  return null;
};

export const newCommenter: Phase = (ctx) => {
  const needed = ctx.settings.newCommenterApprovedComments;
  return needed > 0 && ctx.author.approvedComments < needed ? { kind: 'status', status: PENDING, reason: 'NEW_COMMENTER' } : null;
};

export const recentHistory: Phase = (ctx) => {
  const { decidedLast7Days: decided, rejectedLast7Days: rejected } = ctx.author;
  if (decided < ctx.settings.historyMinDecided) return null;
  return rejected / decided >= ctx.settings.historyRejectionRate
    ? { kind: 'status', status: WITHHELD, reason: 'RECENT_REJECTIONS' }
    : null;
};

export const userPremoderation: Phase = (ctx) =>
  ctx.author.premoderated ? { kind: 'status', status: PENDING, reason: 'USER_PREMODERATED' } : null;

export const articlePremoderation: Phase = (ctx) =>
  ctx.article.moderationMode === 'PRE' ? { kind: 'status', status: PENDING, reason: 'ARTICLE_PREMODERATED' } : null;

/** Holds at one threshold, flags for review at a lower one (0 turns either off); a missing score says nothing. */
function byScore(score: number | null | undefined, hold: number, flag: number, reason: string): PhaseOutcome | null {
  if (score === null || score === undefined) return null;
  if (hold > 0 && score >= hold) return { kind: 'status', status: WITHHELD, reason };
  return flag > 0 && score >= flag ? { kind: 'flag', reason } : null;
}

/** A provider's thresholds: the local models have their own settings; a remote provider one pair for both of its scores. */
function thresholds(ctx: CheckContext, provider: string, dimension: 'spam' | 'abuse'): { hold: number; flag: number } {
  const s = ctx.settings;
  if (provider === 'local') return dimension === 'spam' ? { hold: s.spamThreshold, flag: s.spamFlagThreshold } : { hold: s.abuseHoldThreshold, flag: s.abuseFlagThreshold };
  const remote = provider === 'perspective' ? s.perspective : provider === 'openai-moderation' ? s.openaiModeration : provider === 'llm' ? s.llm : null;
  return remote ?? { hold: 0, flag: 0 };
}

/** The strongest outcome over every scorer that answered: a hold beats a flag. */
function byScores(ctx: CheckContext, dimension: 'spam' | 'abuse', reason: string): PhaseOutcome | null {
  let flagged: PhaseOutcome | null = null;
  for (const score of ctx.scores) {
    if (score.status !== 'ok') continue;
    const { hold, flag } = thresholds(ctx, score.provider, dimension);
    const outcome = byScore(score[dimension], hold, flag, reason);
    if (outcome?.kind === 'status') return outcome;
    flagged ??= outcome;
  }
  return flagged;
}

export const automaticScore: Phase = (ctx) => byScores(ctx, 'spam', 'SPAM_SCORE');

/** The abuse score (bench/README.md has the local model's precision at these thresholds). */
export const abuseScore: Phase = (ctx) => byScores(ctx, 'abuse', 'ABUSE_SCORE');

/** The policy: checks in the order they run. */
export const PHASES: readonly Phase[] = [
  bodyLength,
  articleClosed,
  repeatPost,
  bannedWords,
  suspectWords,
  links,
  newCommenter,
  recentHistory,
  userPremoderation,
  articlePremoderation,
  automaticScore,
  abuseScore,
];

export type { CheckContext, PhaseOutcome };
