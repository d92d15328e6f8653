import { DOMAIN_EVENT_TYPES, DomainEvent, StoredEvent } from '../events/domain-events';
import { LIVE_TABLE, liveMessageFor, movesCounts, sseFrame } from './live-messages';

const ids = { commentId: 'c1', articleId: 'a1', authorId: 'u1', parentId: null };

function stored(event: DomainEvent, position = 7n): StoredEvent {
  return { id: position, position, type: event.type, articleId: 'a1', payload: event.payload, createdAt: new Date(0) } as StoredEvent;
}

const reader = (event: DomainEvent) => liveMessageFor(stored(event), 'article');
const moderator = (event: DomainEvent) => liveMessageFor(stored(event), 'moderation');

describe('live messages', () => {
  it('has a row for every domain event type', () => {
    expect(Object.keys(LIVE_TABLE).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });

  it.each([
    ['published', true, 'comment.posted'],
    ['held for review', false, null],
  ])('gives readers a posted comment only when it is visible (%s)', (_, visible, expected) => {
    expect(reader({ type: 'comment.posted', payload: { ...ids, visible, status: visible ? 'PUBLISHED' : 'PENDING' } })?.event ?? null).toBe(expected);
  });

  it('tells moderators about a held comment, and not about a published one', () => {
    expect(moderator({ type: 'comment.posted', payload: { ...ids, visible: false, status: 'PENDING' } })).toEqual({
      event: 'item.held',
      data: { commentId: 'c1', articleId: 'a1', status: 'PENDING' },
    });
    expect(moderator({ type: 'comment.posted', payload: { ...ids, visible: true, status: 'PUBLISHED' } })).toBeNull();
  });

  it.each([
    [false, true, 'comment.shown'],
    [true, false, 'comment.removed'],
    [true, true, null],
    [false, false, null],
  ] as const)('maps a status change from visible=%s to visible=%s to %s for readers', (wasVisible, visible, expected) => {
    const msg = reader({ type: 'comment.status_changed', payload: { ...ids, visible, wasVisible, from: 'PENDING', to: 'APPROVED', cause: 'decision' } });
    expect(msg?.event ?? null).toBe(expected);
    // Readers never learn statuses or causes.
    if (msg) expect(Object.keys(msg.data).sort()).toEqual(expect.not.arrayContaining(['from', 'to', 'cause']));
  });

  it('removes a deleted comment for readers only when they could see it', () => {
    expect(reader({ type: 'comment.deleted', payload: { ...ids, visible: false, wasVisible: true, byErasure: false } })?.event).toBe('comment.removed');
    expect(reader({ type: 'comment.deleted', payload: { ...ids, visible: false, wasVisible: false, byErasure: false } })).toBeNull();
  });

  it('does not tell readers who reacted, nor about moderator-only disagreement', () => {
    const reaction = (kind: 'RESPECT' | 'DISAGREE', visible: boolean) =>
      reader({ type: 'reaction.changed', payload: { commentId: 'c1', articleId: 'a1', userId: 'u9', kind, active: true, visible, respectCount: 1, disagreeCount: 0 } });
    expect(reaction('RESPECT', true)).toEqual({ event: 'reaction.changed', data: { commentId: 'c1', kind: 'RESPECT', active: true } });
    expect(reaction('RESPECT', false)).toBeNull();
    expect(reaction('DISAGREE', true)).toBeNull();
  });

  it('keeps flags, decisions and appeals from readers and gives them to moderators', () => {
    const flag: DomainEvent = { type: 'flag.raised', payload: { commentId: 'c1', articleId: 'a1', reporterId: 'u2', reason: 'SPAM', urgent: true, withheld: false } };
    expect(reader(flag)).toBeNull();
    expect(moderator(flag)?.event).toBe('item.urgent');
    expect(moderator(flag)?.data).not.toHaveProperty('reporterId');
    const decision: DomainEvent = {
      type: 'decision.made',
      payload: { decisionId: 'd1', commentId: 'c1', articleId: 'a1', authorId: 'u1', moderatorId: 'm1', action: 'APPROVE', from: 'PENDING', to: 'APPROVED', reason: null, revision: 1 },
    };
    expect(reader(decision)).toBeNull();
    expect(moderator(decision)?.event).toBe('item.decided');
    expect(movesCounts(stored(decision))).toBe(true);
  });

  it('shows readers a note when it becomes helpful and takes it away when it stops being', () => {
    const note = (from: 'HELPFUL' | 'NEEDS_MORE_RATINGS' | 'NOT_HELPFUL', to: 'HELPFUL' | 'NEEDS_MORE_RATINGS' | 'NOT_HELPFUL') =>
      reader({ type: 'note.status_changed', payload: { noteId: 'n1', commentId: 'c1', articleId: 'a1', from, to } });
    expect(note('NEEDS_MORE_RATINGS', 'HELPFUL')?.data).toMatchObject({ shown: true });
    expect(note('HELPFUL', 'NOT_HELPFUL')?.data).toMatchObject({ shown: false });
    expect(note('NEEDS_MORE_RATINGS', 'NOT_HELPFUL')).toBeNull();
  });

  it('frames a message with its position as the id, and a counts message without one', () => {
    expect(sseFrame({ event: 'comment.posted', data: { commentId: 'c1' } }, 42n)).toBe('id: 42\nevent: comment.posted\ndata: {"commentId":"c1"}\n\n');
    expect(sseFrame({ event: 'queue.counts', data: {} }, null)).toBe('event: queue.counts\ndata: {}\n\n');
  });
});
