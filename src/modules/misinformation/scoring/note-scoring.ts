/**
 * Community Notes "bridging" scorer for context notes, ported from the reference core scorer
 * (github twitter/communitynotes, scoring/src/scoring/: mf_base_scorer.py, MFCoreScorer's
 * configuration). Which reference piece each step follows is named where it happens:
 *
 *  1. Keep every rater's latest rating per note; count each note's ratings.
 *  2. First fit (_prescore_notes_and_users): notes with ≥ 5 ratings, raters with ≥ 10, notes again
 *     (rating-matrix.ts filterRatings); the model of matrix-factorization.ts; first-round statuses.
 *  3. Rater helpfulness (rater-helpfulness.ts): raters whose ratings mostly disagreed with the first
 *     round's outcomes, or who wrote mostly unhelpful notes, lose their say.
 *  4. Second fit on the remaining ratings, warm-started from the first.
 *  5. Final scoring (_score_notes_and_users): raters and global intercept frozen at the second fit,
 *     each note refitted from every remaining rating; final status rules (scoring-rules.ts).
 *
 * Pure and deterministic: no I/O, no Math.random. Ids are indexed in sorted order and every sum runs
 * in a fixed order, so the same ratings give bit-identical results however the caller ordered them
 * (apart from two ratings of one rater on one note, where the later one in the input wins).
 */
import { copyModel, FactorModel, fitModel, fitNotesWithRatersFixed, flipForIdentification, initialModel } from './matrix-factorization';
import { encode, Encoded, NoteInfo, NoteRating } from './note-scoring.input';
import { helpfulRaters } from './rater-helpfulness';
import { countBy, everyPosition, filterRatings, latestPerPair, presentRows, RatingGrid, RatingList, toGrid, whereKey } from './rating-matrix';
import { applyRules, FINAL_RULES, FIRST_ROUND_RULES, RatingStatus, RuleId, sideCounts } from './scoring-rules';

export type { NoteInfo, NoteRating, RatingValue } from './note-scoring.input';
export { mulberry32 } from './matrix-factorization';
export type NoteStatus = 'HELPFUL' | 'NOT_HELPFUL' | 'NEEDS_MORE_RATINGS';

export interface NoteScore {
  noteId: string;
  status: NoteStatus;
  /** The last status rule that acted on the note: why it is or is not shown. */
  rule: RuleId;
  /** Null when the note was not in the final fit (too few ratings from raters in good standing). */
  intercept: number | null;
  /** Sign is arbitrary up to the identification rule (most raters negative); |factor| matters. */
  factor: number | null;
  /** Every rater's latest rating on the note, as the status rules count them. */
  ratingCount: number;
  /** Ratings that entered the final fit. */
  fittedRatingCount: number;
}

export interface NoteScoringOptions {
  seed?: number;
  lambdaIntercept?: number;
  lambdaFactor?: number;
  /** Ratings a note needs to enter the fit and to get any status (minNumRatersPerNote, minRatingsNeeded). */
  minRatingsPerNote?: number;
  /** Ratings a rater needs to enter the first fit (minNumRatingsPerRater). */
  minRatingsPerRater?: number;
  /** Net helpful ratings a shown note needs from the raters on each side of the factor (minMinorityNetHelpfulRatings). */
  minMinorityNetHelpful?: number;
  /** Ratings made later than this after a note was written do not count towards rater helpfulness. */
  validRatingHours?: number;
  maxIterations?: number;
  /** Relative decrease of the objective below which a fit stops. */
  tolerance?: number;
}

export interface NoteScoringResult {
  /** One per note (rated or listed in `notes`), sorted by noteId. */
  scores: NoteScore[];
  /** Global intercept of the second fit, which final scoring keeps. */
  mu: number;
  iterations: { first: number; second: number };
  /** Factor of every rater in the second fit. */
  raterFactors: Map<string, number>;
  /** Raters in the first fit who lost their say in the second (rater helpfulness filter). */
  excludedRaters: string[];
}

export const DEFAULT_NOTE_SCORING_OPTIONS: Readonly<Required<NoteScoringOptions>> = Object.freeze({
  seed: 1,
  lambdaIntercept: 0.15,
  lambdaFactor: 0.03,
  minRatingsPerNote: 5,
  minRatingsPerRater: 10,
  minMinorityNetHelpful: 4,
  validRatingHours: 48,
  maxIterations: 5000,
  tolerance: 1e-10,
});

