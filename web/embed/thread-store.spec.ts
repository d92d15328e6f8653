import type { Comment, ThreadPage } from '../shared/types';
import { refreshed, threadFrom, withDeleted, withPosted, withReplies } from './thread-store';

let seq = 0;
function comment(id: string, over: Partial<Comment> = {}): Comment {
  seq += 1;
  return {
    id,
    articleId: 'a',
    parentId: null,
    depth: 0,
    state: 'visible',
    author: { id: 'someone', displayName: 'Someone', role: 'READER' },
    html: `<p>${id}</p>`,
    createdAt: new Date(1_700_000_000_000 + seq).toISOString(),
    editedAt: null,
    edited: false,
    respectCount: 0,
    replyCount: 0,
    viewerReactions: [],
    awaitingReview: false,
    replies: [],
    moreReplies: false,
    ...over,
  };
}

function page(items: Comment[], over: Partial<ThreadPage> = {}): ThreadPage {
  return { article: { id: 'a', commentCount: items.length, open: true }, awaitingReview: [], items, nextCursor: null, ...over };
}

const ids = (items: Comment[]) => items.map((c) => c.id);

describe('thread store', () => {
  it('shows the reader’s own held comments first when the page did not include them', () => {
    const held = comment('held', { state: 'awaiting-review' });
    const thread = threadFrom([page([comment('x'), held], { awaitingReview: [held, comment('older-held', { state: 'awaiting-review' })] })]);
    expect(ids(thread.items)).toEqual(['older-held', 'x', 'held']);
  });

  it('keeps replies loaded with "more replies" across a refresh while the parent still has more', () => {
    const parent = comment('p', { replies: [comment('r1')], moreReplies: true, replyCount: 3 });
    let thread = threadFrom([page([parent])]);
    thread = withReplies(thread, 'p', [comment('r1'), comment('r2'), comment('r3')], null);
    expect(ids(thread.items[0].replies)).toEqual(['r1', 'r2', 'r3']);
    const { thread: after } = refreshed(thread, [page([comment('p', { replies: [comment('r1', { respectCount: 4 })], moreReplies: true })])], null);
    expect(ids(after.items[0].replies)).toEqual(['r1', 'r2', 'r3']);
    expect(after.items[0].replies[0].respectCount).toBe(4);
  });

  it('drops a reply a refresh no longer returns when the parent’s replies are complete', () => {
    const thread = threadFrom([page([comment('p', { replies: [comment('r1'), comment('r2')] })])]);
    const { thread: after } = refreshed(thread, [page([comment('p', { replies: [comment('r2')] })])], null);
    expect(ids(after.items[0].replies)).toEqual(['r2']);
  });

  it('counts comments new to the reader, not the reader’s own', () => {
    const thread = threadFrom([page([comment('old')])]);
    const mine = comment('mine', { author: { id: 'me', displayName: 'Me', role: 'READER' } });
    const { added } = refreshed(thread, [page([comment('new', { replies: [comment('new-reply')] }), mine, comment('old')])], 'me');
    expect(added).toBe(2);
  });

  it('keeps pages beyond the reloaded ones, and comments a newer one pushed out of them', () => {
    let thread = threadFrom([page([comment('a1'), comment('a2')], { nextCursor: 'c1' })]);
    thread = { ...thread, items: [...thread.items, comment('b1'), comment('b2')], pages: 7, nextCursor: 'c2' };
    const { thread: after } = refreshed(thread, [page([comment('a0'), comment('a1')], { nextCursor: 'c1b' })], null);
    expect(ids(after.items)).toEqual(['a0', 'a1', 'a2', 'b1', 'b2']);
    expect(after.nextCursor).toBe('c2');
  });

  it('puts a new reply under its parent and counts only visible comments', () => {
    const thread = threadFrom([page([comment('p')])]);
    const visible = withPosted(thread, comment('r', { parentId: 'p' }));
    expect(visible.count).toBe(2);
    expect(visible.items[0].replyCount).toBe(1);
    const held = withPosted(thread, comment('h', { parentId: 'p', state: 'awaiting-review' }));
    expect(held.count).toBe(1);
    expect(ids(held.items[0].replies)).toEqual(['h']);
  });

  it('leaves a tombstone for a deleted comment with replies, and removes one without', () => {
    const thread = threadFrom([page([comment('p', { replies: [comment('r', { parentId: 'p' })], replyCount: 1 })])]);
    const tomb = withDeleted(thread, 'p');
    expect(tomb.items[0]).toMatchObject({ id: 'p', state: 'deleted', html: null, author: null });
    expect(ids(tomb.items[0].replies)).toEqual(['r']);
    const gone = withDeleted(thread, 'r');
    expect(gone.items[0].replies).toEqual([]);
  });
});
