/**
 * Featurization shared by the spam model's trainer (scripts/train-spam-model.mjs, which loads the
 * compiled copy from dist/) and the runtime scorer, so both see exactly the same features: lowercased word unigrams and bigrams plus
 * character 3- to 5-grams inside words, hashed (FNV-1a) into 2^18 buckets, log counts scaled to unit length.
 */
export const BUCKETS = 1 << 18;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

/**
 * Digits collapse to one token so they generalize. Links are dropped: in the training data nearly
 * every link is spam, but on a news site readers cite sources, and links already have their own
 * check (held for new commenters), so the model judges the words alone.
 */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/\d+/g, ' _num_ ')
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((w) => w.length > 0);
}

/** Sparse feature vector as a Map of bucket → value. */
export function featurize(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (key: string) => {
    const b = fnv1a(key);
    counts.set(b, (counts.get(b) || 0) + 1);
  };
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    add('w:' + ws[i]);
    if (i > 0) add('b:' + ws[i - 1] + ' ' + ws[i]);
    const padded = '<' + ws[i] + '>';
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) add('c:' + padded.slice(j, j + n));
  }
  if (/!{2,}/.test(text)) add('x:bangs');
  // Log counts, then unit length: long comments are common on news sites and rare among the
  // training data's genuine comments, so length itself must not read as spam.
  let norm = 0;
  for (const [k, v] of counts) {
    const x = Math.log1p(v);
    counts.set(k, x);
    norm += x * x;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
  for (const [k, v] of counts) counts.set(k, v * scale);
  return counts;
}
