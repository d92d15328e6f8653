import { CHUNK, RatingList } from './rating-matrix';

export type RatingValue = 'HELPFUL' | 'SOMEWHAT_HELPFUL' | 'NOT_HELPFUL';

export interface NoteRating {
  noteId: string;
  raterId: string;
  value: RatingValue;
  /** When the rating was made (or last changed). Without it the rating counts as made in time. */
  ratedAt?: Date | number;
}

/** What the scorer may know about a note besides its ratings; every field is optional. */
export interface NoteInfo {
  noteId: string;
  authorId?: string | null;
  createdAt?: Date | number;
  /** When the note last became HELPFUL or NOT_HELPFUL, if ever (timestampMillisOfNoteMostRecentNonNMRLabel). */
  labelledAt?: Date | number | null;
  /** Its status after the previous run: a shown note keeps a 0.01 margin (AddCRHInertia). */
  status?: 'HELPFUL' | 'NOT_HELPFUL' | 'NEEDS_MORE_RATINGS';
}

export interface Encoded {
  noteIds: string[];
  raterIds: string[];
  /** Every input rating, in input order. */
  raw: RatingList;
  /** Author of each note as a rater index; -1 when unknown or not a rater. */
  author: Int32Array;
  times: { createdAt: Float64Array; labelledAt: Float64Array };
  wasHelpful: Uint8Array;
}


/** Ids to sorted indices and ratings to typed arrays, yielding every CHUNK ratings. */
export function* encode(ratings: readonly NoteRating[], notes: readonly NoteInfo[]): Generator<void, Encoded> {
  const noteIds = new IdIndex();
  for (const note of notes) noteIds.add(note.noteId);
  const raterIds = new IdIndex();
  const raw: RatingList = {
    note: new Int32Array(ratings.length),
    rater: new Int32Array(ratings.length),
    value: new Float64Array(ratings.length),
    ratedAt: new Float64Array(ratings.length),
  };
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i];
    raw.note[i] = noteIds.add(r.noteId);
    raw.rater[i] = raterIds.add(r.raterId);
    raw.value[i] = ratingScore(r.value);
    raw.ratedAt[i] = r.ratedAt === undefined ? NaN : millis(r.ratedAt);
    if (i % CHUNK === CHUNK - 1) yield;
  }
  const notesSorted = noteIds.sortInPlace(raw.note);
  yield;
  const ratersSorted = raterIds.sortInPlace(raw.rater);
  yield;
  return { noteIds: notesSorted.ids, raterIds: ratersSorted.ids, raw, ...noteFacts(notes, notesSorted.indexOf, ratersSorted.indexOf) };
}

/**
 * Ids numbered in order of first sight (one hash lookup per rating), then renumbered in sorted
 * order so that indices, and every sum over them, do not depend on the input order.
 */
class IdIndex {
  private readonly firstSeen = new Map<string, number>();

  add(id: string): number {
    let index = this.firstSeen.get(id);
    if (index === undefined) this.firstSeen.set(id, (index = this.firstSeen.size));
    return index;
  }

  /** Rewrites `indices` (first-sight numbers) to sorted-order numbers. */
  sortInPlace(indices: Int32Array): { ids: string[]; indexOf: Map<string, number> } {
    const ids = [...this.firstSeen.keys()].sort();
    const rank = new Int32Array(ids.length);
    const indexOf = new Map<string, number>();
    ids.forEach((id, sortedIndex) => {
      rank[this.firstSeen.get(id)!] = sortedIndex;
      indexOf.set(id, sortedIndex);
    });
    for (let i = 0; i < indices.length; i++) indices[i] = rank[indices[i]];
    return { ids, indexOf };
  }
}

function noteFacts(notes: readonly NoteInfo[], noteOf: Map<string, number>, raterOf: Map<string, number>) {
  const n = noteOf.size;
  const author = new Int32Array(n).fill(-1);
  const times = { createdAt: new Float64Array(n).fill(NaN), labelledAt: new Float64Array(n).fill(NaN) };
  const wasHelpful = new Uint8Array(n);
  for (const note of notes) {
    const k = noteOf.get(note.noteId)!;
    author[k] = note.authorId != null ? (raterOf.get(note.authorId) ?? -1) : -1;
    times.createdAt[k] = millis(note.createdAt);
    times.labelledAt[k] = millis(note.labelledAt ?? undefined);
    wasHelpful[k] = note.status === 'HELPFUL' ? 1 : 0;
  }
  return { author, times, wasHelpful };
}

/** helpfulNum in the reference (process_data.py). */
function ratingScore(value: RatingValue): number {
  switch (value) {
    case 'HELPFUL':
      return 1;
    case 'SOMEWHAT_HELPFUL':
      return 0.5;
    case 'NOT_HELPFUL':
      return 0;
    default:
      throw new RangeError(`scoreNotes: unknown rating value ${String(value)}`);
  }
}

function millis(at: Date | number | undefined): number {
  if (at === undefined) return NaN;
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('scoreNotes: times must be finite');
  return ms;
}
