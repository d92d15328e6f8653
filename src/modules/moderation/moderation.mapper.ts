import type { DecisionsRepository } from './decisions/decisions.repository';
import type { StatementOfReasonsDto } from './dto/appeal.dto';

type LatestDecision = NonNullable<Awaited<ReturnType<DecisionsRepository['latestDecision']>>>;

/** The author's statement of reasons: a rejection without an appeal yet may still be appealed. */
export function toStatementOfReasonsResponse(decision: LatestDecision): StatementOfReasonsDto {
  return {
    decisionId: decision.id,
    action: decision.action,
    reason: decision.reason,
    message: decision.message,
    decidedAt: decision.createdAt.toISOString(),
    canAppeal: decision.action === 'REJECT' && !decision.appeal,
    appeal: decision.appeal
      ? { id: decision.appeal.id, status: decision.appeal.status, outcomeNote: decision.appeal.outcomeNote, decidedAt: decision.appeal.decidedAt?.toISOString() ?? null }
      : null,
  };
}
