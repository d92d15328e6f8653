#!/usr/bin/env node
// Trains Parley's local spam model on the YouTube Spam Collection (Alberto, Lochter & Almeida,
// ICMLA 2015) and writes src/modules/comments/pipeline/scorer/spam-model.json.
// Usage: npm run build && node scripts/train-spam-model.mjs [--data ../shared/data/youtube-spam]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The featurization is the app's own, compiled: run `npm run build` first.
const { featurize } = require(join(root, 'dist/src/modules/comments/pipeline/scorer/features.js'));
const dataDir = process.argv.includes('--data') ? resolve(process.argv[process.argv.indexOf('--data') + 1]) : resolve(root, '../shared/data/youtube-spam');
const OUT = join(root, 'src/modules/comments/pipeline/scorer/spam-model.json');

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length >= 5);
}

function load() {
  return readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort().map((file) => {
    const [header, ...rows] = parseCsv(readFileSync(join(dataDir, file), 'utf8'));
    const ci = header.indexOf('CONTENT'), li = header.indexOf('CLASS');
    return { file, items: rows.map((r) => ({ text: r[ci], label: Number(r[li]) })) };
  });
}

/** Seeded PRNG for a deterministic shuffle. */
function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** L2-regularized logistic regression by SGD over sparse vectors. */
function train(items, { epochs = 20, rate = 1.0, l2 = 1e-5, seed = 7 } = {}) {
  const w = new Map(); let bias = 0;
  const rnd = mulberry32(seed);
  const data = items.map((it) => ({ x: featurize(it.text), y: it.label }));
  for (let e = 0; e < epochs; e++) {
    for (let i = data.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [data[i], data[j]] = [data[j], data[i]]; }
    const lr = rate / (1 + e * 0.3);
    for (const { x, y } of data) {
      let z = bias; for (const [k, v] of x) z += (w.get(k) || 0) * v;
      const g = 1 / (1 + Math.exp(-z)) - y;
      bias -= lr * g;
      for (const [k, v] of x) { const old = w.get(k) || 0; w.set(k, old - lr * (g * v + l2 * old)); }
    }
  }
  return { w, bias };
}

function predict(model, text) {
  let z = model.bias; for (const [k, v] of featurize(text)) z += (model.w.get(k) || 0) * v;
  return 1 / (1 + Math.exp(-z));
}

function accuracy(model, items) {
  return items.filter((it) => (predict(model, it.text) >= 0.5 ? 1 : 0) === it.label).length / items.length;
}

function auc(model, items) {
  const scored = items.map((it) => ({ s: predict(model, it.text), y: it.label })).sort((a, b) => a.s - b.s);
  let rankSum = 0, pos = 0;
  scored.forEach((p, i) => { if (p.y === 1) { rankSum += i + 1; pos++; } });
  const neg = scored.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

const files = load();
const all = files.flatMap((f) => f.items);

// (a) The published split: per file, first 70% of each class in file order train, the rest test.
const split = files.map((f) => {
  const cut = (label) => { const c = f.items.filter((i) => i.label === label); const n = Math.floor(c.length * 0.7); return [c.slice(0, n), c.slice(n)]; };
  const [s1, s2] = cut(1), [h1, h2] = cut(0);
  return { file: f.file, train: [...s1, ...h1], test: [...s2, ...h2] };
});
const splitModel = train(split.flatMap((s) => s.train));
const perVideo = split.map((s) => ({ file: s.file, accuracy: +accuracy(splitModel, s.test).toFixed(3) }));
const splitAccuracy = +accuracy(splitModel, split.flatMap((s) => s.test)).toFixed(3);

// (b) 10-fold cross-validation over all five files.
const rnd = mulberry32(42);
const shuffled = all.map((x) => ({ x, r: rnd() })).sort((a, b) => a.r - b.r).map((o) => o.x);
let cvAcc = 0, cvAuc = 0;
for (let k = 0; k < 10; k++) {
  const test = shuffled.filter((_, i) => i % 10 === k), tr = shuffled.filter((_, i) => i % 10 !== k);
  const m = train(tr); cvAcc += accuracy(m, test) / 10; cvAuc += auc(m, test) / 10;
}

const final = train(all);
const weights = {};
for (const [k, v] of final.w) if (Math.abs(v) >= 0.01) weights[k] = +v.toFixed(4);
const model = {
  dataset: 'YouTube Spam Collection v1 (Alberto, Lochter & Almeida, ICMLA 2015)',
  trainedAt: new Date().toISOString().slice(0, 10),
  examples: all.length,
  evaluation: { publishedSplit: { accuracy: splitAccuracy, perVideo }, crossValidation10: { accuracy: +cvAcc.toFixed(3), auc: +cvAuc.toFixed(3) } },
  bias: +final.bias.toFixed(4),
  weights,
};
writeFileSync(OUT, JSON.stringify(model));
console.log(JSON.stringify(model.evaluation, null, 2));
console.log(`wrote ${OUT}: ${Object.keys(weights).length} weights, ${(JSON.stringify(model).length / 1024).toFixed(0)} KiB`);
