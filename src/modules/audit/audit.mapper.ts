import type { AuditRow } from './audit.repository';
import type { AuditEventDto } from './dto/audit.dto';

export function toAuditEventResponse(row: AuditRow): AuditEventDto {
  return {
    id: row.id.toString(),
    kind: row.kind,
    actorId: row.actorId,
    subjectUserId: row.subjectUserId,
    targetType: row.targetType,
    targetId: row.targetId,
    data: row.data as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}
