// The scorer as it was before issue 17 (ALS on a sum-of-squares objective, unregularized mean), kept
// unchanged so bench/note-scoring.bench.ts can time it against the current one in one run.
/**
 * Community Notes style "bridging" scorer for context notes (domain.md, "Misinformation: what the
 * evidence says"). Each rating r is modelled as r ≈ mu + i_rater + i_note + f_rater * f_note and
 * fitted by regularized least squares. The single factor soaks up agreement that is explained by
 * which camp a rater is in, so only agreement that crosses camps lifts a note's intercept.
 *
 * Pure and deterministic: no I/O, no Math.random, no dependence on the order of the input array.
 * Ids are indexed in sorted order and every sum runs in a fixed order, so the same ratings and seed
 * give bit-identical results however the caller happened to order them.
 */

export type RatingValue = 'HELPFUL' | 'SOMEWHAT_HELPFUL' | 'NOT_HELPFUL';
export type NoteStatus = 'HELPFUL' | 'NOT_HELPFUL' | 'NEEDS_MORE_RATINGS';

export interface NoteRating {
  noteId: string;
  raterId: string;
  value: RatingValue;
}

export interface NoteScore {
  noteId: string;
  status: NoteStatus;
  intercept: number;
  /** Sign is arbitrary (the model is symmetric under flipping every factor); |factor| matters. */
  factor: number;
  /** Ratings from raters who entered the fit, one per rater (their latest). */
  ratingCount: number;
}

export interface NoteScoringOptions {
  seed?: number;
  lambdaIntercept?: number;
  lambdaFactor?: number;
  minRatingsPerNote?: number;
  minRatingsPerRater?: number;
  maxIterations?: number;
  /** Stop when no intercept, factor or mu changes by more than this in one sweep. */
  tolerance?: number;
}

export interface NoteScoringResult {
  /** One per distinct noteId, sorted by noteId. */
  scores: NoteScore[];
  mu: number;
  iterations: number;
  /** Factor of every rater that entered the fit. */
  raterFactors: Map<string, number>;
}

export const DEFAULT_NOTE_SCORING_OPTIONS: Readonly<Required<NoteScoringOptions>> = Object.freeze({
  seed: 1,
  lambdaIntercept: 0.15,
  lambdaFactor: 0.03,
  minRatingsPerNote: 5,
  // Community Notes uses 10. A rater's factor is only estimable from several ratings; below that
  // it is pinned near 0 by regularization, which makes a fresh account look like a "bridging"
  // rater and lets a brigade of new accounts lift a note. Erring towards NEEDS_MORE_RATINGS is the
  // safe failure: a wrongly shown note does more harm than a missing one.
  minRatingsPerRater: 10,
  maxIterations: 2000,
  tolerance: 1e-6,
});

const RATING_SCORE: Readonly<Record<RatingValue, number>> = { HELPFUL: 1, SOMEWHAT_HELPFUL: 0.5, NOT_HELPFUL: 0 };
const HELPFUL_MIN_INTERCEPT = 0.4;
const HELPFUL_MAX_ABS_FACTOR = 0.5;
const NOT_HELPFUL_MAX_INTERCEPT = -0.05;
const NOT_HELPFUL_FACTOR_SLOPE = 0.8;
// Initial rater factors are uniform in ±INIT_SCALE: non-zero so ALS can leave the f = 0 saddle.
const INIT_SCALE = 0.1;

/** Ratings in compressed-sparse-row form: row k's entries are start[k] .. start[k+1]-1. */
interface Csr {
  start: Int32Array;
  col: Int32Array;
  value: Float64Array;
}

/** Intercept and factor of every note, or of every rater. */
interface Side {
  intercept: Float64Array;
  factor: Float64Array;
}

interface Model {
  mu: number;
  note: Side;
  rater: Side;
}

interface Encoded {
  noteIds: string[];
  raterIds: string[];
  note: Int32Array;
  rater: Int32Array;
  value: Float64Array;
}

