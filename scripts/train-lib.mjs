// Pieces shared by Parley's model trainers (train-spam-model.mjs, train-abuse-model.mjs):
// loading a featurization written in TypeScript, L2-regularized logistic regression by SGD,
// ROC AUC, and reading extra labelled examples.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * Loads an import-free TypeScript module (the app's own featurization) by transpiling it in
 * memory, so trainer and runtime share one implementation and training needs no build.
 */
export async function loadTs(file) {
  const source = readFileSync(file, 'utf8');
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  if (diagnostics?.length) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`);
  return import('data:text/javascript;base64,' + Buffer.from(outputText).toString('base64'));
}

/**
 * Extra labelled examples: one per line, the label (0 or 1), a tab, the text; blank lines and
 * lines starting with # are skipped. This is how a site's own moderation decisions (or any other
 * labelled comments) join the training data: --extra <file>, as often as needed.
 */
export function readLabelled(file) {
  const out = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, n) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const tab = line.indexOf('\t');
      const label = Number(line.slice(0, tab));
      if (tab < 0 || (label !== 0 && label !== 1)) throw new Error(`${file}:${n + 1}: expected "0<TAB>text" or "1<TAB>text"`);
      out.push({ text: line.slice(tab + 1), y: label });
    });
  return out;
}

/** Lines of a text file, less blank lines and # comments. */
export function readLines(file) {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

/** Seeded PRNG (mulberry32). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle(array, random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

export const sigmoid = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Sparse vector as parallel typed arrays, for speed. */
export function toSparse(map, keep = () => true) {
  const entries = [...map].filter(([k]) => keep(k));
  const idx = new Int32Array(entries.length);
  const val = new Float64Array(entries.length);
  entries.forEach(([k, v], i) => {
    idx[i] = k;
    val[i] = v;
  });
  return { idx, val };
}

/**
 * SGD for L2-regularized logistic regression. The weights are w = scale · v, so the L2 shrink of
 * every weight is one multiplication of `scale` per step (Bottou's trick): exact, not lazy.
 */
export function train(examples, buckets, { lambda, epochs, eta0, seed }) {
  const v = new Float64Array(buckets);
  let scale = 1;
  let bias = 0;
  const random = rng(seed);
  const order = examples.map((_, i) => i);
  let t = 0;
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random);
    for (const i of order) {
      const { x, y, weight = 1 } = examples[i];
      const eta = eta0 / (1 + eta0 * lambda * t++);
      let dot = 0;
      for (let j = 0; j < x.idx.length; j++) dot += v[x.idx[j]] * x.val[j];
      const g = (sigmoid(scale * dot + bias) - y) * weight;
      scale *= 1 - eta * lambda;
      const step = (eta * g) / scale;
      for (let j = 0; j < x.idx.length; j++) v[x.idx[j]] -= step * x.val[j];
      bias -= eta * g;
      if (scale < 1e-9) {
        for (let k = 0; k < v.length; k++) v[k] *= scale;
        scale = 1;
      }
    }
  }
  const w = new Float64Array(buckets);
  for (let k = 0; k < buckets; k++) w[k] = v[k] * scale;
  return { w, bias };
}

/** The model as shipped: small weights dropped, the rest rounded. */
export function prune(model, threshold, digits) {
  const w = new Float64Array(model.w.length);
  let kept = 0;
  for (let k = 0; k < w.length; k++) {
    if (Math.abs(model.w[k]) >= threshold) {
      w[k] = round(model.w[k], digits);
      kept++;
    }
  }
  return { w, bias: round(model.bias, 4), kept };
}

export function objective(model, examples, lambda) {
  let loss = 0;
  for (const ex of examples) {
    const p = probability(model, ex.x);
    loss -= ex.y === 1 ? Math.log(Math.max(p, 1e-15)) : Math.log(Math.max(1 - p, 1e-15));
  }
  let sq = 0;
  for (let k = 0; k < model.w.length; k++) sq += model.w[k] * model.w[k];
  return loss / examples.length + (lambda / 2) * sq;
}

export function probability(model, x) {
  let z = model.bias;
  for (let j = 0; j < x.idx.length; j++) z += model.w[x.idx[j]] * x.val[j];
  return sigmoid(z);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties given their average rank. */
export function rocAuc(model, examples) {
  const scored = examples.map((ex) => ({ s: model.prob(ex), y: ex.y })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < scored.length; ) {
    let j = i;
    while (j + 1 < scored.length && scored[j + 1].s === scored[i].s) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (scored[k].y === 1) {
      rankSum += rank;
      pos++;
    }
    i = j + 1;
  }
  const neg = scored.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export const round = (x, digits = 3) => Number(x.toFixed(digits));
export const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
export const sd = (xs) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
