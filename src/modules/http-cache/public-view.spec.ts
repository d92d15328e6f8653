import type { DomainEvent, StoredEvent } from '../events/domain-events';
import { publicViewChange } from './public-view';

const ids = { commentId: 'c', articleId: 'a', authorId: 'u', parentId: null };

function stored(event: DomainEvent): StoredEvent {
  return { id: 1n, position: 1n, articleId: 'a', createdAt: new Date(0), ...event } as StoredEvent;
}

describe('publicViewChange', () => {
  it.each<[string, DomainEvent, ReturnType<typeof publicViewChange>]>([
    ['a visible comment posted', { type: 'comment.posted', payload: { ...ids, visible: true, status: 'PUBLISHED' } }, 'article'],
    ['a held comment posted', { type: 'comment.posted', payload: { ...ids, visible: false, status: 'PENDING' } }, 'none'],
    ['a visible comment edited', { type: 'comment.edited', payload: { ...ids, visible: true, revision: 2, status: 'PUBLISHED' } }, 'article'],
    ['a visible comment rejected', { type: 'comment.status_changed', payload: { ...ids, visible: false, wasVisible: true, from: 'PUBLISHED', to: 'REJECTED', cause: 'decision' } }, 'article'],
    ['a held comment rejected', { type: 'comment.status_changed', payload: { ...ids, visible: false, wasVisible: false, from: 'PENDING', to: 'REJECTED', cause: 'decision' } }, 'none'],
    ['a held comment deleted by its author', { type: 'comment.deleted', payload: { ...ids, visible: false, wasVisible: false, byErasure: false } }, 'none'],
    ['a visible comment deleted', { type: 'comment.deleted', payload: { ...ids, visible: false, wasVisible: true, byErasure: false } }, 'article'],
    ['a respect on a visible comment', { type: 'reaction.changed', payload: { commentId: 'c', articleId: 'a', userId: 'u', kind: 'RESPECT', active: true, visible: true, respectCount: 1, disagreeCount: 0 } }, 'article'],
    ['a disagreement (moderators only)', { type: 'reaction.changed', payload: { commentId: 'c', articleId: 'a', userId: 'u', kind: 'DISAGREE', active: true, visible: true, respectCount: 0, disagreeCount: 1 } }, 'none'],
    ['a flag', { type: 'flag.raised', payload: { commentId: 'c', articleId: 'a', reporterId: 'u', reason: 'SPAM', urgent: false, withheld: false } }, 'none'],
    ['a label', { type: 'label.changed', payload: { commentId: 'c', articleId: 'a', verdict: 'FALSE' } }, 'article'],
    ['a verdict (no article)', { type: 'verdict.published', payload: { claimId: 'k', version: 1, verdict: 'FALSE', previous: null } }, 'all'],
  ])('%s', (_name, event, expected) => {
    expect(publicViewChange(stored(event))).toBe(expected);
  });
});
