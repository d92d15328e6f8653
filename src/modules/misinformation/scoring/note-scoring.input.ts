import { CHUNK, inChunks, RatingList } from './rating-matrix';

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
  /** Author of each note as a rater index; -1 when unknown or not a rater. */
  author: Int32Array;
  times: { createdAt: Float64Array; labelledAt: Float64Array };
  wasHelpful: Uint8Array;
}


/** Ids to sorted indices and ratings to typed arrays, yielding every few thousand ratings. */
/** Every input rating in input order (`raw`), and what is known about notes and raters. */
export function* encode(ratings: readonly NoteRating[], notes: readonly NoteInfo[]): Generator<void, { raw: RatingList; data: Encoded }> {
  const noteIds = new IdIndex();
  for (const note of notes) noteIds.add(note.noteId);
  const raterIds = new IdIndex();
  const raw: RatingList = {
    note: new Int32Array(ratings.length),
    rater: new Int32Array(ratings.length),
    value: new Float32Array(ratings.length),
    ratedAt: new Float64Array(ratings.length),
  };
  // The loop body is a plain function (V8 cannot optimize a loop that yields inside a generator),
  // in smaller slices than usual: inserting ids not seen before costs microseconds each.
  yield* inChunks(
    ratings.length,
    (from, to) => {
      for (let i = from; i < to; i++) {
        const r = ratings[i];
        raw.note[i] = noteIds.add(r.noteId);
        raw.rater[i] = raterIds.add(r.raterId);
        raw.value[i] = ratingScore(r.value);
        raw.ratedAt[i] = r.ratedAt === undefined ? NaN : millis(r.ratedAt);
      }
    },
    CHUNK / 16,
  );
  const notesSorted = yield* noteIds.sortInPlace(raw.note);
  const ratersSorted = yield* raterIds.sortInPlace(raw.rater);
  return { raw, data: { noteIds: notesSorted.ids, raterIds: ratersSorted.ids, ...noteFacts(notes, notesSorted.indexOf, ratersSorted.indexOf) } };
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
  *sortInPlace(indices: Int32Array): Generator<void, { ids: string[]; indexOf: Map<string, number> }> {
    const ids = yield* sortStrings([...this.firstSeen.keys()]);
    const rank = new Int32Array(ids.length);
    const indexOf = new Map<string, number>();
    yield* inChunks(ids.length, (from, to) => {
      for (let k = from; k < to; k++) {
        rank[this.firstSeen.get(ids[k])!] = k;
        indexOf.set(ids[k], k);
      }
    });
    yield* inChunks(indices.length, (from, to) => {
      for (let i = from; i < to; i++) indices[i] = rank[indices[i]];
    });
    return { ids, indexOf };
  }
}

/**
 * Sorts like Array.prototype.sort() (by UTF-16 code units), as a merge sort that yields between
 * runs and merges: sorting 100,000 ids at once holds the event loop for over 100 ms.
 */
function* sortStrings(ids: string[]): Generator<void, string[]> {
  const RUN = 4096;
  let runs: string[][] = [];
  for (let i = 0; i < ids.length; i += RUN) {
    runs.push(ids.slice(i, i + RUN).sort());
    yield;
  }
  while (runs.length > 1) {
    const merged: string[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      merged.push(i + 1 < runs.length ? merge(runs[i], runs[i + 1]) : runs[i]);
      yield;
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

function merge(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let [i, j, k] = [0, 0, 0];
  while (i < a.length && j < b.length) out[k++] = b[j] < a[i] ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
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
