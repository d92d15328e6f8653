import type { Comment, ThreadPage } from '../shared/types';

/**
 * The comments a reader has loaded, as plain data, and the pure operations on it: pages, more
 * replies, refreshes that keep what the reader expanded, and the reader's own changes. The view
 * renders whatever this holds; nothing here touches the DOM.
 */
export interface Thread {
  articleId: string;
  count: number;
  open: boolean;
  /** Top-level comments with their loaded replies, in the order shown. */
  items: Comment[];
  nextCursor: string | null;
  /** How many top-level pages were loaded (a refresh reloads as many, up to a cap). */
  pages: number;
  /** Per comment: the cursor for its next replies, once "more replies" was used. */
  replyCursors: Map<string, string | null>;
}

/** Own comments awaiting review that the page's sort did not place are shown first. */
export function threadFrom(pages: ThreadPage[]): Thread {
  const first = pages[0];
  const items = dedupe(pages.flatMap((p) => p.items));
  const known = new Set(items.map((c) => c.id));
  const held = first.awaitingReview.filter((c) => !known.has(c.id));
  return {
    articleId: first.article.id,
    count: first.article.commentCount,
    open: first.article.open,
    items: [...held, ...items],
    nextCursor: pages[pages.length - 1].nextCursor,
    pages: pages.length,
    replyCursors: new Map(),
  };
}

export function withNextPage(thread: Thread, page: ThreadPage): Thread {
  const known = new Set(thread.items.map((c) => c.id));
  return { ...thread, items: [...thread.items, ...page.items.filter((c) => !known.has(c.id))], nextCursor: page.nextCursor, pages: thread.pages + 1 };
}

/**
 * A fresh copy of the loaded pages, merged with the old state: comments take their new content
 * (edits, counts, labels, removals), and replies the reader loaded with "more replies" stay as
 * long as their parent is still there. New comments are returned so they can be announced.
 */
export function refreshed(old: Thread, pages: ThreadPage[], viewerId: string | null): { thread: Thread; added: number } {
  const fresh = threadFrom(pages);
  const before = indexById(old.items);
  const items = fresh.items.map((c) => mergeNode(c, before));
  const after = indexById(items);
  let added = 0;
  for (const [id, c] of after) if (!before.has(id) && c.author?.id !== viewerId) added++;
  // Pages beyond the reloaded ones (a reader deep in a long thread) stay as they were: what
  // followed the last comment that the reload also returned.
  let kept: Comment[] = [];
  if (old.pages > pages.length) {
    const lastShared = old.items.map((c) => after.has(c.id)).lastIndexOf(true);
    kept = old.items.slice(lastShared + 1).filter((c) => !after.has(c.id));
  }
  return {
    thread: {
      ...fresh,
      items: [...items, ...kept],
      nextCursor: kept.length > 0 ? old.nextCursor : fresh.nextCursor,
      pages: Math.max(old.pages, pages.length),
      replyCursors: new Map([...old.replyCursors].filter(([id]) => after.has(id))),
    },
    added,
  };
}

function mergeNode(fresh: Comment, before: Map<string, Comment>): Comment {
  const old = before.get(fresh.id);
  const replies = fresh.replies.map((r) => mergeNode(r, before));
  if (!old) return { ...fresh, replies };
  // The fresh copy lists only the first replies; keep the ones the reader loaded beyond them,
  // unless the fresh copy is complete (then a missing reply was removed).
  const freshIds = new Set(replies.map((r) => r.id));
  const extra = fresh.moreReplies ? old.replies.filter((r) => !freshIds.has(r.id)).map((r) => mergeNode(r, before)) : [];
  return { ...fresh, replies: [...replies, ...extra], moreReplies: extra.length > 0 ? old.moreReplies : fresh.moreReplies };
}

export function withReplies(thread: Thread, parentId: string, items: Comment[], nextCursor: string | null): Thread {
  const replyCursors = new Map(thread.replyCursors).set(parentId, nextCursor);
  return {
    ...thread,
    replyCursors,
    items: mapTree(thread.items, parentId, (parent) => {
      const known = new Set(parent.replies.map((r) => r.id));
      return { ...parent, replies: [...parent.replies, ...items.filter((r) => !known.has(r.id))], moreReplies: nextCursor !== null };
    }),
  };
}

/** The reader's new comment, shown at once: replies under their parent, comments on top. */
export function withPosted(thread: Thread, comment: Comment): Thread {
  const visible = comment.state === 'visible';
  const count = thread.count + (visible ? 1 : 0);
  if (!comment.parentId) return { ...thread, count, items: [comment, ...thread.items] };
  const items = mapTree(thread.items, comment.parentId, (parent) => ({
    ...parent,
    replyCount: parent.replyCount + (visible ? 1 : 0),
    replies: [...parent.replies, comment],
  }));
  return { ...thread, count, items };
}

/** An edited comment: new content, same place, same loaded replies. */
export function withEdited(thread: Thread, comment: Comment): Thread {
  return { ...thread, items: mapTree(thread.items, comment.id, (old) => ({ ...comment, replies: old.replies, moreReplies: old.moreReplies })) };
}

/** The author deleted it: a tombstone while it has replies, gone otherwise. */
export function withDeleted(thread: Thread, id: string): Thread {
  const target = find(thread.items, id);
  if (!target) return thread;
  const count = thread.count - (target.state === 'visible' ? 1 : 0);
  if (target.replies.length > 0 || target.replyCount > 0) {
    const tomb = (c: Comment): Comment => ({ ...c, state: 'deleted', html: null, author: null, label: undefined, notes: undefined });
    return { ...thread, count, items: mapTree(thread.items, id, tomb) };
  }
  return { ...thread, count, items: removeFromTree(thread.items, id) };
}

export function withReaction(thread: Thread, id: string, state: { respectCount: number; disagreeCount?: number; viewerReactions: string[] }): Thread {
  return { ...thread, items: mapTree(thread.items, id, (c) => ({ ...c, ...state })) };
}

export function find(items: Comment[], id: string): Comment | null {
  for (const c of items) {
    if (c.id === id) return c;
    const inner = find(c.replies, id);
    if (inner) return inner;
  }
  return null;
}

function mapTree(items: Comment[], id: string, change: (c: Comment) => Comment): Comment[] {
  return items.map((c) => (c.id === id ? change(c) : c.replies.length > 0 ? { ...c, replies: mapTree(c.replies, id, change) } : c));
}

function removeFromTree(items: Comment[], id: string): Comment[] {
  return items.filter((c) => c.id !== id).map((c) => (c.replies.length > 0 ? { ...c, replies: removeFromTree(c.replies, id) } : c));
}

function indexById(items: Comment[], into = new Map<string, Comment>()): Map<string, Comment> {
  for (const c of items) {
    into.set(c.id, c);
    indexById(c.replies, into);
  }
  return into;
}

function dedupe(items: Comment[]): Comment[] {
  const seen = new Set<string>();
  return items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
