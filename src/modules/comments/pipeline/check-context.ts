import type { CheckedStatus } from '../../../common/comment-status/comment-status';
import type { ModerationSettings } from '../../../config/config';
import type { CommentStatus, ModerationMode } from '../../../generated/prisma/enums';

/** Everything the posting checks look at, gathered before they run so the phases stay pure. */
export interface CheckContext {
  /** Normalized body and its length in characters. */
  body: string;
  length: number;
  maxLength: number;
  article: { open: boolean; closedReason: string | null; moderationMode: ModerationMode; holdLinks: boolean };
  author: {
    premoderated: boolean;
    approvedComments: number;
    decidedLast7Days: number;
    rejectedLast7Days: number;
    /** The same author posted the same text within the repeat window. */
    repeatedRecently: boolean;
  };
  /** Word-list entries found in the body. */
  words: { phrase: string; kind: 'BANNED' | 'SUSPECT' }[];
  hasLinks: boolean;
  /** Every scorer's outcome (none when scoring is off); each provider holds and flags at its own thresholds. */
  scores: { provider: string; status: 'ok' | 'timeout' | 'error' | 'skipped'; spam: number | null; abuse: number | null }[];
  settings: ModerationSettings;
}

/** What a phase decides. `refuse` rejects the request itself (nothing is stored). */
export type PhaseOutcome =
  | { kind: 'refuse'; code: 'BODY_EMPTY' | 'BODY_TOO_LONG' | 'COMMENTS_CLOSED'; message: string }
  | { kind: 'status'; status: Exclude<CheckedStatus, typeof CommentStatus.PUBLISHED>; reason: string; message?: string }
  | { kind: 'flag'; reason: string };

export type Phase = (ctx: CheckContext) => PhaseOutcome | null;