export function scoreNotes(ratings: readonly NoteRating[], options: NoteScoringOptions = {}, notes: readonly NoteInfo[] = []): NoteScoringResult {
  const steps = scoringSteps(ratings, notes, resolveOptions(options));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same computation as scoreNotes, handing the event loop back whenever it has run for `sliceMs`:
 * a million ratings take seconds, and a service must keep answering meanwhile. Yield points never
 * change the arithmetic, so the result is identical to scoreNotes'.
 */
export async function scoreNotesAsync(ratings: readonly NoteRating[], options: NoteScoringOptions = {}, notes: readonly NoteInfo[] = [], sliceMs = 20): Promise<NoteScoringResult> {
  const steps = scoringSteps(ratings, notes, resolveOptions(options));
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

function* scoringSteps(ratings: readonly NoteRating[], notes: readonly NoteInfo[], opts: Required<NoteScoringOptions>): Generator<void, NoteScoringResult> {
  const { all, data } = yield* latestRatings(ratings, notes);
  const first = yield* firstRound(all, data, opts);
  const second = yield* secondRound(all, data, first, opts);
  const scores = yield* finalScoring(all, data, second, opts);
  return {
    scores,
    mu: second.model.mu,
    iterations: { first: first.iterations, second: second.iterations },
    raterFactors: second.raterFactors,
    excludedRaters: first.excludedRaters,
  };
}

/**
 * Each stage below is its own generator so that its large arrays (the raw input, each round's grid)
 * can be collected once it returns: a suspended generator keeps all its locals alive.
 */
function* latestRatings(ratings: readonly NoteRating[], notes: readonly NoteInfo[]) {
  const { raw, data } = yield* encode(ratings, notes);
  const all = yield* latestPerPair(raw, data.noteIds.length, data.raterIds.length);
  return { all, data };
}

/** Prescoring up to the rater helpfulness filter (mf_base_scorer._prescore_notes_and_users). */
function* firstRound(all: RatingList, data: Encoded, opts: Required<NoteScoringOptions>) {
  const [nNotes, nRaters] = [data.noteIds.length, data.raterIds.length];
  const positions = yield* filterRatings(all, everyPosition(all), opts.minRatingsPerRater, opts.minRatingsPerNote, nNotes, nRaters);
  const grid = yield* toGrid(all, positions, nNotes, nRaters);
  const model = initialModel(nNotes, nRaters, grid.raterCount, opts.seed);
  const iterations = yield* fitModel(grid, model, solver(opts));
  flipForIdentification(grid, model);
  const intercept = fittedOrNaN(model.noteIntercept, grid);
  const factor = fittedOrNaN(model.noteFactor, grid);
  const ratingCount = countBy(all.note, nNotes);
  const thresholds = { minRatingsNeeded: opts.minRatingsPerNote, minMinorityNetHelpful: opts.minMinorityNetHelpful };
  const status: RatingStatus[] = Array.from({ length: nNotes }, (_, n) => {
    const facts = { ratingCount: ratingCount[n], intercept: intercept[n], factor: factor[n], sides: NO_SIDES, wasHelpful: false };
    return applyRules(FIRST_ROUND_RULES, facts, thresholds).status;
  });
  const helpful = yield* helpfulRaters({ all, status, noteIntercept: intercept, author: data.author, times: data.times, validWindowMs: opts.validRatingHours * 3_600_000, nRaters });
  const excludedRaters = raterIndices(grid).filter((u) => helpful[u] === 0).map((u) => data.raterIds[u]);
  // mf_base_scorer: "One extra final round!" on the ratings of raters in good standing only.
  const kept = yield* whereKey(positions, all.rater, helpful);
  return { model, iterations, excludedRaters, kept };
}

const NO_SIDES = { minSignCount: 0, negativeMean: NaN, positiveMean: NaN, netMinHelpful: 0, netMinHelpfulRatio: 0 };

/** The second fit, warm-started from the first (run_mf with noteInit and userInit). */
function* secondRound(all: RatingList, data: Encoded, first: { model: FactorModel; kept: Int32Array }, opts: Required<NoteScoringOptions>) {
  const grid = yield* toGrid(all, first.kept, data.noteIds.length, data.raterIds.length);
  const model = copyModel(first.model);
  const iterations = yield* fitModel(grid, model, solver(opts));
  flipForIdentification(grid, model);
  return {
    model,
    iterations,
    raters: presentRows(grid.byRater.start),
    // finalRoundNumRatings / finalRoundNumNotes, which final scoring normalises note penalties by.
    ratingsPerNote: grid.ratings / grid.noteCount,
    raterFactors: new Map(raterIndices(grid).map((u) => [data.raterIds[u], model.raterFactor[u]])),
  };
}

/**
 * mf_base_scorer._score_notes_and_users: notes with ≥ minRatingsPerNote ratings (any rater), rated by
 * raters from the second fit; raters and mu frozen; note penalties normalised by the second fit's
 * ratings per note (ratingPerNoteLossRatio); then the final rules.
 */
function* finalScoring(all: RatingList, data: Encoded, second: { model: FactorModel; raters: Uint8Array; ratingsPerNote: number }, opts: Required<NoteScoringOptions>): Generator<void, NoteScore[]> {
  const [nNotes, nRaters] = [data.noteIds.length, data.raterIds.length];
  const candidates = yield* filterRatings(all, everyPosition(all), 0, opts.minRatingsPerNote, nNotes, nRaters);
  const grid = yield* toGrid(all, yield* whereKey(candidates, all.rater, second.raters), nNotes, nRaters);
  const model = copyModel(second.model);
  fitNotesWithRatersFixed(grid, model, solver(opts), second.ratingsPerNote);
  const intercept = fittedOrNaN(model.noteIntercept, grid);
  const factor = fittedOrNaN(model.noteFactor, grid);
  const sides = yield* sideCounts(all, model.raterFactor, presentRows(grid.byRater.start), nNotes);
  const ratingCount = countBy(all.note, nNotes);
  const thresholds = { minRatingsNeeded: opts.minRatingsPerNote, minMinorityNetHelpful: opts.minMinorityNetHelpful };
  return data.noteIds.map((noteId, n) => {
    const facts = { ratingCount: ratingCount[n], intercept: intercept[n], factor: factor[n], sides: sides[n], wasHelpful: data.wasHelpful[n] === 1 };
    const { status, rule } = applyRules(FINAL_RULES, facts, thresholds);
    const fitted = !Number.isNaN(intercept[n]);
    return {
      noteId,
      status: status === 'CRH' ? 'HELPFUL' : status === 'CRNH' ? 'NOT_HELPFUL' : 'NEEDS_MORE_RATINGS',
      rule,
      intercept: fitted ? intercept[n] : null,
      factor: fitted ? factor[n] : null,
      ratingCount: ratingCount[n],
      fittedRatingCount: grid.byNote.start[n + 1] - grid.byNote.start[n],
    };
  });
}

function fittedOrNaN(values: Float64Array, grid: RatingGrid): Float64Array {
  const { start } = grid.byNote;
  return values.map((v, k) => (start[k + 1] > start[k] ? v : NaN));
}

function raterIndices(grid: RatingGrid): number[] {
  const present = presentRows(grid.byRater.start);
  return Array.from({ length: present.length }, (_, u) => u).filter((u) => present[u] === 1);
}

function solver(opts: Required<NoteScoringOptions>) {
  return { lambdaIntercept: opts.lambdaIntercept, lambdaFactor: opts.lambdaFactor, maxIterations: opts.maxIterations, tolerance: opts.tolerance };
}

function resolveOptions(options: NoteScoringOptions): Required<NoteScoringOptions> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const opts = { ...DEFAULT_NOTE_SCORING_OPTIONS, ...defined } as Required<NoteScoringOptions>;
  // Positive lambdas keep every 2×2 system positive definite, so no solve can divide by zero.
  requireThat(opts.lambdaIntercept > 0 && opts.lambdaFactor > 0, 'lambdas must be > 0');
  requireThat(Number.isInteger(opts.seed), 'seed must be an integer');
  requireThat(Number.isInteger(opts.maxIterations) && opts.maxIterations >= 1, 'maxIterations must be >= 1');
  requireThat(opts.tolerance >= 0, 'tolerance must be >= 0');
  requireThat(opts.minRatingsPerNote >= 1 && opts.minRatingsPerRater >= 1 && opts.minMinorityNetHelpful >= 0, 'minimum counts must be >= 1 (minority >= 0)');
  requireThat(opts.validRatingHours > 0, 'validRatingHours must be > 0');
  return opts;
}

function requireThat(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`scoreNotes: ${message}`);
}
