import { isStaff } from '../../../common/auth/principal';
import type { CommentDto } from '../dto/comment.dto';
import type { CommentRow } from './comment-row';
import type { ThreadNode } from './thread-assembly';
import type { HelpfulNoteRow, LabelRow } from './thread.repository';
import { appearanceOf, Viewer } from './visibility';

export type ReactionsByComment = ReadonlyMap<string, string[]>;

const STATE = { visible: 'visible', 'own-held': 'awaiting-review', 'own-rejected': 'rejected', tombstone: 'deleted', placeholder: 'unavailable' } as const;

/** One comment as a viewer may see it; null when they may not see it at all. */
export function toCommentResponse(row: CommentRow, viewer: Viewer | null, reactions: ReactionsByComment): CommentDto | null {
  const appearance = appearanceOf(row, viewer);
  if (appearance === 'hidden') return null;
  const full = appearance === 'visible' || appearance === 'own-held' || appearance === 'own-rejected';
  const dto: CommentDto = {
    id: row.id,
    articleId: row.articleId,
    parentId: row.parentId,
    depth: row.depth,
    state: STATE[appearance],
    author: full && !row.authorDeleted ? { id: row.authorId, displayName: row.authorName, role: row.authorRole } : null,
    html: full ? row.bodyHtml : null,
    createdAt: row.createdAt.toISOString(),
    editedAt: full ? (row.editedAt?.toISOString() ?? null) : null,
    edited: full && row.editedAt !== null,
    featured: full && row.featured,
    respectCount: row.respectCount,
    replyCount: row.replyCount,
    viewerReactions: reactions.get(row.id) ?? [],
    awaitingReview: appearance === 'own-held',
    replies: [],
    moreReplies: row.replyCount > 0,
  };
  if (full && row.authorDeleted) dto.author = { id: row.authorId, displayName: 'Deleted user', role: 'READER' };
  if (viewer && isStaff(viewer.role)) dto.disagreeCount = row.disagreeCount;
  return dto;
}

export function toThreadResponse(node: ThreadNode, viewer: Viewer | null, reactions: ReactionsByComment): CommentDto | null {
  const dto = toCommentResponse(node.row, viewer, reactions);
  if (!dto) return null;
  dto.replies = node.children.map((c) => toThreadResponse(c, viewer, reactions)).filter((c): c is CommentDto => c !== null);
  dto.moreReplies = node.moreReplies;
  return dto;
}

/** A comment the viewer may not see, kept as a placeholder so the chain above a reply holds its place. */
export function toUnavailableResponse(row: CommentRow): CommentDto {
  return {
    id: row.id,
    articleId: row.articleId,
    parentId: row.parentId,
    depth: row.depth,
    state: 'unavailable',
    author: null,
    html: null,
    createdAt: row.createdAt.toISOString(),
    editedAt: null,
    edited: false,
    featured: false,
    respectCount: 0,
    replyCount: row.replyCount,
    viewerReactions: [],
    awaitingReview: false,
    replies: [],
    moreReplies: false,
  };
}

type Sources = { url: string; title: string }[];

/** A label as readers see it under a comment (the verdict of its claim or the external fact-check it cites, or its own label). */
export function toLabelResponse(r: LabelRow): NonNullable<CommentDto['label']> {
  return {
    verdict: r.verdict,
    summary: r.summary,
    sources: r.sources as Sources,
    asOf: new Date(r.asOf).toISOString(),
    ...(r.claimId ? { claim: { id: r.claimId, statement: r.statement as string, version: r.version } } : {}),
    ...(r.externalUrl ? { externalReview: { url: r.externalUrl, publisher: r.externalPublisher as string, rating: r.externalRating as string } } : {}),
  };
}

export function toHelpfulNoteResponse(n: HelpfulNoteRow): NonNullable<CommentDto['notes']>[number] {
  return { id: n.id, text: n.text, sources: n.sources as Sources };
}
