/**
 * Benchmark for the Community Notes scorer.
 *
 * Synthetic but shaped like real rating data: two camps of raters with varying strength of
 * allegiance, partisan and neutral notes of varying quality, Zipf-skewed note popularity and rater
 * activity (a few notes and raters take most of the ratings), and noise in every rating.
 *
 * Without arguments it runs the whole comparison, each case in its own child process so that every
 * peak-memory figure is that case's own: the previous scorer (bench/note-scoring.previous.ts) and the
 * current one, interleaved three times on 100,000 ratings over 10,000 notes and 5,000 raters; then
 * the current one three times on 1,000,000 ratings over 50,000 notes and 100,000 raters, driven by
 * scoreNotesAsync as the service drives it, while a timer measures the longest the event loop was held.
 *
 * Run (no TS runner is installed, so compile just this file and its imports):
 *   npx tsc bench/note-scoring.bench.ts --outDir /tmp/parley-bench --rootDir . --module nodenext \
 *     --target ES2023 --types node --strict --skipLibCheck && node /tmp/parley-bench/bench/note-scoring.bench.js
 * One case: node /tmp/parley-bench/bench/note-scoring.bench.js --case new|previous|new-async --scale 100k|1m
 * Env: BENCH_SEED (data seed, default 1).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mulberry32, NoteRating, RatingValue, scoreNotes, scoreNotesAsync } from '../src/modules/misinformation/scoring/note-scoring';
import { scoreNotes as scoreNotesPrevious } from './note-scoring.previous';

const SCALES = {
  '100k': { notes: 10_000, raters: 5_000, ratings: 100_000 },
  '1m': { notes: 50_000, raters: 100_000, ratings: 1_000_000 },
} as const;
type Scale = keyof typeof SCALES;
type Case = 'new' | 'previous' | 'new-async';
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

function makeNotes(random: () => number, count: number): Note[] {
  return Array.from({ length: count }, () => {
    const partisan = random() < 0.6;
    const lean = partisan ? (random() < 0.5 ? -1 : 1) * (0.5 + 0.5 * random()) : 0;
    return { quality: 2 * random() - 1, lean };
  });
}

/** Camp sign times an allegiance strength in 0.2 .. 1. */
function makeRaters(random: () => number, count: number): Float64Array {
  return Float64Array.from({ length: count }, () => (random() < 0.5 ? -1 : 1) * (0.2 + 0.8 * random()));
}

function ratingValue(random: () => number, note: Note, allegiance: number): RatingValue {
  const noise = (random() + random() + random() - 1.5) * 0.6;
  const appeal = 0.6 * note.quality + note.lean * allegiance + noise;
  if (appeal > 0.25) return 'HELPFUL';
  if (appeal > -0.25) return 'SOMEWHAT_HELPFUL';
  return 'NOT_HELPFUL';
}

/** A UUID-shaped id (what the database returns), from the seeded generator. */
function uuidLike(random: () => number): string {
  const hex = (digits: number) => Math.floor(random() * 16 ** digits).toString(16).padStart(digits, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)}`;
}

/** Each id is one shared string, as if the driver's rows were interned: the figures are the scorer's. */
function generateRatings(seed: number, scale: Scale): NoteRating[] {
  const size = SCALES[scale];
  const random = mulberry32(seed);
  const notes = makeNotes(random, size.notes);
  const raters = makeRaters(random, size.raters);
  const noteIds = Array.from({ length: size.notes }, () => uuidLike(random));
  const raterIds = Array.from({ length: size.raters }, () => uuidLike(random));
  const pickNote = zipfSampler(random, size.notes);
  const pickRater = zipfSampler(random, size.raters);
  const seen = new Set<number>();
  const ratings: NoteRating[] = [];
  while (ratings.length < size.ratings) {
    const n = pickNote();
    const u = pickRater();
    if (seen.has(n * size.raters + u)) continue; // one rating per rater and note
    seen.add(n * size.raters + u);
    ratings.push({ noteId: noteIds[n], raterId: raterIds[u], value: ratingValue(random, notes[n], raters[u]) });
  }
  return ratings;
}

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function runCase(which: Case, scale: Scale, seed: number): Promise<Record<string, unknown>> {
  const ratings = generateRatings(seed, scale);
  global.gc?.();
  const before = process.memoryUsage();
  const peak = { heap: before.heapUsed, arrayBuffers: before.arrayBuffers };
  const sample = () => {
    const now = process.memoryUsage();
    peak.heap = Math.max(peak.heap, now.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
  };
  const sampler = setInterval(sample, 5);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = which === 'previous' ? scoreNotesPrevious(ratings) : which === 'new' ? scoreNotes(ratings) : await scoreNotesAsync(ratings);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  delay.disable();
  clearInterval(sampler);
  sample();
  const counts: Record<string, number> = {};
  for (const s of result.scores) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return {
    case: which,
    scale,
    ms: Math.round(ms),
    // CPU time of the process (user + system): less sensitive than wall time to other load on the machine.
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    iterations: result.iterations,
    statuses: counts,
    heapBeforeMiB: mib(before.heapUsed),
    rssBeforeMiB: mib(before.rss),
    // Sampled every 5 ms between yields; a synchronous run is only sampled at its start and end.
    // The scorer's typed arrays live outside the V8 heap, in arrayBuffers.
    peakHeapMiB: mib(peak.heap),
    peakArrayBuffersMiB: mib(peak.arrayBuffers),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
    // Wall clock, so it grows with other load on the machine: see loadAverage.
    longestBlockMs: which === 'new-async' ? Math.round(delay.max / 1e6) : null,
    loadAverage: Math.round(loadavg()[0] * 10) / 10,
  };
}

function child(which: Case, scale: Scale): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--case', which, '--scale', scale], { encoding: 'utf8', env: process.env });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const seed = Number(process.env.BENCH_SEED ?? 1);
  const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
  if (process.argv.includes('--case')) {
    console.log(JSON.stringify(await runCase(arg('--case') as Case, arg('--scale') as Scale, seed)));
    return;
  }
  for (let round = 1; round <= 3; round++) {
    for (const which of ['previous', 'new'] as const) console.log(JSON.stringify({ round, ...child(which, '100k') }));
  }
  for (let round = 1; round <= 3; round++) console.log(JSON.stringify({ round, ...child('new-async', '1m') }));
}

void main();
