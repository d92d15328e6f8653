#!/usr/bin/env node
// Trains Parley's local abuse model and the baseline it must beat, evaluates both, and writes
// src/modules/comments/pipeline/scorer/abuse-model.json.
//
//   node scripts/train-abuse-model.mjs [--data <tweeteval dir>] [--extra <file>]... [--out <file>]
//                                      [--heldout <file>] [--version <v>] [--no-write]
//
// Training data: the train splits of TweetEval hate (HatEval) and offensive (OffensEval/OLID),
// either label 1 counting as abuse (--data, default ../shared/data/tweeteval); the news-like
// comments in scripts/abuse-data/ (civil ones as negatives, abusive ones with disguised copies);
// and any --extra file of "label<TAB>text" lines (a site's own decisions, later). Validation
// splits choose nothing but are reported; the test splits and the held-out news comments
// (test/fixtures/abuse-heldout-news.tsv) are only ever evaluated.
//
// The model: L2-regularized logistic regression (train-lib.mjs) over abuse-features.ts, the
// featurization the app itself runs. The baseline: plain TF-IDF over lower-cased word unigrams and
// bigrams (a vocabulary of n-grams seen twice, raw tf × smoothed idf, unit length), the same
// logistic regression, trained on the TweetEval train splits alone.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs, probability, prune, readLabelled, readLines, rng, rocAuc, round, toSparse, train } from './train-lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FEATURES_TS = join(ROOT, 'src/modules/comments/pipeline/scorer/abuse-features.ts');
const DEFAULT_OUT = join(ROOT, 'src/modules/comments/pipeline/scorer/abuse-model.json');
const OWN = join(ROOT, 'scripts/abuse-data');

const HYPER = {
  lambda: 2e-5,
  epochs: 25,
  eta0: 0.5,
  seed: 20191231,
  // Buckets seen in fewer training texts get no idf entry and no weight (as unseen at run time).
  minDf: 3,
  prune: 0.02,
  digits: 3,
  // Each of our own news-like examples counts this many times: a few hundred beside 21,000 tweets.
  ownWeight: 3,
  // Disguised copies made of each abusive news-like example.
  disguises: 3,
};
/** Where the model holds and flags by default (MOD_ABUSE_HOLD_PERCENT, MOD_ABUSE_FLAG_PERCENT). */
const THRESHOLDS = { hold: 0.9, flag: 0.75 };

