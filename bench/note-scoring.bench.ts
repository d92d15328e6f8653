/**
 * Benchmark for the Community Notes scorer: 100,000 ratings over 10,000 notes and 5,000 raters.
 *
 * Synthetic but shaped like real rating data: two camps of raters with varying strength of
 * allegiance, partisan and neutral notes of varying quality, Zipf-skewed note popularity and
 * rater activity (a few notes and raters take most of the ratings), and noise in every rating.
 *
 * Run (no TS runner is installed, so compile just this file and its import):
 *   npx tsc bench/note-scoring.bench.ts --outDir /tmp/parley-bench --rootDir . --module nodenext \
 *     --target ES2023 --types node --strict --skipLibCheck && node /tmp/parley-bench/bench/note-scoring.bench.js
 * Env: BENCH_SEED (data seed, default 1).
 */
import { mulberry32, NoteRating, RatingValue, scoreNotes } from '../src/modules/misinformation/scoring/note-scoring';

const NOTES = 10_000;
const RATERS = 5_000;
const RATINGS = 100_000;
const ZIPF_EXPONENT = 0.8;

interface Note {
  quality: number; // -1 .. 1: how helpful it is to a rater with no allegiance
  lean: number; // -1 .. 1: which camp it favours; 0 for neutral notes
}

function zipfSampler(random: () => number, count: number): () => number {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) cumulative[i] = total += 1 / (i + 1) ** ZIPF_EXPONENT;
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function makeNotes(random: () => number): Note[] {
  return Array.from({ length: NOTES }, () => {
    const partisan = random() < 0.6;
    const lean = partisan ? (random() < 0.5 ? -1 : 1) * (0.5 + 0.5 * random()) : 0;
    return { quality: 2 * random() - 1, lean };
  });
}

/** Camp sign times an allegiance strength in 0.2 .. 1. */
function makeRaters(random: () => number): Float64Array {
  return Float64Array.from({ length: RATERS }, () => (random() < 0.5 ? -1 : 1) * (0.2 + 0.8 * random()));
}

function ratingValue(random: () => number, note: Note, allegiance: number): RatingValue {
  const noise = (random() + random() + random() - 1.5) * 0.6;
  const appeal = 0.6 * note.quality + note.lean * allegiance + noise;
  if (appeal > 0.25) return 'HELPFUL';
  if (appeal > -0.25) return 'SOMEWHAT_HELPFUL';
  return 'NOT_HELPFUL';
}

function generateRatings(seed: number): NoteRating[] {
  const random = mulberry32(seed);
  const notes = makeNotes(random);
  const raters = makeRaters(random);
  const pickNote = zipfSampler(random, NOTES);
  const pickRater = zipfSampler(random, RATERS);
  const seen = new Set<number>();
  const ratings: NoteRating[] = [];
  while (ratings.length < RATINGS) {
    const n = pickNote();
    const u = pickRater();
    if (seen.has(n * RATERS + u)) continue; // one rating per rater and note
    seen.add(n * RATERS + u);
    ratings.push({ noteId: `note-${n}`, raterId: `rater-${u}`, value: ratingValue(random, notes[n], raters[u]) });
  }
  return ratings;
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function memoryLine(label: string): string {
  const { rss, heapUsed } = process.memoryUsage();
  return `${label}: rss ${mib(rss)}, heapUsed ${mib(heapUsed)}`;
}

function main(): void {
  const seed = Number(process.env.BENCH_SEED ?? 1);
  const memory = [memoryLine('start')];
  const ratings = generateRatings(seed);
  memory.push(memoryLine('after generating ratings'));

  const started = performance.now();
  const result = scoreNotes(ratings);
  const elapsedMs = performance.now() - started;
  memory.push(memoryLine('after scoring'));

  const counts: Record<string, number> = { HELPFUL: 0, NOT_HELPFUL: 0, NEEDS_MORE_RATINGS: 0 };
  for (const score of result.scores) counts[score.status]++;
  // A note is in the fit exactly when it has the minimum 5 ratings from raters in the fit.
  const fittedNotes = result.scores.filter((s) => s.ratingCount >= 5);
  const fittedRatings = fittedNotes.reduce((sum, s) => sum + s.ratingCount, 0);

  console.log(`note-scoring: ${ratings.length} ratings, ${NOTES} notes, ${RATERS} raters, data seed ${seed}`);
  console.log(`scoreNotes wall time: ${elapsedMs.toFixed(0)} ms, iterations: ${result.iterations}, mu: ${result.mu.toFixed(4)}`);
  console.log(`in the fit: ${fittedRatings} ratings, ${fittedNotes.length} notes, ${result.raterFactors.size} raters`);
  console.log(`status counts: ${JSON.stringify(counts)}`);
  for (const line of memory) console.log(line);
  // maxRSS is the kernel's high-water mark, so it catches peaks between the samples above.
  console.log(`peak rss: ${mib(process.resourceUsage().maxRSS * 1024)}`);
}

main();
