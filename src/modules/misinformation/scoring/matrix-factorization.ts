import { Csr, RatingGrid } from './rating-matrix';

/**
 * The Community Notes model (reference: matrix_factorization/model.py, BiasedMatrixFactorization):
 * rating ≈ mu + i_rater + i_note + f_rater · f_note, one factor. Its objective, as
 * MatrixFactorization._get_loss and _get_reg_loss write it (MSE criterion, MFBaseScorer lambdas):
 *
 *   L = mean over ratings of (r − prediction)²
 *     + λf · mean(f_rater²) + λi · mean(i_rater²)          (means over the raters in the fit)
 *     + λf · Σ f_note² / D  + λi · Σ i_note² / D          (D = notes in the fit, or ratings ÷
 *                                                          ratingPerNoteLossRatio in final scoring)
 *     + λi · mu²                                           (the global intercept is regularized too)
 *
 * with λf = 0.03 and λi = 5 × 0.03 = 0.15 (the intercept multiplier). Because every penalty is a mean,
 * each parameter's weight grows with the average number of ratings per note or per rater: a note
 * needs many more than "a few" ratings before its intercept moves far from 0.
 *
 * The reference minimises L with full-batch Adam (lr 1.0, or 0.2 when warm-started; gradients
 * clipped to norm 1) and stops when the loss changes by ≤ 1e-7 or rises after epoch 100. That leaves
 * it about 0.01 short of the optimum in note intercepts, by an amount that depends on its random
 * seed. Here the same L is minimised exactly instead, by alternating least squares: with the raters
 * and mu fixed, L splits into one ridge regression per note in (i_note, f_note) with a closed-form
 * 2×2 solution, and the same holds for raters; mu is then a shrunken mean. Every block step is an
 * exact minimisation, so L never rises, and the loop stops when it no longer falls (see fitModel).
 */

export interface FactorModel {
  mu: number;
  noteIntercept: Float64Array;
  noteFactor: Float64Array;
  raterIntercept: Float64Array;
  raterFactor: Float64Array;
}

export interface SolverSettings {
  lambdaIntercept: number;
  lambdaFactor: number;
  maxIterations: number;
  /** Stop when a sweep lowers L by less than this fraction of L. */
  tolerance: number;
}

