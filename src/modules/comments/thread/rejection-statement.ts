import type { RejectionStatementDto } from '../dto/comment.dto';
import type { CommentRow } from './comment-row';
import type { LatestDecisionRow } from './thread.repository';

/** What the author reads when the checks, not a moderator, removed their comment. */
const BY_CHECKS: Record<string, string> = {
  BANNED_WORD: 'Removed automatically: it contains a word or phrase this site does not allow.',
};

/**
 * Why the author's own comment was rejected. A moderator's rejection sets decidedAt and leaves a
 * REJECT decision (with its reason code, message and appeal); a rejection by the checks, on
 * posting or on an edit, has no human decision (decidedAt is null) and names the check.
 */
export function rejectionStatement(
  row: Pick<CommentRow, 'decidedAt' | 'checkReasons'>,
  decision: LatestDecisionRow | undefined,
  checksMessage: string | null = null,
): RejectionStatementDto {
  if (row.decidedAt !== null && decision?.action === 'REJECT') {
    return {
      by: 'moderator',
      reason: decision.reason,
      message: decision.message,
      decidedAt: decision.createdAt.toISOString(),
      canAppeal: decision.appealStatus === null,
      appealStatus: decision.appealStatus,
    };
  }
  const reason = row.checkReasons.find((r) => r in BY_CHECKS) ?? row.checkReasons[0] ?? null;
  return { by: 'checks', reason, message: checksMessage ?? (reason ? (BY_CHECKS[reason] ?? null) : null), decidedAt: null, canAppeal: false, appealStatus: null };
}
