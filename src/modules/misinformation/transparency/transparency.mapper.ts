import type { Verdict } from '../../../generated/prisma/enums';
import type { TransparencyLabelDto, TransparencyRemovalDto } from './dto/transparency.dto';
import type { TransparencyDecisionRow, TransparencyLabelRow } from './transparency.repository';

export function toTransparencyLabelResponse(l: TransparencyLabelRow): TransparencyLabelDto {
  return { commentId: l.commentId, verdict: l.verdict as Verdict, claim: l.statement, asOf: l.asOf.toISOString(), since: l.since.toISOString() };
}

export function toTransparencyRemovalResponse(d: TransparencyDecisionRow): TransparencyRemovalDto {
  return { commentId: d.commentId, action: d.action, reason: d.reason, at: d.createdAt.toISOString(), appeal: d.appealStatus };
}
