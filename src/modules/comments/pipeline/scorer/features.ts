/**
 * Featurization for the local spam model. It is the one implementation used both by the runtime
 * scorer (spam-model.ts) and by the trainer (scripts/train-spam-model.mjs, which transpiles this
 * file in memory with the project's TypeScript), so training needs no build step and the two can
 * never drift apart. Keep this file free of imports: the trainer loads it on its own.
 *
 * Two groups of features, hashed (32-bit FNV-1a) into 2^18 shared buckets:
 *   - word group: lowercased word unigrams and bigrams (NFKC-normalized, digit runs collapsed to
 *     one token), one marker for "has a link", one for runs of "!!";
 *   - char group: character 3- to 5-grams inside each word, with word-boundary marks, which catch
 *     spelling variants ("subscribe", "subscribers", "sub2sub") and work in any script.
 * Value of a bucket: log(1 + count) × idf, where idf = ln((N + 1) / (df + 1)) + 1 from the
 * training comments (the model file ships the table). Each group is scaled to length 1/√2, so the
 * whole vector has length 1 and neither group drowns the other: a comment has about ten times more
 * char n-grams than words.
 *
 * Why these choices (figures: 10-fold cross-validation on the YouTube Spam Collection):
 *   - unit length, log counts: genuine YouTube comments are short and news comments long, so
 *     length itself must not read as spam;
 *   - the link is one marker and its text is dropped: the URL's words (youtube, watch, bit.ly)
 *     would be learned as spam words. Without the marker, accuracy falls from about 0.956 to 0.92
 *     and the model makes up for it by leaning every English word toward spam; with it, three
 *     sourced news comments we tried score 0.44–0.52 rather than near 1 (links also have their own
 *     posting check);
 *   - idf and the two groups: no change in accuracy, but they damp the n-grams common to all English
 *     prose ("the", "<th", "ing>"), which lean spam in the training data only because spam is
 *     wordier than "love this song", so ordinary news comments score lower;
 *   - 2^18 buckets: the data has about 38,000 distinct hashed n-grams, so collisions between them
 *     are rare, and an unseen n-gram from a news comment lands on a trained weight about 1 time in 16.
 *
 * Any change here changes the features: bump FEATURES_VERSION and retrain. The model file records
 * the version and a fingerprint of probe features; spam-model.ts refuses a model that disagrees.
 */
export const FEATURES_VERSION = 'parley-spam-features/2';
export const HASH_BITS = 18;
export const BUCKETS = 1 << HASH_BITS;
export const CHAR_NGRAMS = { min: 3, max: 5 } as const;

/** Document frequencies from the training comments; buckets missing from `df` count as df = 0. */
export interface IdfTable {
  readonly documents: number;
  readonly df: ReadonlyMap<number, number>;
}

/** 32-bit FNV-1a over UTF-16 code units. Deterministic across platforms. */
function fnv1a(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The bucket of a feature key. */
export function hashBucket(key: string): number {
  return fnv1a(key) & (BUCKETS - 1);
}

const LINKS = /\b(?:https?:\/\/|www\.)\S+/giu;
const HAS_LINK = /\b(?:https?:\/\/|www\.)\S/iu;

/** Lowercased word tokens; links removed, apostrophes inside words dropped ("i'm" → "im"). */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(LINKS, ' ')
    .replace(/['’]/gu, '')
    .replace(/\p{Nd}+/gu, ' 0 ')
    .split(/[^\p{L}\p{M}\p{Nd}]+/u)
    .filter((w) => w.length > 0);
}

/** The feature keys of a text by group, one key per occurrence. */
export function featureKeys(text: string): { words: string[]; chars: string[] } {
  const words: string[] = [];
  const chars: string[] = [];
  const ws = tokenize(text);
  for (let i = 0; i < ws.length; i++) {
    words.push('w:' + ws[i]);
    if (i > 0) words.push('b:' + ws[i - 1] + ' ' + ws[i]);
    const padded = '<' + ws[i] + '>';
    for (let n = CHAR_NGRAMS.min; n <= CHAR_NGRAMS.max; n++) {
      for (let j = 0; j + n <= padded.length; j++) chars.push('c:' + padded.slice(j, j + n));
    }
  }
  if (HAS_LINK.test(text.normalize('NFKC'))) words.push('x:link');
  if (/!{2,}/u.test(text)) words.push('x:bangs');
  return { words, chars };
}

function countBuckets(keys: string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const key of keys) {
    const b = hashBucket(key);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return counts;
}

/** The distinct buckets a text touches (for document frequencies). */
export function bucketsOf(text: string): Set<number> {
  const { words, chars } = featureKeys(text);
  const set = new Set<number>();
  for (const key of words) set.add(hashBucket(key));
  for (const key of chars) set.add(hashBucket(key));
  return set;
}

/**
 * Document frequencies over training texts. Buckets seen in fewer than minDf texts are left out
 * (they then count as unseen, in training and at run time alike), which keeps the shipped table small.
 */
export function buildIdf(texts: Iterable<string>, minDf = 2): IdfTable {
  const all = new Map<number, number>();
  let documents = 0;
  for (const text of texts) {
    documents++;
    for (const b of bucketsOf(text)) all.set(b, (all.get(b) ?? 0) + 1);
  }
  const df = new Map<number, number>();
  for (const [b, n] of all) if (n >= minDf) df.set(b, n);
  return { documents, df };
}

/** Smoothed inverse document frequency of a bucket. */
export function idfOf(table: IdfTable, bucket: number): number {
  return Math.log((table.documents + 1) / ((table.df.get(bucket) ?? 0) + 1)) + 1;
}

/** Sparse feature vector: bucket → value (see the top of this file). Empty for a text with no words. */
export function featurize(text: string, idf: IdfTable): Map<number, number> {
  const { words, chars } = featureKeys(text);
  const vector = new Map<number, number>();
  for (const counts of [countBuckets(words), countBuckets(chars)]) {
    if (counts.size === 0) continue;
    const values: [number, number][] = [];
    let norm = 0;
    for (const [b, count] of counts) {
      const v = Math.log1p(count) * idfOf(idf, b);
      values.push([b, v]);
      norm += v * v;
    }
    const scale = Math.SQRT1_2 / Math.sqrt(norm);
    for (const [b, v] of values) vector.set(b, (vector.get(b) ?? 0) + v * scale);
  }
  return vector;
}

/** Fixed texts whose features the model file fingerprints, to catch featurization drift. */
const PROBES = [
  'Check out my channel!!! Subscribe: http://example.com/x 123',
  'Has this been independently verified? Это ещё не подтверждено. هذا لم يتأكد بعد 😀',
];

/** A short, stable digest of the probes' features under a fixed idf table. */
export function featureFingerprint(): string {
  const idf: IdfTable = { documents: 100, df: new Map([[hashBucket('w:check'), 9]]) };
  const parts: string[] = [FEATURES_VERSION, String(BUCKETS)];
  for (const probe of PROBES) {
    const entries = [...featurize(probe, idf)].sort((a, b) => a[0] - b[0]);
    parts.push(entries.map(([b, v]) => `${b}:${v.toFixed(6)}`).join(','));
  }
  return fnv1a(parts.join('|')).toString(16).padStart(8, '0');
}
