import type { NoteStatus } from '../../../generated/prisma/enums';
import type { SourceDto } from '../desk/dto/source.dto';
import type { RequestedCommentRow } from './context-requests.repository';
import type { RequestedCommentDto } from './dto/context-request.dto';
import type { NoteDto, NoteListItemDto } from './dto/note.dto';

type NoteRow = { id: string; commentId: string | null; claimId: string | null; text: string; sources: unknown; status: NoteStatus; statusChangedAt: Date; createdAt: Date };

/** Sources are stored as JSON, written only through SourceDto. */
const sourcesOf = (json: unknown) => json as SourceDto[];

export function toNoteResponse(note: NoteRow): NoteDto {
  return {
    id: note.id,
    commentId: note.commentId,
    claimId: note.claimId,
    text: note.text,
    sources: sourcesOf(note.sources),
    status: note.status,
    createdAt: note.createdAt.toISOString(),
  };
}

export function toNoteListItemResponse(n: NoteRow & { _count: { ratings: number } }): NoteListItemDto {
  return {
    id: n.id,
    claimId: n.claimId,
    text: n.text,
    sources: sourcesOf(n.sources),
    status: n.status,
    ratings: n._count.ratings,
    statusChangedAt: n.statusChangedAt.toISOString(),
    createdAt: n.createdAt.toISOString(),
  };
}

export function toRequestedCommentResponse(r: RequestedCommentRow): RequestedCommentDto {
  return { id: r.id, articleId: r.articleId, articleTitle: r.title, html: r.bodyHtml, createdAt: r.createdAt.toISOString(), requests: r.requests, notes: r.notes };
}