export function scoreNotes(ratings: readonly NoteRating[], options: NoteScoringOptions = {}): NoteScoringResult {
  const opts = resolveOptions(options);
  const data = encode(ratings);
  const nNotes = data.noteIds.length;
  const nRaters = data.raterIds.length;
  const latest = latestRatingPerPair(data, nNotes, nRaters);
  const fitted = selectForFit(latest, data, opts);
  const byNote = buildCsr(fitted, data.note, data.rater, data.value, nNotes);
  const byRater = buildCsr(fitted, data.rater, data.note, data.value, nRaters);
  const model = initialModel(nNotes, nRaters, opts.seed);
  const iterations = fit(model, byNote, byRater, opts);
  return {
    scores: noteScores(data.noteIds, model, countsFromFittedRaters(latest, fitted, data), opts.minRatingsPerNote),
    mu: model.mu,
    iterations,
    raterFactors: raterFactors(data.raterIds, model, byRater),
  };
}

/** The thresholds from the published Community Notes scorer. */
export function classifyNote(intercept: number, factor: number, ratingCount: number, minRatingsPerNote: number): NoteStatus {
  if (ratingCount < minRatingsPerNote) return 'NEEDS_MORE_RATINGS';
  const absFactor = Math.abs(factor);
  if (intercept >= HELPFUL_MIN_INTERCEPT && absFactor <= HELPFUL_MAX_ABS_FACTOR) return 'HELPFUL';
  if (intercept <= NOT_HELPFUL_MAX_INTERCEPT - NOT_HELPFUL_FACTOR_SLOPE * absFactor) return 'NOT_HELPFUL';
  return 'NEEDS_MORE_RATINGS';
}

/** Seeded 32-bit PRNG (mulberry32): tiny, fast, and good enough for initial values. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resolveOptions(options: NoteScoringOptions): Required<NoteScoringOptions> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const opts = { ...DEFAULT_NOTE_SCORING_OPTIONS, ...defined } as Required<NoteScoringOptions>;
  // Positive lambdas keep every 2x2 system positive definite, so no solve can divide by zero.
  requireThat(opts.lambdaIntercept > 0 && opts.lambdaFactor > 0, 'lambdas must be > 0');
  requireThat(Number.isInteger(opts.seed), 'seed must be an integer');
  requireThat(Number.isInteger(opts.maxIterations) && opts.maxIterations >= 1, 'maxIterations must be >= 1');
  requireThat(opts.tolerance >= 0, 'tolerance must be >= 0');
  requireThat(opts.minRatingsPerNote >= 0 && opts.minRatingsPerRater >= 0, 'minimum counts must be >= 0');
  return opts;
}

function requireThat(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`scoreNotes: ${message}`);
}

/** Sorted ids make indices, and so every later sum, independent of the input order. */
function sortedIndex(ids: Iterable<string>): { ids: string[]; indexOf: Map<string, number> } {
  const sorted = [...new Set(ids)].sort();
  return { ids: sorted, indexOf: new Map(sorted.map((id, i) => [id, i])) };
}

function encode(ratings: readonly NoteRating[]): Encoded {
  const notes = sortedIndex(ratings.map((r) => r.noteId));
  const raters = sortedIndex(ratings.map((r) => r.raterId));
  const note = Int32Array.from(ratings, (r) => notes.indexOf.get(r.noteId)!);
  const rater = Int32Array.from(ratings, (r) => raters.indexOf.get(r.raterId)!);
  const value = Float64Array.from(ratings, (r) => {
    requireThat(Object.hasOwn(RATING_SCORE, r.value), `unknown rating value ${String(r.value)}`);
    return RATING_SCORE[r.value];
  });
  return { noteIds: notes.ids, raterIds: raters.ids, note, rater, value };
}

