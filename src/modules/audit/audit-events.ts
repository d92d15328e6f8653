import type { AuditKind, Role, UserStatus } from '../../generated/prisma/enums';

/**
 * Every audit event kind with its own data shape, checked at compile time: recording a kind
 * with the wrong data does not compile. Later features add their kinds here and in the enum.
 */
export interface AuditEventData {
  USER_ROLE_CHANGED: { from: Role; to: Role; reason: string | null };
  USER_SUSPENDED: { until: string; reason: string; previous: UserStatus };
  USER_BANNED: { reason: string; previous: UserStatus };
  USER_SANCTION_LIFTED: { previous: UserStatus; reason: string | null };
  USER_PREMODERATION_CHANGED: { enabled: boolean; reason: string | null };
  USER_DELETED: { commentsErased: boolean };
  ADMIN_CREATED: { via: 'config' | 'command' };
}

// Compile-time check that the interface and the database enum list the same kinds.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const AUDIT_KINDS_MATCH: Exact<keyof AuditEventData, AuditKind> = true;

export type AuditEvent = {
  [K in keyof AuditEventData]: {
    kind: K;
    actorId: string | null;
    subjectUserId?: string | null;
    target?: { type: string; id: string };
    data: AuditEventData[K];
  };
}[keyof AuditEventData];
