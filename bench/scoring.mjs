#!/usr/bin/env node
// Per-comment cost of the automatic checks on the posting path: the local spam and abuse models
// (and what the pipeline calls: ScorerSet.score with the local provider, breaker and time limit
// included, and the bare LocalScorer through scoreWithTimeout) and the word matcher with
// the starter list on. Run after `npm run build`:  node bench/scoring.mjs
// Comments: the held-out news-like comments (test/fixtures), and long ones of 1,000 and 10,000
// characters made of them. Reports the model load time and heap, and µs per comment (mean, p50,
// p99) after a warm-up, and CPU time per comment (process.cpuUsage over the run), which waiting
// for a core on a busy machine does not inflate. Single-threaded, in-process: what one posting request pays.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const DIST = join(ROOT, 'dist/src/modules');

const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
const { spamProbability } = require(join(DIST, 'comments/pipeline/scorer/spam-model.js'));
const spamLoad = performance.now() - t0;
t0 = performance.now();
const { abuseProbability, ABUSE_MODEL_INFO } = require(join(DIST, 'comments/pipeline/scorer/abuse-model.js'));
const abuseLoad = performance.now() - t0;
const heapModels = process.memoryUsage().heapUsed - heapBefore;
const { LocalScorer, scoreWithTimeout } = require(join(DIST, 'comments/pipeline/scorer/scorer.js'));
const { ScorerSet } = require(join(DIST, 'comments/pipeline/scorer/scorer-set.js'));
const { loadConfig } = require(join(ROOT, 'dist/src/config/config.js'));
const scorerSet = new ScorerSet(loadConfig({}).moderation);
const { WordMatcher } = require(join(DIST, 'wordlists/matching/word-matcher.js'));
const { starterEntries } = require(join(DIST, 'wordlists/matching/starter-list.js'));

const news = readFileSync(join(ROOT, 'test/fixtures/abuse-heldout-news.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.slice(2));
const joined = news.join(' ');
const sets = {
  [`held-out news comments (n=${news.length}, mean ${Math.round(news.reduce((s, t) => s + t.length, 0) / news.length)} chars)`]: news,
  '1,000-character comments (n=20)': Array.from({ length: 20 }, (_, i) => joined.slice(i * 500, i * 500 + 1000)),
  '10,000-character comments (n=5)': Array.from({ length: 5 }, (_, i) => (joined + joined).slice(i * 1000, i * 1000 + 10_000)),
};
const matcher = new WordMatcher([...starterEntries('SUSPECT'), { id: 'a', phrase: 'crisis actor', kind: 'SUSPECT' }, { id: 'b', phrase: 'grenade lobber', kind: 'BANNED' }]);
const scorer = new LocalScorer();

function measure(fn, texts, rounds) {
  for (let r = 0; r < 3; r++) for (const t of texts) fn(t); // warm-up
  const times = [];
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const s = process.hrtime.bigint();
      fn(t);
      times.push(Number(process.hrtime.bigint() - s) / 1000);
    }
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { cpu: (used.user + used.system) / times.length, mean: times.reduce((s, x) => s + x, 0) / times.length, p50: q(0.5), p99: q(0.99) };
}

async function measureAsync(texts, rounds, call = (t) => scoreWithTimeout(scorer, t, 200)) {
  for (const t of texts) await call(t);
  const times = [];
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const s = process.hrtime.bigint();
      await call(t);
      times.push(Number(process.hrtime.bigint() - s) / 1000);
    }
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  return { cpu: (used.user + used.system) / times.length, mean: times.reduce((s, x) => s + x, 0) / times.length, p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] };
}

const fmt = (r) => `CPU ${r.cpu.toFixed(0).padStart(5)} µs  wall: mean ${r.mean.toFixed(0).padStart(5)} µs  p50 ${r.p50.toFixed(0).padStart(5)} µs  p99 ${r.p99.toFixed(0).padStart(5)} µs`;
console.log(`node ${process.version}; abuse model ${ABUSE_MODEL_INFO.version}`);
console.log(`load: spam model ${spamLoad.toFixed(0)} ms, abuse model ${abuseLoad.toFixed(0)} ms; heap for both ~${(heapModels / 1048576).toFixed(0)} MiB`);
for (const [name, texts] of Object.entries(sets)) {
  const rounds = Math.max(5, Math.round(2000 / texts.length / Math.max(1, texts[0].length / 500)));
  console.log(`\n${name}`);
  console.log(`  spam model        ${fmt(measure(spamProbability, texts, rounds))}`);
  console.log(`  abuse model       ${fmt(measure(abuseProbability, texts, rounds))}`);
  console.log(`  LocalScorer call  ${fmt(await measureAsync(texts, rounds))}   (both models, through scoreWithTimeout)`);
  console.log(`  ScorerSet local   ${fmt(await measureAsync(texts, rounds, (t) => scorerSet.score(t, ['local'])))}   (what posting calls: breaker and time limit included)`);
  console.log(`  word matcher      ${fmt(measure((t) => matcher.match(t), texts, rounds))}   (starter list on, ${starterEntries('SUSPECT').length + 2} entries)`);
}
