import type { Verdict } from '../../../generated/prisma/enums';
import type { TransparencyLabelDto, TransparencyRemovalDto } from './dto/transparency.dto';

export function toTransparencyLabelResponse(l: { comment_id: string; verdict: string; statement: string | null; as_of: Date; since: Date }): TransparencyLabelDto {
  return { commentId: l.comment_id, verdict: l.verdict as Verdict, claim: l.statement, asOf: l.as_of.toISOString(), since: l.since.toISOString() };
}

export function toTransparencyRemovalResponse(d: { comment_id: string; action: string; reason: string | null; created_at: Date; appeal_status: string | null }): TransparencyRemovalDto {
  return { commentId: d.comment_id, action: d.action, reason: d.reason, at: d.created_at.toISOString(), appeal: d.appeal_status };
}
