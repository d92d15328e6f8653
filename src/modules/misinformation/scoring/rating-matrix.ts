/**
 * Ratings as typed arrays: ids become indices in sorted order, so every later sum runs in an order
 * that does not depend on how the caller ordered its input. What enters each round of the fit is a
 * list of positions into the one list of ratings, grouped by note and by rater in
 * compressed-sparse-row form for the solver.
 *
 * Every pass over the ratings is a generator that yields after each CHUNK of them, so that
 * scoreNotesAsync can hand the event loop back; the inner loops stay plain for speed.
 */

/**
 * Ratings as parallel arrays. Values are 0, 0.5 or 1, exact in 32 bits (half the memory of 64);
 * `ratedAt` is ms since the epoch, NaN when unknown.
 */
export interface RatingList {
  note: Int32Array;
  rater: Int32Array;
  value: Float32Array;
  ratedAt: Float64Array;
}

/** Rows of one side (notes or raters): row k's entries are start[k] .. start[k+1]-1. */
export interface Csr {
  start: Int32Array;
  /** Index on the other side (rater for a note row, note for a rater row). */
  other: Int32Array;
  value: Float32Array;
}

/** A subset of ratings arranged for the solver. */
export interface RatingGrid {
  ratings: number;
  byNote: Csr;
  byRater: Csr;
  /** Distinct notes and raters that have a rating here: the M and U of the reference's means. */
  noteCount: number;
  raterCount: number;
}

type Steps<T> = Generator<void, T>;

/** How many ratings a pass handles between yields: about a millisecond of work. */
export const CHUNK = 1 << 16;

/** Runs body over [0, length) in slices of `size`, yielding after each. */
export function* inChunks(length: number, body: (from: number, to: number) => void, size = CHUNK): Steps<void> {
  for (let from = 0; from < length; from += size) {
    body(from, Math.min(length, from + size));
    yield;
  }
}

/** Stable counting sort of `positions` by key[position]; key k's run is start[k] .. start[k+1]-1. */
export function* sortByKey(positions: Int32Array, key: Int32Array, keyCount: number): Steps<{ sorted: Int32Array; start: Int32Array }> {
  const start = new Int32Array(keyCount + 1);
  yield* inChunks(positions.length, (from, to) => {
    for (let i = from; i < to; i++) start[key[positions[i]] + 1]++;
  });
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const next = start.slice(0, keyCount);
  const sorted = new Int32Array(positions.length);
  yield* inChunks(positions.length, (from, to) => {
    for (let i = from; i < to; i++) sorted[next[key[positions[i]]]++] = positions[i];
  });
  return { sorted, start };
}

/**
 * Keeps the last rating of each (note, rater) pair, input order standing for time order (a rater
 * who rates a note twice changed their mind), and returns them sorted by note, then rater.
 */
export function* latestPerPair(raw: RatingList, nNotes: number, nRaters: number): Steps<RatingList> {
  const byRater = yield* sortByKey(identity(raw.note.length), raw.rater, nRaters);
  const { sorted } = yield* sortByKey(byRater.sorted, raw.note, nNotes);
  let kept = 0;
  // Compacts in place: position i is read before anything is written at or after it.
  yield* inChunks(sorted.length, (from, to) => {
    for (let i = from; i < to; i++) if (!samePair(raw, sorted[i], sorted[i + 1])) sorted[kept++] = sorted[i];
  });
  return yield* pick(raw, sorted.subarray(0, kept));
}

/** q may be undefined (past the end), which never matches. */
function samePair(list: RatingList, p: number, q: number | undefined): boolean {
  return q !== undefined && list.note[q] === list.note[p] && list.rater[q] === list.rater[p];
}

/** The ratings at `positions`, in that order. */
function* pick(list: RatingList, positions: Int32Array): Steps<RatingList> {
  const out: RatingList = {
    note: new Int32Array(positions.length),
    rater: new Int32Array(positions.length),
    value: new Float32Array(positions.length),
    ratedAt: new Float64Array(positions.length),
  };
  // Plain loops: typed-array map/from with a callback is several times slower at a million ratings.
  yield* inChunks(positions.length, (from, to) => {
    for (let i = from; i < to; i++) {
      const p = positions[i];
      out.note[i] = list.note[p];
      out.rater[i] = list.rater[p];
      out.value[i] = list.value[p];
      out.ratedAt[i] = list.ratedAt[p];
    }
  });
  return out;
}

