import type { CommentStatus, DecisionAction, FlagReason, NoteStatus, ReactionKind, RejectionReason, Verdict } from '../../generated/prisma/enums';

/**
 * Every domain event type with its own payload shape, checked at compile time like the audit
 * events: recording a type with the wrong payload does not compile. The outbox stores the
 * payload as JSON; readers of the table (live updates, webhooks, notifications) rely on these
 * shapes, so a change here is a change of a public contract (README "Events").
 *
 * Payloads carry ids and states, never comment text: an erased account's words must not live on
 * in the outbox for its retention period. Consumers read what they need from the tables.
 */

/** On every comment event: whose comment, where, and whether readers may see it now. */
export interface CommentEventBase {
  commentId: string;
  articleId: string;
  authorId: string;
  parentId: string | null;
  /**
   * True when any reader may see the comment after this event (published or approved, no
   * removed ancestor). A stream for readers sends only events with visible or wasVisible true.
   */
  visible: boolean;
}

export interface DomainEventPayloads {
  'comment.posted': CommentEventBase & { status: CommentStatus };
  'comment.edited': CommentEventBase & { revision: number; status: CommentStatus };
  /** Any status change but a deletion (comment.deleted): decisions, checks after an edit, readers' flags. */
  'comment.status_changed': CommentEventBase & { from: CommentStatus; to: CommentStatus; wasVisible: boolean; cause: StatusChangeCause };
  /** Deleted by its author, or by the erasure of the author's account. */
  'comment.deleted': CommentEventBase & { wasVisible: boolean; byErasure: boolean };
  /** A reader's reaction added (active) or taken back, and the counts after it (disagreeCount is for moderators only). */
  'reaction.changed': {
    commentId: string;
    articleId: string;
    userId: string;
    kind: ReactionKind;
    active: boolean;
    visible: boolean;
    respectCount: number;
    disagreeCount: number;
  };
  'decision.made': {
    decisionId: string;
    commentId: string;
    articleId: string;
    authorId: string;
    moderatorId: string;
    action: DecisionAction;
    from: CommentStatus;
    to: CommentStatus;
    reason: RejectionReason | null;
    revision: number;
  };
  'flag.raised': { commentId: string; articleId: string; reporterId: string; reason: FlagReason; urgent: boolean; withheld: boolean };
  'appeal.decided': { appealId: string; decisionId: string; commentId: string; articleId: string; authorId: string; outcome: 'UPHELD' | 'OVERTURNED' };
  'claim.linked': { claimId: string; commentId: string; articleId: string; automatic: boolean };
  'verdict.published': { claimId: string; version: number; verdict: Verdict; previous: Verdict | null };
  /** A comment's fact-check label changed (set, replaced or removed: verdict null). */
  'label.changed': { commentId: string; articleId: string; verdict: Verdict | null };
  'note.status_changed': { noteId: string; commentId: string; articleId: string; from: NoteStatus; to: NoteStatus };
}

/** What moved a comment: a moderator, the checks after an edit, readers' flags, the author (deleting), account erasure. */
export type StatusChangeCause = 'decision' | 'edit' | 'flags' | 'author' | 'erasure';

export type DomainEventType = keyof DomainEventPayloads;

/** Every type, in a fixed order (for validation and documentation). */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  'comment.posted',
  'comment.edited',
  'comment.status_changed',
  'comment.deleted',
  'reaction.changed',
  'decision.made',
  'flag.raised',
  'appeal.decided',
  'claim.linked',
  'verdict.published',
  'label.changed',
  'note.status_changed',
];

/** An event to record: its type and its payload (the article column is taken from payload.articleId). */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: { type: K; payload: DomainEventPayloads[K] };
}[T];

/** An event as stored: id in insertion order, position in delivery order (null until the relay stamps it). */
export type StoredEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: { id: bigint; position: bigint | null; type: K; articleId: string | null; payload: DomainEventPayloads[K]; createdAt: Date };
}[T];

/** The article an event belongs to (its payload's articleId), for the outbox's article column. */
export function articleOf(event: DomainEvent): string | null {
  return 'articleId' in event.payload ? event.payload.articleId : null;
}
