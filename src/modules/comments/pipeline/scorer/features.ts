/**
 * Featurization shared by the spam model's trainer (scripts/train-spam-model.mjs, which loads the
 * compiled copy from dist/) and the runtime scorer, so both see exactly the same features: lowercased word unigrams and bigrams plus
 * character 3- to 5-grams inside words, hashed (FNV-1a) into 2^18 buckets, counts log-scaled.
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

/** URLs and digits are strong spam signals; collapse them to tokens so they generalize. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' _url_ ')
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
  add('bias:len' + Math.min(10, Math.floor(text.length / 40)));
  if (/!{2,}/.test(text)) add('x:bangs');
  for (const [k, v] of counts) counts.set(k, Math.log1p(v));
  return counts;
}
