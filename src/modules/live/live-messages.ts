import type { DomainEventPayloads, DomainEventType, StoredEvent } from '../events/domain-events';

/**
 * What each domain event becomes on the live streams, and who may see it: one row per event
 * type. `article` is the message for the readers of the event's article (null: readers get
 * nothing); `moderation` the message for moderators; `counts` says that the event may move a
 * queue count (the moderator streams then get fresh counts once per batch). Pure functions of the
 * stored payload: the hub formats each event once per audience, never per connection.
 *
 * Readers see only what any reader may see: a comment event reaches them only when the comment
 * is visible after it or was visible before it (the payload's visible / wasVisible, set by the
 * writer from the comment status rules), and then without moderation detail (no statuses,
 * reasons, reporters, who reacted). The README ("Live updates") lists these messages.
 */
export interface LiveMessage {
  event: string;
  data: Record<string, unknown>;
}

interface LiveRule<T extends DomainEventType> {
  article: ((p: DomainEventPayloads[T]) => LiveMessage | null) | null;
  moderation: ((p: DomainEventPayloads[T]) => LiveMessage | null) | null;
  counts: boolean;
}

type LiveTable = { [T in DomainEventType]: LiveRule<T> };

const message = (event: string, data: Record<string, unknown>): LiveMessage => ({ event, data });

export const LIVE_TABLE: LiveTable = {
  'comment.posted': {
    article: (p) => (p.visible ? message('comment.posted', { commentId: p.commentId, parentId: p.parentId }) : null),
    moderation: (p) => (p.visible ? null : message('item.held', { commentId: p.commentId, articleId: p.articleId, status: p.status })),
    counts: true,
  },
  'comment.edited': {
    article: (p) => (p.visible ? message('comment.edited', { commentId: p.commentId, revision: p.revision }) : null),
    moderation: null,
    counts: true,
  },
  'comment.status_changed': {
    article: (p) => {
      if (p.visible && !p.wasVisible) return message('comment.shown', { commentId: p.commentId, parentId: p.parentId });
      if (!p.visible && p.wasVisible) return message('comment.removed', { commentId: p.commentId });
      return null;
    },
    moderation: (p) => message('item.status_changed', { commentId: p.commentId, articleId: p.articleId, from: p.from, to: p.to, cause: p.cause }),
    counts: true,
  },
  'comment.deleted': {
    article: (p) => (p.wasVisible ? message('comment.removed', { commentId: p.commentId }) : null),
    moderation: null,
    counts: true,
  },
  'reaction.changed': {
    // Who reacted is not the readers' business; DISAGREE counts are shown to moderators only.
    article: (p) => (p.visible && p.kind === 'RESPECT' ? message('reaction.changed', { commentId: p.commentId, kind: p.kind, active: p.active }) : null),
    moderation: null,
    counts: false,
  },
  'decision.made': {
    article: null,
    moderation: (p) =>
      message('item.decided', { commentId: p.commentId, articleId: p.articleId, decisionId: p.decisionId, moderatorId: p.moderatorId, action: p.action, from: p.from, to: p.to }),
    counts: true,
  },
  'flag.raised': {
    article: null,
    moderation: (p) => message(p.urgent ? 'item.urgent' : 'item.flagged', { commentId: p.commentId, articleId: p.articleId, reason: p.reason, withheld: p.withheld }),
    counts: true,
  },
  'appeal.decided': {
    article: null,
    moderation: (p) => message('appeal.decided', { appealId: p.appealId, commentId: p.commentId, articleId: p.articleId, outcome: p.outcome }),
    counts: true,
  },
  'claim.linked': { article: null, moderation: null, counts: false },
  // A verdict reaches readers through the label.changed events of the comments it labels.
  'verdict.published': { article: null, moderation: null, counts: false },
  'label.changed': {
    article: (p) => message('label.changed', { commentId: p.commentId, verdict: p.verdict }),
    moderation: null,
    counts: false,
  },
  'note.status_changed': {
    // Readers see helpful notes only: a note appears when it becomes helpful, goes when it stops being.
    article: (p) =>
      p.to === 'HELPFUL' || p.from === 'HELPFUL' ? message('note.changed', { commentId: p.commentId, noteId: p.noteId, shown: p.to === 'HELPFUL' }) : null,
    moderation: null,
    counts: false,
  },
};

export type Audience = 'article' | 'moderation';

/** The message an event becomes for an audience, or null when that audience gets nothing. */
export function liveMessageFor(event: StoredEvent, audience: Audience): LiveMessage | null {
  const rule = LIVE_TABLE[event.type] as LiveRule<DomainEventType> | undefined;
  const make = rule?.[audience] as ((p: StoredEvent['payload']) => LiveMessage | null) | null | undefined;
  return make ? make(event.payload) : null;
}

/** Whether the event may move a moderation queue count. */
export function movesCounts(event: StoredEvent): boolean {
  return LIVE_TABLE[event.type]?.counts ?? false;
}

/** One Server-Sent Events frame; `id` is the outbox position (absent on messages that are not events, like counts). */
export function sseFrame(msg: LiveMessage, id: bigint | null): string {
  return `${id === null ? '' : `id: ${id}\n`}event: ${msg.event}\ndata: ${JSON.stringify(msg.data)}\n\n`;
}
