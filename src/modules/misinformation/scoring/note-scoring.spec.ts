import { classifyNote, mulberry32, NoteRating, NoteScore, RatingValue, scoreNotes } from './note-scoring';

/**
 * Synthetic community: 40 raters in camp A and 40 in camp B. Most notes are partisan (one camp
 * finds them helpful, the other does not), with some noise, so the fitted factor separates the
 * camps. A few neutral notes give cross-camp agreement in both directions. The notes under test
 * are added on top and rated by named subsets of each camp.
 */

const CAMP_SIZE = 40;
const campA = Array.from({ length: CAMP_SIZE }, (_, i) => `a${String(i).padStart(2, '0')}`);
const campB = Array.from({ length: CAMP_SIZE }, (_, i) => `b${String(i).padStart(2, '0')}`);

type Leaning = 'agree' | 'disagree';

function pickValue(random: () => number, leaning: Leaning): RatingValue {
  // 80% clear verdict, 15% lukewarm, 5% the opposite verdict: noisy but not random.
  const x = random();
  if (x < 0.8) return leaning === 'agree' ? 'HELPFUL' : 'NOT_HELPFUL';
  if (x < 0.95) return 'SOMEWHAT_HELPFUL';
  return leaning === 'agree' ? 'NOT_HELPFUL' : 'HELPFUL';
}