/** Every position of a list: the whole list as a subset. */
export function everyPosition(list: RatingList): Int32Array {
  return identity(list.note.length);
}

/** The positions whose key (note or rater index) is marked 1 in `keep`, order kept. */
export function* whereKey(positions: Int32Array, key: Int32Array, keep: Uint8Array): Steps<Int32Array> {
  let count = 0;
  yield* inChunks(positions.length, (from, to) => {
    for (let i = from; i < to; i++) count += keep[key[positions[i]]];
  });
  const out = new Int32Array(count);
  let j = 0;
  yield* inChunks(positions.length, (from, to) => {
    for (let i = from; i < to; i++) if (keep[key[positions[i]]] === 1) out[j++] = positions[i];
  });
  return out;
}

/** How many ratings each key (note or rater index) has. */
export function countBy(key: Int32Array, keyCount: number): Int32Array {
  const count = new Int32Array(keyCount);
  for (let i = 0; i < key.length; i++) count[key[i]]++;
  return count;
}

/** 1 for every key with at least `min` ratings among `positions`. */
function atLeast(positions: Int32Array, key: Int32Array, keyCount: number, min: number): Uint8Array {
  const count = new Int32Array(keyCount);
  for (let i = 0; i < positions.length; i++) count[key[positions[i]]]++;
  const reached = new Uint8Array(keyCount);
  for (let k = 0; k < keyCount; k++) reached[k] = count[k] >= min ? 1 : 0;
  return reached;
}

/**
 * process_data.filter_ratings: drop notes with fewer than minPerNote ratings, then raters with fewer
 * than minPerRater, then notes again. The reference deliberately stops after this one back-and-forth
 * instead of iterating to a fixed point, so a rater may end up with fewer than minPerRater.
 */
export function* filterRatings(all: RatingList, positions: Int32Array, minPerRater: number, minPerNote: number, nNotes: number, nRaters: number): Steps<Int32Array> {
  const notes = (p: Int32Array) => whereKey(p, all.note, atLeast(p, all.note, nNotes, minPerNote));
  const afterNotes = yield* notes(positions);
  const afterRaters = yield* whereKey(afterNotes, all.rater, atLeast(afterNotes, all.rater, nRaters, minPerRater));
  return yield* notes(afterRaters);
}

export function* toGrid(all: RatingList, positions: Int32Array, nNotes: number, nRaters: number): Steps<RatingGrid> {
  const byNote = yield* csr(all, positions, all.note, all.rater, nNotes);
  const byRater = yield* csr(all, positions, all.rater, all.note, nRaters);
  return {
    ratings: positions.length,
    byNote,
    byRater,
    noteCount: nonEmptyRows(byNote.start),
    raterCount: nonEmptyRows(byRater.start),
  };
}

/** Row k lists its ratings in `positions` order, which the stable sort keeps. */
function* csr(all: RatingList, positions: Int32Array, row: Int32Array, other: Int32Array, rowCount: number): Steps<Csr> {
  const { sorted, start } = yield* sortByKey(positions, row, rowCount);
  const out: Csr = { start, other: new Int32Array(sorted.length), value: new Float32Array(sorted.length) };
  yield* inChunks(sorted.length, (from, to) => {
    for (let i = from; i < to; i++) {
      out.other[i] = other[sorted[i]];
      out.value[i] = all.value[sorted[i]];
    }
  });
  return out;
}

function identity(length: number): Int32Array {
  const positions = new Int32Array(length);
  for (let i = 0; i < length; i++) positions[i] = i;
  return positions;
}

function nonEmptyRows(start: Int32Array): number {
  let rows = 0;
  for (let k = 0; k + 1 < start.length; k++) if (start[k + 1] > start[k]) rows++;
  return rows;
}

/** 1 for every row with at least one rating. */
export function presentRows(start: Int32Array): Uint8Array {
  const present = new Uint8Array(start.length - 1);
  for (let k = 0; k < present.length; k++) present[k] = start[k + 1] > start[k] ? 1 : 0;
  return present;
}
