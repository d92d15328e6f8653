import { copyModel, FactorModel, fitModel, fitNotesWithRatersFixed, initialModel, objective, SolverSettings } from './matrix-factorization';
import { NoteRating } from './note-scoring';
import { encode } from './note-scoring.input';
import { everyPosition, latestPerPair, RatingGrid, toGrid } from './rating-matrix';
import { TwoCamps } from './testing/two-camps';

const SETTINGS: SolverSettings = { lambdaIntercept: 0.15, lambdaFactor: 0.03, maxIterations: 5000, tolerance: 1e-10 };

function run<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function gridOf(ratings: NoteRating[]): RatingGrid {
  const { raw, data } = run(encode(ratings, []));
  const all = run(latestPerPair(raw, data.noteIds.length, data.raterIds.length));
  return run(toGrid(all, everyPosition(all), data.noteIds.length, data.raterIds.length));
}

/** Every parameter of the model, as [array, index] pairs, plus mu. */
function parameters(m: FactorModel): [Float64Array, number][] {
  return [m.noteIntercept, m.noteFactor, m.raterIntercept, m.raterFactor].flatMap((values) => Array.from(values, (_, i): [Float64Array, number] => [values, i]));
}

describe('the fit', () => {
  const c = new TwoCamps(21).background(20, 6, 4, 10);
  for (let i = 0; i < 6; i++) c.both(`bridging-${i}`, 8, 0.9);
  const grid = gridOf(c.ratings);
  const model = initialModel(grid.byNote.start.length - 1, grid.byRater.start.length - 1, grid.raterCount, 1);
  const sweeps = run(fitModel(grid, model, SETTINGS));
  const loss = objective(grid, model, SETTINGS);

  it('stops well before the iteration cap', () => {
    expect(sweeps).toBeGreaterThan(2);
    expect(sweeps).toBeLessThan(500);
  });

  it('ends at a minimum of the reference objective: no parameter can be moved to lower it', () => {
    // The derivative of L along every coordinate is ~0 (central differences), and moving any
    // coordinate by ±1e-3 raises L.
    const h = 1e-3;
    for (const [values, i] of parameters(model)) {
      const original = values[i];
      values[i] = original + h;
      const up = objective(grid, model, SETTINGS);
      values[i] = original - h;
      const down = objective(grid, model, SETTINGS);
      values[i] = original;
      expect(Math.abs(up - down) / (2 * h)).toBeLessThan(1e-6);
      expect(Math.min(up, down)).toBeGreaterThan(loss);
    }
    const shifted = { ...model, mu: model.mu + h };
    expect(objective(grid, shifted, SETTINGS)).toBeGreaterThan(loss);
  });

  it('solves the notes exactly when raters and mu are frozen', () => {
    const perturbed = copyModel(model);
    perturbed.noteIntercept.fill(0.3);
    perturbed.noteFactor.fill(-0.2);
    const ratingsPerNote = grid.ratings / grid.noteCount;
    fitNotesWithRatersFixed(grid, perturbed, SETTINGS, ratingsPerNote);
    // With the same normalisation as the full fit, the notes go back to where the full fit put them.
    perturbed.noteIntercept.forEach((v, k) => expect(v).toBeCloseTo(model.noteIntercept[k], 5));
    perturbed.noteFactor.forEach((v, k) => expect(v).toBeCloseTo(model.noteFactor[k], 5));
  });
});
