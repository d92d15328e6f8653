import type { AuditKind, CommentStatus, RejectionReason, Role, UserStatus, Verdict, WordKind } from '../../generated/prisma/enums';

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
  COMMENT_APPROVED: CommentDecisionData;
  COMMENT_REJECTED: CommentDecisionData & { reason: RejectionReason };
  COMMENT_FEATURED: CommentDecisionData;
  COMMENT_UNFEATURED: CommentDecisionData;
  COMMENT_RESTORED: CommentDecisionData;
  /** settledByDecisionId: the decision that carried the outcome out (a restore), or that settled the appeal by deciding the comment. */
  APPEAL_DECIDED: { appealId: string; decisionId: string; outcome: 'UPHELD' | 'OVERTURNED'; settledByDecisionId?: string };
  WORD_LIST_CHANGED: { change: 'added' | 'removed'; phrase: string; kind: WordKind };
  CLAIM_CREATED: { statement: string };
  CLAIM_LINKED: { commentId: string; automatic: boolean };
  CLAIM_UNLINKED: { commentId: string };
  VERDICT_ISSUED: { version: number; verdict: Verdict; previous: Verdict | null };
  COMMENT_LABELLED: { verdict: Verdict | null };
  NOTES_SCORED: { runId: string; trigger: 'schedule' | 'manual'; notes: number; changed: number };
  /** The desk closed a comment's open misinformation reports with an outcome. */
  MISINFO_REPORTS_RESOLVED: { commentId: string; outcome: 'LABELLED' | 'LINKED_TO_CLAIM' | 'NO_ISSUE'; claimId: string | null; reportsResolved: number };
  /** null: the claim stopped citing an external fact-check. */
  CLAIM_EXTERNAL_REVIEW_SET: { review: { url: string; publisher: string; rating: string } | null };
  /** Deliveries stopped by themselves: the endpoint answered 410 Gone, or failed persistently. */
  WEBHOOK_ENDPOINT_DISABLED: { reason: 'gone' | 'failing'; url: string; detail: string };
  /** The user changed their password while signed in; their other sessions were revoked. */
  PASSWORD_CHANGED: { sessionsRevoked: number };
  /** The password was set through an emailed reset link; every session was revoked. */
  PASSWORD_RESET: { sessionsRevoked: number };
  /** The user proved their email through a link (verification, or a password reset). */
  EMAIL_VERIFIED: { via: 'verification' | 'password_reset' };
}

/** What every decision on a comment records. */
export interface CommentDecisionData {
  decisionId: string;
  revision: number;
  from: CommentStatus;
  to: CommentStatus;
  flagsResolved: number;
  bulk?: boolean;
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