/** Stable counting sort of `positions` by key[position]; key k's run is start[k] .. start[k+1]-1. */
function sortByKey(positions: Int32Array, key: Int32Array, keyCount: number): { sorted: Int32Array; start: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (const p of positions) start[key[p] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const next = start.slice(0, keyCount);
  const sorted = new Int32Array(positions.length);
  for (const p of positions) sorted[next[key[p]]++] = p;
  return { sorted, start };
}

/**
 * A rater who rates a note twice changed their mind: keep the later rating (input order is taken
 * as time order). Returns positions sorted by (note, rater).
 */
function latestRatingPerPair(data: Encoded, nNotes: number, nRaters: number): Int32Array {
  const identity = Int32Array.from({ length: data.note.length }, (_, i) => i);
  const { sorted } = sortByKey(sortByKey(identity, data.rater, nRaters).sorted, data.note, nNotes);
  const { note, rater } = data;
  return sorted.filter((p, i) => {
    const q = sorted[i + 1]; // undefined past the end, which never matches
    return note[q] !== note[p] || rater[q] !== rater[p];
  });
}

/**
 * Keeps ratings whose note has at least minRatingsPerNote of them and whose rater has at least
 * minRatingsPerRater, repeating until both hold at once (dropping a note can push a rater under
 * the bar, and vice versa). Notes below the bar are left out of the fit, as in Community Notes,
 * because with 2-4 ratings their two parameters soak up noise and drag the raters' factors with
 * them; they would be NEEDS_MORE_RATINGS anyway.
 */
function selectForFit(positions: Int32Array, data: Encoded, opts: Required<NoteScoringOptions>): Int32Array {
  let current = positions;
  for (;;) {
    const raterOk = countsReach(current, data.rater, data.raterIds.length, opts.minRatingsPerRater);
    const byActiveRaters = current.filter((p) => raterOk[data.rater[p]] === 1);
    const noteOk = countsReach(byActiveRaters, data.note, data.noteIds.length, opts.minRatingsPerNote);
    const next = byActiveRaters.filter((p) => noteOk[data.note[p]] === 1);
    if (next.length === current.length) return next;
    current = next;
  }
}

/** 1 for every key that occurs at least `min` times among `positions`. */
function countsReach(positions: Int32Array, key: Int32Array, keyCount: number, min: number): Uint8Array {
  const count = new Int32Array(keyCount);
  for (const p of positions) count[key[p]]++;
  return Uint8Array.from(count, (c) => (c >= min && c > 0 ? 1 : 0));
}

/** Per note, ratings from raters who made it into the fit: what the note still needs is 5 of these. */
function countsFromFittedRaters(positions: Int32Array, fitted: Int32Array, data: Encoded): Int32Array {
  const raterIn = countsReach(fitted, data.rater, data.raterIds.length, 1);
  const count = new Int32Array(data.noteIds.length);
  for (const p of positions) if (raterIn[data.rater[p]] === 1) count[data.note[p]]++;
  return count;
}

/** Rows keep the within-row order of `positions` because the counting sort is stable. */
function buildCsr(positions: Int32Array, row: Int32Array, col: Int32Array, value: Float64Array, rowCount: number): Csr {
  const { sorted, start } = sortByKey(positions, row, rowCount);
  return { start, col: sorted.map((p) => col[p]), value: Float64Array.from(sorted, (p) => value[p]) };
}

function initialModel(nNotes: number, nRaters: number, seed: number): Model {
  const random = mulberry32(seed);
  const raterFactor = Float64Array.from({ length: nRaters }, () => (2 * random() - 1) * INIT_SCALE);
  return {
    mu: 0,
    note: { intercept: new Float64Array(nNotes), factor: new Float64Array(nNotes) },
    rater: { intercept: new Float64Array(nRaters), factor: raterFactor },
  };
}

/**
 * Alternating least squares. Given the raters, each note's (intercept, factor) is an independent
 * ridge regression with a closed-form 2x2 solution, and vice versa; mu is then a plain mean. Every
 * block step is an exact minimisation, so the loss never rises.
 *
 * Stops when no parameter moved by more than `tolerance` in a sweep. The loss is a poor stopping
 * signal here: it is flat near the optimum, and ALS crawls along the direction that trades a
 * note's intercept against (mean rater factor) x (note factor). On the spec's data a relative loss
 * change of 1e-9 still left intercepts ~1e-3 from their limit; a step below 1e-6 leaves ~5e-5.
 */
function fit(model: Model, byNote: Csr, byRater: Csr, opts: Required<NoteScoringOptions>): number {
  if (byNote.col.length === 0) return 0;
  model.mu = meanResidual(model, byNote);
  for (let iteration = 1; iteration <= opts.maxIterations; iteration++) {
    const noteChange = solveRows(byNote, model.note, model.rater, model.mu, opts);
    const raterChange = solveRows(byRater, model.rater, model.note, model.mu, opts);
    const previousMu = model.mu;
    model.mu = meanResidual(model, byNote);
    if (Math.max(noteChange, raterChange, Math.abs(model.mu - previousMu)) <= opts.tolerance) return iteration;
  }
  return opts.maxIterations;
}

/**
 * For each row k, minimise sum_j (r - mu - b_j - b_k - f_j f_k)^2 + li b_k^2 + lf f_k^2 over
 * (b_k, f_k). Rows with no ratings solve to (0, 0). Returns the largest change made.
 */
function solveRows(csr: Csr, own: Side, other: Side, mu: number, opts: Required<NoteScoringOptions>): number {
  const { start, col, value } = csr;
  let maxChange = 0;
  for (let k = 0; k < own.intercept.length; k++) {
    let sumF = 0;
    let sumFF = 0;
    let sumY = 0;
    let sumYF = 0;
    for (let e = start[k]; e < start[k + 1]; e++) {
      const f = other.factor[col[e]];
      const y = value[e] - mu - other.intercept[col[e]];
      sumF += f;
      sumFF += f * f;
      sumY += y;
      sumYF += y * f;
    }
    const a = start[k + 1] - start[k] + opts.lambdaIntercept;
    const d = sumFF + opts.lambdaFactor;
    const det = a * d - sumF * sumF; // > 0: Cauchy-Schwarz plus positive lambdas
    const intercept = (d * sumY - sumF * sumYF) / det;
    const factor = (a * sumYF - sumF * sumY) / det;
    maxChange = Math.max(maxChange, Math.abs(intercept - own.intercept[k]), Math.abs(factor - own.factor[k]));
    own.intercept[k] = intercept;
    own.factor[k] = factor;
  }
  return maxChange;
}

function meanResidual(model: Model, byNote: Csr): number {
  const { start, col, value } = byNote;
  const { note, rater } = model;
  let sum = 0;
  for (let k = 0; k + 1 < start.length; k++) {
    for (let e = start[k]; e < start[k + 1]; e++) {
      const u = col[e];
      sum += value[e] - rater.intercept[u] - note.intercept[k] - rater.factor[u] * note.factor[k];
    }
  }
  return sum / col.length;
}

function noteScores(noteIds: string[], model: Model, ratingCounts: Int32Array, minRatingsPerNote: number): NoteScore[] {
  return noteIds.map((noteId, k) => {
    const [intercept, factor, ratingCount] = [model.note.intercept[k], model.note.factor[k], ratingCounts[k]];
    return { noteId, status: classifyNote(intercept, factor, ratingCount, minRatingsPerNote), intercept, factor, ratingCount };
  });
}

function raterFactors(raterIds: string[], model: Model, byRater: Csr): Map<string, number> {
  const fitted = raterIds.map((id, u) => [id, u] as const).filter(([, u]) => byRater.start[u + 1] > byRater.start[u]);
  return new Map(fitted.map(([id, u]) => [id, model.rater.factor[u]]));
}