function sample<T>(random: () => number, items: readonly T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

function rateBy(random: () => number, noteId: string, raters: string[], leaning: Leaning): NoteRating[] {
  return raters.map((raterId) => ({ noteId, raterId, value: pickValue(random, leaning) }));
}

/**
 * Hands out raters round-robin over a reshuffled camp, so every rater gets nearly the same number
 * of ratings and none falls under the per-rater minimum by bad luck.
 */
function dealer(random: () => number, camp: readonly string[]): (count: number) => string[] {
  let queue: string[] = [];
  return (count) => {
    // Refill with everyone not still queued, so no rater is dealt twice to the same note.
    if (queue.length < count) queue = [...queue, ...sample(random, camp.filter((id) => !queue.includes(id)), camp.length)];
    return queue.splice(0, count);
  };
}

function backgroundRatings(seed: number): NoteRating[] {
  const random = mulberry32(seed);
  const deal = { a: dealer(random, campA), b: dealer(random, campB) };
  const ratings: NoteRating[] = [];
  for (let i = 0; i < 40; i++) {
    const [friends, foes] = i % 2 === 0 ? [deal.a, deal.b] : [deal.b, deal.a];
    const noteId = `partisan-${i}`;
    ratings.push(...rateBy(random, noteId, friends(12), 'agree'));
    ratings.push(...rateBy(random, noteId, foes(12), 'disagree'));
  }
  for (let i = 0; i < 20; i++) {
    const leaning: Leaning = i % 2 === 0 ? 'agree' : 'disagree';
    ratings.push(...rateBy(random, `neutral-${i}`, [...deal.a(6), ...deal.b(6)], leaning));
  }
  return ratings;
}

function unanimous(noteId: string, raters: string[], value: RatingValue): NoteRating[] {
  return raters.map((raterId) => ({ noteId, raterId, value }));
}

/** The notes under test, each rated without noise by named raters who also rate the background. */
function notesUnderTest(): NoteRating[] {
  return [
    ...unanimous('bridging', [...campA.slice(0, 6), ...campB.slice(0, 6)], 'HELPFUL'),
    ...unanimous('panned', [...campA.slice(6, 12), ...campB.slice(6, 12)], 'NOT_HELPFUL'),
    ...unanimous('split', campA.slice(12, 20), 'HELPFUL'),
    ...unanimous('split', campB.slice(12, 20), 'NOT_HELPFUL'),
    ...unanimous('sparse', [...campA.slice(30, 32), ...campB.slice(30, 32)], 'HELPFUL'),
  ];
}

const community = (): NoteRating[] => [...backgroundRatings(7), ...notesUnderTest()];

function scoreOf(scores: NoteScore[], noteId: string): NoteScore {
  const score = scores.find((s) => s.noteId === noteId);
  if (!score) throw new Error(`no score for ${noteId}`);
  return score;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  return sample(mulberry32(seed), items, items.length);
}

// Margins, checked over 40 background seeds: bridging intercept 0.46..0.54 (needs >= 0.40); split
// intercept within ±0.09 with |factor| >= 0.8; panned intercept -0.55..-0.46; every rater's factor
// on its camp's side. A note rated helpful by one camp and never rated by the other is not asserted:
// whether the model credits it to the intercept depends on how partisan those particular raters
// look, and it came out HELPFUL for about a quarter of the seeds.
describe('scoreNotes', () => {
  const result = scoreNotes(community());

  it('does not show a note that one camp rates helpful and the other not helpful', () => {
    const split = scoreOf(result.scores, 'split');
    expect(split.ratingCount).toBe(16);
    expect(split.status).toBe('NEEDS_MORE_RATINGS');
    // The support is explained by the factor (the camp), not by the intercept.
    expect(Math.abs(split.intercept)).toBeLessThan(0.2);
    expect(Math.abs(split.factor)).toBeGreaterThan(0.5);
  });

  it('shows a note that both camps rate helpful', () => {
    const bridging = scoreOf(result.scores, 'bridging');
    expect(bridging).toMatchObject({ status: 'HELPFUL', ratingCount: 12 });
    expect(bridging.intercept).toBeGreaterThanOrEqual(0.4);
  });

  it('needs more ratings for a note with fewer than five, however helpful they are', () => {
    expect(scoreOf(result.scores, 'sparse')).toMatchObject({ status: 'NEEDS_MORE_RATINGS', ratingCount: 4 });
  });

  it('marks a note not helpful when both camps rate it not helpful', () => {
    const panned = scoreOf(result.scores, 'panned');
    expect(panned).toMatchObject({ status: 'NOT_HELPFUL', ratingCount: 12 });
    expect(panned.intercept).toBeLessThan(-0.05);
  });

  it('gives identical output for the same input and seed, and for any input order', () => {
    const input = community();
    expect(scoreNotes(input, { seed: 3 })).toEqual(scoreNotes(input, { seed: 3 }));
    const reordered = scoreNotes(shuffled(input, 99));
    expect(reordered.scores.map((s) => s.status)).toEqual(result.scores.map((s) => s.status));
    expect(reordered).toEqual(result);
  });

  it('gives the raters of one camp factors of the opposite sign to the other camp', () => {
    const factors = (camp: string[]) => camp.map((id) => result.raterFactors.get(id));
    const signA = Math.sign(result.raterFactors.get(campA[0]) ?? 0);
    expect(signA).not.toBe(0);
    expect(factors(campA).map((f) => Math.sign(f ?? 0))).toEqual(campA.map(() => signA));
    expect(factors(campB).map((f) => Math.sign(f ?? 0))).toEqual(campB.map(() => -signA));
  });

  it('converges before the iteration cap', () => {
    expect(result.iterations).toBeGreaterThan(1);
    expect(result.iterations).toBeLessThan(2000);
  });
});

describe('scoreNotes input handling', () => {
  const baseline = scoreNotes(community());
  const driveBy = unanimous('drive-by', ['new1', 'new2', 'new3', 'new4', 'new5', 'new6'], 'HELPFUL');

  it('leaves out raters with too few ratings but still lists the notes they rated', () => {
    const { scores, raterFactors } = scoreNotes([...community(), ...driveBy]);
    const expected = { noteId: 'drive-by', status: 'NEEDS_MORE_RATINGS', intercept: 0, factor: 0, ratingCount: 0 };
    expect(scoreOf(scores, 'drive-by')).toEqual(expected);
    expect(raterFactors.has('new1')).toBe(false);
  });

  it('fits occasional raters when the per-rater minimum is lowered', () => {
    const { scores, raterFactors } = scoreNotes([...community(), ...driveBy], { minRatingsPerRater: 1 });
    expect(scoreOf(scores, 'drive-by').ratingCount).toBe(6);
    expect(raterFactors.has('new1')).toBe(true);
  });

  it('counts only the latest rating when a rater rates the same note twice', () => {
    const changedMind = { noteId: 'bridging', raterId: 'a00', value: 'NOT_HELPFUL' as const };
    const later = scoreOf(scoreNotes([...community(), changedMind]).scores, 'bridging');
    expect(later.ratingCount).toBe(12);
    expect(later.intercept).toBeLessThan(scoreOf(baseline.scores, 'bridging').intercept);
    expect(scoreNotes([changedMind, ...community()])).toEqual(baseline);
  });

  it('returns nothing for no ratings', () => {
    expect(scoreNotes([])).toEqual({ scores: [], mu: 0, iterations: 0, raterFactors: new Map() });
  });

  it('rejects a non-positive regularization weight', () => {
    expect(() => scoreNotes([], { lambdaFactor: 0 })).toThrow(RangeError);
  });
});

describe('classifyNote', () => {
  it.each([
    [0.4, 0.5, 5, 'HELPFUL'],
    [0.4, 0.51, 5, 'NEEDS_MORE_RATINGS'],
    [0.39, 0, 5, 'NEEDS_MORE_RATINGS'],
    [0.3, 0.2, 5, 'NEEDS_MORE_RATINGS'],
    [0.9, 0, 4, 'NEEDS_MORE_RATINGS'],
    [-0.05, 0, 5, 'NOT_HELPFUL'],
    [-0.4, 0.4, 5, 'NOT_HELPFUL'],
    [-0.3, 0.4, 5, 'NEEDS_MORE_RATINGS'],
    [-0.9, 0, 4, 'NEEDS_MORE_RATINGS'],
  ])('classifies intercept %d and factor %d with %d ratings as %s', (intercept, factor, count, status) => {
    expect(classifyNote(intercept, factor, count, 5)).toBe(status);
  });
});
