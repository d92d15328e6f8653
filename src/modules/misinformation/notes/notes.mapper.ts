import type { NoteStatus } from '../../../generated/prisma/enums';
import type { SourceDto } from '../desk/dto/source.dto';
import type { NoteDto, NoteListItemDto } from './dto/note.dto';

type NoteRow = { id: string; text: string; sources: unknown; status: NoteStatus; statusChangedAt: Date; createdAt: Date };

/** Sources are stored as JSON, written only through SourceDto. */
const sourcesOf = (json: unknown) => json as SourceDto[];

export function toNoteResponse(note: NoteRow, commentId: string): NoteDto {
  return { id: note.id, commentId, text: note.text, sources: sourcesOf(note.sources), status: note.status, createdAt: note.createdAt.toISOString() };
}

export function toNoteListItemResponse(n: NoteRow & { _count: { ratings: number } }): NoteListItemDto {
  return {
    id: n.id,
    text: n.text,
    sources: sourcesOf(n.sources),
    status: n.status,
    ratings: n._count.ratings,
    statusChangedAt: n.statusChangedAt.toISOString(),
    createdAt: n.createdAt.toISOString(),
  };
}