function parseArgs(argv) {
  const args = { data: resolve(ROOT, '../shared/data/tweeteval'), out: DEFAULT_OUT, write: true, extra: [], heldout: join(ROOT, 'test/fixtures/abuse-heldout-news.tsv'), version: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--data') args.data = resolve(value());
    else if (a === '--out') args.out = resolve(value());
    else if (a === '--extra') args.extra.push(resolve(value()));
    else if (a === '--heldout') args.heldout = resolve(value());
    else if (a === '--version') args.version = value();
    else if (a === '--no-write') args.write = false;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/train-abuse-model.mjs [--data <dir>] [--extra <file>]... [--out <file>] [--heldout <file>] [--version <v>] [--no-write]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Data

function loadSplit(dir, task, split) {
  const texts = readFileSync(join(dir, task, `${split}_text.txt`), 'utf8').split('\n');
  const labels = readFileSync(join(dir, task, `${split}_labels.txt`), 'utf8').split('\n');
  while (texts.at(-1) === '') texts.pop();
  while (labels.at(-1) === '') labels.pop();
  if (texts.length !== labels.length) throw new Error(`${task}/${split}: ${texts.length} texts but ${labels.length} labels`);
  return texts.map((text, i) => ({ text, y: Number(labels[i]) }));
}

/** Disguises abusive examples the way people get past filters: in the lexicon words only. */
function disguisedCopies(text, lexiconCategory, random) {
  const ways = [
    (w) => w.replace(/[aeiou](?=.)/i, '*'),
    (w) => w.replace(/[aeios]/gi, (c) => ({ a: '4', e: '3', i: '1', o: '0', s: '$' })[c.toLowerCase()]),
    (w) => [...w].join(' '),
    (w) => [...w].join('.'),
    (w) => w.replace(/[aeiou]/i, (c) => c.repeat(4)),
    (w) => w.toUpperCase(),
  ];
  const copies = new Set();
  for (let tries = 0; copies.size < HYPER.disguises && tries < 20; tries++) {
    const way = ways[Math.floor(random() * ways.length)];
    const copy = text.replace(/[\p{L}]+/gu, (w) => (lexiconCategory(w.toLowerCase()) ? way(w) : w));
    if (copy !== text) copies.add(copy);
  }
  return [...copies];
}

// ---------------------------------------------------------------------------------------------
// The baseline: plain TF-IDF + logistic regression

function baselineTokens(text) {
  const ws = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = [...ws];
  for (let i = 1; i < ws.length; i++) out.push(ws[i - 1] + ' ' + ws[i]);
  return out;
}

function fitBaseline(examples) {
  const df = new Map();
  for (const ex of examples) for (const t of new Set(baselineTokens(ex.text))) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = new Map();
  for (const [t, n] of df) if (n >= 2) vocab.set(t, vocab.size);
  const idf = new Float64Array(vocab.size);
  for (const [t, i] of vocab) idf[i] = Math.log((examples.length + 1) / (df.get(t) + 1)) + 1;
  const vectorize = (text) => {
    const tf = new Map();
    for (const t of baselineTokens(text)) if (vocab.has(t)) tf.set(vocab.get(t), (tf.get(vocab.get(t)) ?? 0) + 1);
    let norm = 0;
    for (const [i, n] of tf) norm += (n * idf[i]) ** 2;
    const v = new Map();
    for (const [i, n] of tf) v.set(i, (n * idf[i]) / Math.sqrt(norm));
    return toSparse(v);
  };
  const model = train(examples.map((ex) => ({ x: vectorize(ex.text), y: ex.y })), vocab.size, HYPER);
  return { name: 'baseline', score: (text) => probability(model, vectorize(text)), size: vocab.size };
}

// ---------------------------------------------------------------------------------------------
// Parley's model

function fitModel(f, examples) {
  const idf = (() => {
    const all = new Map();
    for (const ex of examples) for (const b of f.abuseBucketsOf(ex.text)) all.set(b, (all.get(b) ?? 0) + 1);
    const df = new Map();
    for (const [b, n] of all) if (n >= HYPER.minDf) df.set(b, n);
    return { documents: examples.length, df };
  })();
  const lexiconBuckets = new Set();
  for (const category of [...Object.keys(f.LEXICON), 'any']) for (const p of ['l:', 'l:you+']) lexiconBuckets.add(f.abuseBucket(p + category));
  const vectorize = (text) => toSparse(f.abuseFeaturize(text, idf), (b) => idf.df.has(b) || lexiconBuckets.has(b));
  const raw = train(examples.map((ex) => ({ x: vectorize(ex.text), y: ex.y, weight: ex.weight })), f.ABUSE_BUCKETS, HYPER);
  const model = prune(raw, HYPER.prune, HYPER.digits);
  // Scored exactly as at run time: every bucket counts in the length, only weighted ones in the sum.
  const score = (text) => {
    let z = model.bias;
    for (const [b, v] of f.abuseFeaturize(text, idf)) z += model.w[b] * v;
    return 1 / (1 + Math.exp(-z));
  };
  return { name: 'parley', score, idf, model };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function evaluate(scorer, examples) {
  const scores = examples.map((ex) => ({ s: scorer.score(ex.text), y: ex.y }));
  const auc = rocAuc({ prob: (e) => e.s }, scores);
  const at = (t) => {
    const tp = scores.filter((e) => e.s >= t && e.y === 1).length;
    const fp = scores.filter((e) => e.s >= t && e.y === 0).length;
    const pos = scores.filter((e) => e.y === 1).length;
    return { precision: tp + fp === 0 ? null : round(tp / (tp + fp)), recall: round(tp / pos), held: tp + fp, falseHolds: fp };
  };
  return { n: examples.length, abusive: scores.filter((e) => e.y === 1).length, auc: round(auc), hold: at(THRESHOLDS.hold), flag: at(THRESHOLDS.flag) };
}

function printRow(label, r) {
  const p = (x) => (x === null ? '  -  ' : x.toFixed(3));
  console.log(
    `  ${label.padEnd(30)} n=${String(r.n).padStart(5)}  AUC ${r.auc.toFixed(3)}  hold: P ${p(r.hold.precision)} R ${p(r.hold.recall)} (${r.hold.falseHolds} wrong)  flag: P ${p(r.flag.precision)} R ${p(r.flag.recall)} (${r.flag.falseHolds} wrong)`,
  );
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const f = await loadTs(FEATURES_TS);
  const started = Date.now();
  const random = rng(HYPER.seed);

  const splits = {};
  for (const task of ['hate', 'offensive']) for (const split of ['train', 'val', 'test']) splits[`${task}/${split}`] = loadSplit(args.data, task, split);
  // Either label counts as abuse. Tried and dropped: leaving out HatEval negatives with profanity
  // or insults (HatEval labels only hate against immigrants and women, so some of its negatives
  // are abusive here): validation AUC fell from 0.790 to 0.717 on hate and rose 0.004 on offensive.
  const tweets = [...splits['hate/train'], ...splits['offensive/train']];
  const civil = readLines(join(OWN, 'civil-news.txt')).map((text) => ({ text, y: 0 }));
  const abusive = readLines(join(OWN, 'abusive-news.txt')).flatMap((text) => [text, ...disguisedCopies(text, f.lexiconCategory, random)].map((t) => ({ text: t, y: 1 })));
  const own = [...civil, ...abusive].map((ex) => ({ ...ex, weight: HYPER.ownWeight }));
  const extra = args.extra.flatMap(readLabelled);
  const heldout = readLabelled(args.heldout);
  console.log(`tweets ${tweets.length} (abusive ${tweets.filter((e) => e.y).length}); own ${civil.length} civil + ${abusive.length} abusive (with disguises); extra ${extra.length}; held-out news ${heldout.length}`);

  const parley = fitModel(f, [...tweets, ...own, ...extra]);
  const baseline = fitBaseline(tweets);
  const sets = {
    'hate/val': splits['hate/val'],
    'offensive/val': splits['offensive/val'],
    'hate/test': splits['hate/test'],
    'offensive/test': splits['offensive/test'],
    'both/test': [...splits['hate/test'], ...splits['offensive/test']],
    'news held-out': heldout,
  };
  const evaluation = {};
  for (const scorer of [baseline, parley]) {
    console.log(`\n${scorer.name} (hold ≥ ${THRESHOLDS.hold}, flag ≥ ${THRESHOLDS.flag})`);
    evaluation[scorer.name] = {};
    for (const [name, examples] of Object.entries(sets)) {
      evaluation[scorer.name][name] = evaluate(scorer, examples);
      printRow(name, evaluation[scorer.name][name]);
    }
  }
  const civilMax = Math.max(...civil.map((ex) => parley.score(ex.text)));
  console.log(`\nhighest score of our own civil training comments: ${civilMax.toFixed(3)}`);

  // Parallel arrays (bucket, value), sorted by bucket: smaller than objects and cheap for tsc to type.
  const weights = { buckets: [], values: [] };
  for (let k = 0; k < parley.model.w.length; k++) if (parley.model.w[k] !== 0) (weights.buckets.push(k), weights.values.push(parley.model.w[k]));
  const df = { buckets: [], counts: [] };
  for (const [b, n] of [...parley.idf.df].sort((x, y) => x[0] - y[0])) (df.buckets.push(b), df.counts.push(n));
  const digest = createHash('sha256').update(JSON.stringify({ bias: parley.model.bias, weights, df })).digest('hex').slice(0, 12);
  const model = {
    format: 'parley-abuse-model/1',
    name: 'parley-local-abuse',
    version: args.version ?? `${new Date().toISOString().slice(0, 10)}.${digest.slice(0, 6)}`,
    weightsFingerprint: digest,
    trainedAt: new Date().toISOString(),
    data: {
      tweeteval: { train: tweets.length, abusive: tweets.filter((e) => e.y).length, tasks: ['hate', 'offensive'] },
      own: { civil: civil.length, abusive: abusive.length, weight: HYPER.ownWeight },
      extra: { files: args.extra.map((p) => p.replace(ROOT + '/', '')), examples: extra.length },
    },
    features: {
      version: f.ABUSE_FEATURES_VERSION,
      buckets: f.ABUSE_BUCKETS,
      charNgrams: [f.ABUSE_CHAR_NGRAMS.min, f.ABUSE_CHAR_NGRAMS.max],
      fingerprint: f.abuseFeatureFingerprint(),
    },
    thresholds: THRESHOLDS,
    training: { method: 'logistic regression, L2, SGD', ...HYPER, weights: parley.model.kept },
    evaluation,
    idf: { documents: parley.idf.documents, minDf: HYPER.minDf, df },
    bias: parley.model.bias,
    weights,
  };
  const json = JSON.stringify(model);
  if (args.write) {
    writeFileSync(args.out, json + '\n');
    console.log(`wrote ${args.out} (${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB, ${parley.model.kept} weights) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else console.log(`not written (--no-write); ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  // Not the stack: frames in the transpiled featurization carry the whole module as a data: URL.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
