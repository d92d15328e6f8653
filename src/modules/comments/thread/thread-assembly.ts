import { isVisibleStatus } from '../../../common/comment-status/comment-status';
import type { CommentRow } from './comment-row';
import { appearanceOf, Viewer } from './visibility';

export interface ThreadNode {
  row: CommentRow;
  children: ThreadNode[];
  /** Whether the comment has visible replies beyond those included. */
  moreReplies: boolean;
}

export interface ThreadCaps {
  /** Levels of replies included below each top comment. */
  depth: number;
  /** Replies included under each top comment, in thread order. */
  perComment: number;
}

/**
 * Builds the reply trees under each top comment from rows in thread order (path order: depth
 * first, siblings oldest first). A reply is included only when its parent is included, it is
 * within the depth cap, the per-comment cap is not yet reached, and the viewer may see it.
 */
export function assembleThreads(tops: CommentRow[], replies: CommentRow[], caps: ThreadCaps, viewer: Viewer | null): ThreadNode[] {
  const byRoot = new Map<string, CommentRow[]>();
  for (const r of replies) {
    const list = byRoot.get(r.rootId);
    if (list) list.push(r);
    else byRoot.set(r.rootId, [r]);
  }
  return tops
    .filter((t) => appearanceOf(t, viewer) !== 'hidden')
    .map((top) => buildTree(top, (byRoot.get(top.rootId) ?? []).filter((r) => r.path > top.path && r.path.startsWith(top.path)), caps, viewer));
}

function buildTree(top: CommentRow, descendants: CommentRow[], caps: ThreadCaps, viewer: Viewer | null): ThreadNode {
  const root: ThreadNode = { row: top, children: [], moreReplies: false };
  const included = new Map<string, ThreadNode>([[top.id, root]]);
  let count = 0;
  for (const row of descendants) {
    if (count >= caps.perComment) break;
    if (row.depth - top.depth > caps.depth) continue;
    const parent = row.parentId ? included.get(row.parentId) : undefined;
    if (!parent || appearanceOf(row, viewer) === 'hidden') continue;
    const node: ThreadNode = { row, children: [], moreReplies: false };
    parent.children.push(node);
    included.set(row.id, node);
    count++;
  }
  for (const node of included.values()) markMore(node);
  return root;
}

function markMore(node: ThreadNode): void {
  const shownVisible = node.children.filter((c) => isVisibleStatus(c.row.status)).length;
  node.moreReplies = node.row.replyCount > shownVisible;
}
