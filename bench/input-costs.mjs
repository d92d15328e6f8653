#!/usr/bin/env node
// CPU cost of work that hostile input could make expensive, measured here rather than timed in the
// unit tests (a loaded machine makes timed tests flaky). Run after `npm run build`:
//   node bench/input-costs.mjs
// - the password estimator on the longest accepted (256-character) repetitive passwords, which
//   took up to 1.8 s each before the estimator was limited to the first 64 characters;
// - campaign clustering over 5,000 comments of three shapes (one flood of copies, random text,
//   text from a tiny vocabulary), which the old pairwise SQL search took minutes over;
// - Markdown rendering of 10,000-character bodies shaped to make a parser backtrack, and the
//   posting check's link detection on 200,000-character runs shaped to make a pattern rescan
//   (both were timed unit tests; these inputs must stay linear).
// Reports CPU milliseconds (process.cpuUsage), which waiting for a core does not inflate.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const DIST = join(ROOT, 'dist/src/modules');
const { passwordProblem } = require(join(DIST, 'auth/password.js'));
const { findCampaigns } = require(join(DIST, 'misinformation/desk/campaigns.js'));
const { normalizeBody, renderBody } = require(join(DIST, 'comments/render/comment-body.js'));
const { containsLink } = require(join(DIST, 'comments/pipeline/pipeline.js'));

function cpuMs(fn) {
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

const policy = { minLength: 10, maxLength: 256 };
console.log('password estimator, 256-character inputs (CPU ms):');
for (const unit of ['ab1', '1q2w', 'password', 'P@5$']) {
  passwordProblem(unit.repeat(4), policy); // warm-up: dictionaries load on first use
  const { ms } = cpuMs(() => passwordProblem(unit.repeat(Math.floor(256 / unit.length)), policy));
  console.log(`  ${JSON.stringify(unit)} × ${Math.floor(256 / unit.length)}: ${ms.toFixed(1)} ms`);
}

const at = (minute) => new Date(Date.UTC(2026, 10, 20, 12, minute));
const comment = (authorId, body, minute) => ({ id: randomUUID(), authorId, body, createdAt: at(minute) });
const word = () => Array.from(randomBytes(3 + (randomBytes(1)[0] % 6)), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
const words = ['river', 'crossing', 'bridge', 'report', 'army', 'town', 'casualty', 'figures', 'ministry', 'observer', 'claims', 'verified', 'shelling', 'night', 'convoy'];
const shapes = {
  'flood of copies': Array.from({ length: 5000 }, (_, i) => comment(`u${i % 300}`, `Breaking: the town of Kupiansk has fallen to the army, say locals ${i % 7}`, i % 600)),
  'random text': Array.from({ length: 5000 }, (_, i) => comment(`u${i}`, Array.from({ length: 15 }, word).join(' '), i % 600)),
  'tiny vocabulary': Array.from({ length: 5000 }, (_, i) =>
    comment(`u${i}`, Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * k * 3 + (i >> k)) % words.length] + ((i * 31 + k) % 97)).join(' '), i % 600),
  ),
};
console.log('campaign clustering, 5,000 comments (CPU ms, comparisons):');
for (const [name, comments] of Object.entries(shapes)) {
  const stats = { comparisons: 0 };
  const { ms } = cpuMs(() => findCampaigns(comments, 5, stats));
  console.log(`  ${name}: ${ms.toFixed(0)} ms, ${stats.comparisons} comparisons`);
}

console.log('Markdown rendering, 10,000-character hostile bodies (CPU ms):');
const bodies = { brackets: '['.repeat(10_000), emphasis: '*a'.repeat(5_000), quotes: '> '.repeat(5_000), links: '[a]('.repeat(2_500), backticks: '`'.repeat(10_000), lists: '- '.repeat(5_000) };
renderBody(normalizeBody('warm *up*'));
for (const [name, body] of Object.entries(bodies)) console.log(`  ${name}: ${cpuMs(() => renderBody(normalizeBody(body))).ms.toFixed(1)} ms`);

console.log('link detection, 200,000-character runs (CPU ms):');
for (const unit of ['x', '[', '[x](', 'ab-', '(']) {
  const body = unit.repeat(Math.ceil(200_000 / unit.length));
  console.log(`  ${JSON.stringify(unit)} run: ${cpuMs(() => containsLink(body)).ms.toFixed(1)} ms`);
}