/** Penalty weights with L multiplied by the number of ratings N, so that data terms are plain sums. */
interface Penalties {
  noteIntercept: number;
  noteFactor: number;
  raterIntercept: number;
  raterFactor: number;
  mu: number;
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

/**
 * BiasedMatrixFactorization.__init__: intercepts 0, factors xavier_uniform_ on an (n × 1) weight,
 * i.e. uniform in ±sqrt(6 / (1 + n)) with n the raters (or notes) in the fit. Only the raters' draw
 * matters here because the first block step solves the notes from them.
 */
export function initialModel(nNotes: number, nRaters: number, raterCount: number, seed: number): FactorModel {
  const random = mulberry32(seed);
  const bound = Math.sqrt(6 / (1 + raterCount));
  return {
    mu: 0,
    noteIntercept: new Float64Array(nNotes),
    noteFactor: new Float64Array(nNotes),
    raterIntercept: new Float64Array(nRaters),
    raterFactor: Float64Array.from({ length: nRaters }, () => (2 * random() - 1) * bound),
  };
}

export function copyModel(m: FactorModel): FactorModel {
  return { mu: m.mu, noteIntercept: m.noteIntercept.slice(), noteFactor: m.noteFactor.slice(), raterIntercept: m.raterIntercept.slice(), raterFactor: m.raterFactor.slice() };
}

/**
 * Minimises L over every parameter (MatrixFactorization.run_mf with nothing frozen). Yields between
 * half-sweeps so an async driver can let other work run. Returns the number of sweeps.
 */
export function* fitModel(grid: RatingGrid, model: FactorModel, s: SolverSettings): Generator<void, number> {
  if (grid.ratings === 0) return 0;
  const p = penalties(grid, s, grid.noteCount);
  let loss = Infinity;
  for (let sweep = 1; sweep <= s.maxIterations; sweep++) {
    solveRows(grid.byNote, model.noteIntercept, model.noteFactor, model.raterIntercept, model.raterFactor, model.mu, p.noteIntercept, p.noteFactor);
    yield;
    const residuals = solveRows(grid.byRater, model.raterIntercept, model.raterFactor, model.noteIntercept, model.noteFactor, model.mu, p.raterIntercept, p.raterFactor);
    yield;
    const next = solveMu(grid, model, p, residuals);
    // A sweep that cannot lower L by a relative `tolerance` is at the optimum for any status
    // decision: 1e-10 leaves intercepts within 2e-5 of where they settle at machine precision (the
    // reference's own Adam stop leaves them ~0.01 away).
    if (loss - next <= s.tolerance * next) return sweep;
    loss = next;
  }
  return s.maxIterations;
}

/**
 * Final scoring (MFBaseScorer._score_notes_and_users): raters and mu frozen, note penalties
 * normalised by the final round's ratings per note instead of by the notes present
 * (ratingPerNoteLossRatio). With raters fixed L is separable by note, so one exact solve is the optimum.
 */
export function fitNotesWithRatersFixed(grid: RatingGrid, model: FactorModel, s: SolverSettings, ratingsPerNote: number): void {
  if (grid.ratings === 0) return;
  const p = penalties(grid, s, grid.ratings / ratingsPerNote);
  solveRows(grid.byNote, model.noteIntercept, model.noteFactor, model.raterIntercept, model.raterFactor, model.mu, p.noteIntercept, p.noteFactor);
}

/**
 * MatrixFactorization._flip_factors_for_identification: the model is unchanged by negating every
 * factor, so choose the sign that gives most raters a negative factor.
 */
export function flipForIdentification(grid: RatingGrid, model: FactorModel): void {
  let negative = 0;
  let nonZero = 0;
  for (let u = 0; u < model.raterFactor.length; u++) {
    if (grid.byRater.start[u + 1] === grid.byRater.start[u]) continue;
    if (model.raterFactor[u] < 0) negative++;
    if (model.raterFactor[u] !== 0) nonZero++;
  }
  if (nonZero === 0 || negative / nonZero >= 0.5) return;
  for (const factors of [model.raterFactor, model.noteFactor]) {
    for (let k = 0; k < factors.length; k++) factors[k] = -factors[k];
  }
}

/** L in the reference's mean form, for tests and diagnostics. */
export function objective(grid: RatingGrid, model: FactorModel, s: SolverSettings, noteDenominator = grid.noteCount): number {
  const { start, other, value } = grid.byNote;
  let squared = 0;
  for (let n = 0; n + 1 < start.length; n++) {
    for (let e = start[n]; e < start[n + 1]; e++) {
      const u = other[e];
      const error = value[e] - model.mu - model.raterIntercept[u] - model.noteIntercept[n] - model.raterFactor[u] * model.noteFactor[n];
      squared += error * error;
    }
  }
  const sums = penaltySums(grid, model);
  return (
    squared / grid.ratings +
    (s.lambdaFactor * sums.raterFactor + s.lambdaIntercept * sums.raterIntercept) / grid.raterCount +
    (s.lambdaFactor * sums.noteFactor + s.lambdaIntercept * sums.noteIntercept) / noteDenominator +
    s.lambdaIntercept * model.mu * model.mu
  );
}

function penalties(grid: RatingGrid, s: SolverSettings, noteDenominator: number): Penalties {
  const n = grid.ratings;
  return {
    noteIntercept: (s.lambdaIntercept * n) / noteDenominator,
    noteFactor: (s.lambdaFactor * n) / noteDenominator,
    raterIntercept: (s.lambdaIntercept * n) / grid.raterCount,
    raterFactor: (s.lambdaFactor * n) / grid.raterCount,
    mu: s.lambdaIntercept * n,
  };
}

/** Σ w and Σ w² over the rows just solved, w = r − i_rater − i_note − f_rater·f_note (mu left out). */
interface ResidualSums {
  sum: number;
  sumSquares: number;
}

/**
 * For each row k with ratings, minimise Σ_j (r − mu − b_j − b_k − f_j f_k)² + a·b_k² + d·f_k² over
 * (b_k, f_k): a 2×2 linear system, positive definite because a, d > 0. Rows without ratings are
 * not in this fit and keep their values. The residual sums at the new values come from the same
 * per-row sums, which saves the mu step a pass over every rating.
 */
function solveRows(csr: Csr, ownIntercept: Float64Array, ownFactor: Float64Array, otherIntercept: Float64Array, otherFactor: Float64Array, mu: number, a: number, d: number): ResidualSums {
  const { start, other, value } = csr;
  const sums = { sum: 0, sumSquares: 0 };
  for (let k = 0; k < ownIntercept.length; k++) {
    const count = start[k + 1] - start[k];
    if (count === 0) continue;
    let sumF = 0;
    let sumFF = 0;
    let sumY = 0;
    let sumYY = 0;
    let sumYF = 0;
    for (let e = start[k]; e < start[k + 1]; e++) {
      const f = otherFactor[other[e]];
      const y = value[e] - mu - otherIntercept[other[e]];
      sumF += f;
      sumFF += f * f;
      sumY += y;
      sumYY += y * y;
      sumYF += y * f;
    }
    const a11 = count + a;
    const a22 = sumFF + d;
    const det = a11 * a22 - sumF * sumF;
    const b = (a22 * sumY - sumF * sumYF) / det;
    const f = (a11 * sumYF - sumF * sumY) / det;
    ownIntercept[k] = b;
    ownFactor[k] = f;
    // w_j = y_j + c − f·x_j with c = mu − b, summed and squared-summed from the row's sums.
    const c = mu - b;
    sums.sum += sumY + count * c - f * sumF;
    sums.sumSquares += sumYY + count * c * c + f * f * sumFF + 2 * c * sumY - 2 * f * sumYF - 2 * c * f * sumF;
  }
  return sums;
}

/** mu = Σ w / (N · (1 + λi)); returns L at the new mu, in the reference's mean form. */
function solveMu(grid: RatingGrid, model: FactorModel, p: Penalties, residuals: ResidualSums): number {
  const total = grid.ratings;
  const mu = residuals.sum / (total + p.mu);
  model.mu = mu;
  const sums = penaltySums(grid, model);
  const squared = residuals.sumSquares - 2 * mu * residuals.sum + total * mu * mu;
  return (squared + p.noteIntercept * sums.noteIntercept + p.noteFactor * sums.noteFactor + p.raterIntercept * sums.raterIntercept + p.raterFactor * sums.raterFactor + p.mu * mu * mu) / total;
}

function penaltySums(grid: RatingGrid, m: FactorModel) {
  const sums = { noteIntercept: 0, noteFactor: 0, raterIntercept: 0, raterFactor: 0 };
  const notes = grid.byNote.start;
  for (let n = 0; n + 1 < notes.length; n++) {
    if (notes[n + 1] === notes[n]) continue;
    sums.noteIntercept += m.noteIntercept[n] ** 2;
    sums.noteFactor += m.noteFactor[n] ** 2;
  }
  const raters = grid.byRater.start;
  for (let u = 0; u + 1 < raters.length; u++) {
    if (raters[u + 1] === raters[u]) continue;
    sums.raterIntercept += m.raterIntercept[u] ** 2;
    sums.raterFactor += m.raterFactor[u] ** 2;
  }
  return sums;
}
