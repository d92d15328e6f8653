#!/usr/bin/env node
// What the circuit breaker saves on the posting path when a remote scorer is down. Run after
// `npm run build`:  node bench/scorer-breaker.mjs
// A Perspective-compatible provider on loopback that accepts connections and never answers (a
// hung provider), then one whose port refuses connections (a dead one). 60 comments in a row, as
// a posting request scores them (ScorerSet.score with the local model and the provider), with
// MOD_SCORER_PERSPECTIVE_TIMEOUT_MS=300 and the breaker at its defaults (5 failures, 30 s
// cooldown), against the breaker kept shut (1000 failures). Reports the time each comment waited.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ScorerSet } = require(join(ROOT, 'dist/src/modules/comments/pipeline/scorer/scorer-set.js'));
const { loadConfig } = require(join(ROOT, 'dist/src/config/config.js'));

const COMMENTS = 60;
const hung = createServer(() => undefined); // reads the request, never answers
await new Promise((r) => hung.listen(0, '127.0.0.1', r));
const refused = createServer();
await new Promise((r) => refused.listen(0, '127.0.0.1', r));
const refusedPort = refused.address().port;
await new Promise((r) => refused.close(r)); // nothing listens there any more

async function run(url, failures) {
  const settings = loadConfig({
    MOD_SCORER: 'local,perspective',
    MOD_SCORER_PERSPECTIVE_URL: url,
    MOD_SCORER_PERSPECTIVE_TIMEOUT_MS: '300',
    MOD_SCORER_BREAKER_FAILURES: String(failures),
  }).moderation;
  const set = new ScorerSet(settings);
  const waits = [];
  const statuses = {};
  for (let i = 0; i < COMMENTS; i++) {
    const started = performance.now();
    const outcomes = await set.score(`Comment ${i}: which source gives the higher figure for the dam?`, settings.scorers);
    waits.push(performance.now() - started);
    const s = outcomes[1].status;
    statuses[s] = (statuses[s] ?? 0) + 1;
  }
  const sorted = [...waits].sort((a, b) => a - b);
  const total = waits.reduce((s, x) => s + x, 0);
  return { total, mean: total / COMMENTS, p50: sorted[Math.floor(COMMENTS / 2)], p99: sorted[Math.floor(COMMENTS * 0.99)], statuses };
}

const fmt = (r) =>
  `total ${(r.total / 1000).toFixed(2).padStart(6)} s  mean ${r.mean.toFixed(1).padStart(6)} ms  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${JSON.stringify(r.statuses)}`;
console.log(`node ${process.version}; ${COMMENTS} comments in a row; provider time limit 300 ms`);
for (const [name, url] of [
  ['hung provider (never answers)', `http://127.0.0.1:${hung.address().port}/v1alpha1`],
  ['dead provider (connection refused)', `http://127.0.0.1:${refusedPort}/v1alpha1`],
]) {
  console.log(`\n${name}`);
  console.log(`  breaker (5 failures, 30 s cooldown)  ${fmt(await run(url, 5))}`);
  console.log(`  breaker kept shut (1000 failures)    ${fmt(await run(url, 1000))}`);
}
hung.closeAllConnections();
hung.close();
