/**
 * Featurization for the local abuse model, shared by the runtime scorer (abuse-model.ts) and the
 * trainer (scripts/train-abuse-model.mjs transpiles this file in memory). Keep it free of imports.
 *
 * Abuse is written to get past filters, so the text is first undisguised (`undisguise`):
 *   - NFKC, invisible characters and Latin accents dropped, lower case, contraction endings and
 *     apostrophes dropped, "@user" and links reduced to one token each;
 *   - letters spaced or dotted apart ("f u c k", "i.d.i.o.t") joined back into words, cut where the
 *     separator changes ("f u c k   o f f", "f u c k i n g i.d.i.o.t");
 *   - leetspeak in words that have letters ("1d10t", "sh!t", "@ss"), never in numbers ("2026");
 *   - masks ("f*ck", "b**ch") filled in from the lexicon when exactly one lexicon word fits;
 *   - letters written three or more times squeezed to one ("fuuuuck", "sooo").
 * Then three groups of features, hashed (FNV-1a) into 2^18 buckets:
 *   - words: unigrams and bigrams of the undisguised words;
 *   - chars: 2- to 5-grams inside each undisguised word with boundary marks, which carry
 *     misspellings and partial disguises the rules miss, in any script;
 *   - lexicon: hits of LEXICON (below) by category, and the same categories aimed at someone
 *     ("you", "your", "u" within three words before the hit), since "you idiots" is abuse where
 *     "an idiotic plan" is not.
 * Words and chars take log(1 + count) × idf, each group scaled to length 1/√2 (so length does not
 * matter); lexicon features count log(1 + hits) unscaled, so one slur in a long comment still
 * weighs as much as in a short one.
 *
 * Any change here changes the features: bump ABUSE_FEATURES_VERSION and retrain; the model file
 * records a fingerprint of probe features and abuse-model.ts refuses a model that disagrees.
 */
export const ABUSE_FEATURES_VERSION = 'parley-abuse-features/1';
export const ABUSE_HASH_BITS = 18;
export const ABUSE_BUCKETS = 1 << ABUSE_HASH_BITS;
export const ABUSE_CHAR_NGRAMS = { min: 2, max: 5 } as const;

/**
 * Stems by category. A word hits a stem when it is the stem, the stem with an inflection
 * (-s, -es, -ed, -ing, -in, -er, -ers, -y; only -s for stems of three letters, so "rating" is not
 * "rat"), or a compound with a partner ("dumbass", "shithead"). Threats count only as the bare
 * verb: "killed" and "shooting" are what war reporting says. Features, not verdicts: the model
 * learns their weights. Never parts of words: "therapist" is not "rapist".
 */
export const LEXICON: Readonly<Record<string, readonly string[]>> = {
  profanity: ['fuck', 'shit', 'ass', 'crap', 'bitch', 'bastard', 'asshole', 'arsehole', 'dick', 'cunt', 'piss', 'wank', 'twat', 'bollocks', 'prick', 'cock', 'pussy', 'damn', 'motherfuck', 'bullshit', 'douche', 'jerk'],
  insult: ['idiot', 'moron', 'stupid', 'dumb', 'imbecile', 'cretin', 'loser', 'scum', 'trash', 'pathetic', 'clown', 'fool', 'dumbass', 'jackass', 'dimwit', 'halfwit', 'nitwit', 'brainless', 'braindead', 'ignorant', 'worthless', 'disgusting', 'shill', 'troll', 'liar', 'hypocrite', 'coward', 'traitor', 'ugly', 'fat'],
  sexual: ['slut', 'whore', 'hoe', 'skank', 'rape', 'rapist'],
  dehumanizing: ['vermin', 'subhuman', 'parasite', 'cockroach', 'savage', 'filth', 'animal', 'rat', 'pig', 'infest', 'invader', 'breed', 'mongrel', 'ape', 'monkey'],
  slur: ['nigger', 'nigga', 'faggot', 'fag', 'kike', 'spic', 'chink', 'tranny', 'retard', 'wetback', 'raghead', 'towelhead', 'paki', 'coon', 'dyke', 'gook', 'beaner', 'kafir', 'khokhol', 'rashist', 'orc'],
  threat: ['kill', 'hang', 'shoot', 'exterminate', 'behead', 'lynch', 'kys', 'murder', 'slaughter'],
};

const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/gu;
const LATIN_MARKS = /[\u0300-\u036F]/g;
const CONTRACTION = /['’](?:re|ve|ll|d|s|m)(?![\p{L}\p{N}])/gu;
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
const USER = /@user\b/gu;
const TOKEN = /[\p{L}\p{M}\p{N}@$!|*+]+/gu;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't' };
/** One character, perhaps with sentence punctuation after it: the "k!!!" of "b a c k!!!". */
const ONE_CHAR = /^[\p{L}\p{N}@$*+][!|]*$/u;
const YOU = new Set(['you', 'your', 'youre', 'u', 'ur', 'ya', 'yall', 'yourself', 'yourselves']);
const INFLECTIONS = ['', 's', 'es', 'ed', 'ing', 'in', 'er', 'ers', 'y'];
const BEFORE = ['dumb', 'jack', 'fat', 'lard', 'smart', 'half', 'dip', 'mother', 'bull', 'horse', 'chicken', 'douche'];
const AFTER = ['head', 'hole', 'face', 'bag', 'wit', 'wad', 'stain', 'brain', 'sucker', 'licker', 'tard', 'wipe', 'stick', 'hat', 'clown'];
const NUMBER = /^[$+]?\p{N}+(?:[.,]\p{N}+)*$/u;
/** A number with a unit or ordinal ("10km", "2nd", "5g") is not leetspeak. */
const MEASURE = /^\p{N}+\p{L}{1,3}$/u;

/** Stem → category, and stems by length for filling masks. */
const STEMS = new Map<string, string>();
for (const [category, stems] of Object.entries(LEXICON)) for (const stem of stems) STEMS.set(stem, category);

/** Fills a mask from the lexicon when exactly one stem (or stem + s) fits; otherwise drops the stars. */
function unmask(word: string): string {
  const shown = word.replace(/\*/g, '').length;
  if (shown === 0 || shown < word.length - shown) return word.replace(/\*/g, '');
  const fits: string[] = [];
  for (const stem of STEMS.keys()) {
    for (const form of [stem, stem + 's', stem + 'ing']) {
      if (form.length === word.length && [...word].every((c, i) => c === '*' || c === form[i])) fits.push(form);
    }
  }
  return fits.length === 1 ? fits[0] : word.replace(/\*/g, '');
}

function undisguiseWord(raw: string): string {
  // Sentence punctuation at the end ("idiot!!!"); stars on both edges are emphasis ("*idiot*").
  let w = raw.replace(/[!|]+$/u, '');
  if (/^\*+[^*]+\*+$/u.test(w)) w = w.replace(/^\*+|\*+$/g, '');
  if (w === '' || NUMBER.test(w) || MEASURE.test(w)) return w;
  if (/[0-9@$!|+]/.test(w)) w = [...w].map((c) => LEET[c] ?? c).join('');
  if (w.includes('*')) w = unmask(w);
  return w.replace(/(\p{L})\1{2,}/gu, '$1');
}

/** The undisguised words of a text (see the top of this file). */
export function undisguise(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(LINK, ' xlink ')
    .replace(USER, ' xuser ')
    .replace(CONTRACTION, '')
    .replace(/['’`]/g, '');
  const raw: string[] = [];
  const gaps: string[] = [];
  let end = -1;
  for (const m of folded.matchAll(TOKEN)) {
    if (end >= 0) gaps.push(folded.slice(end, m.index));
    raw.push(m[0]);
    end = m.index + m[0].length;
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; ) {
    // Three or more one-character tokens in a row: letters spaced apart, read as words, cut at
    // the gaps wordGaps finds.
    let j = i;
    while (j < raw.length && ONE_CHAR.test(raw[j])) j++;
    if (j - i >= 3) {
      const cuts = wordGaps(gaps.slice(i, j - 1));
      let from = i;
      for (let k = i; k < j; k++) {
        if (k < j - 1 && !cuts.has(k - i)) continue;
        out.push(undisguiseWord(raw.slice(from, k + 1).join('')));
        from = k + 1;
      }
      i = j;
      continue;
    }
    const w = undisguiseWord(raw[i++]);
    if (w.replace(/[!|*+]/g, '') !== '') out.push(w);
  }
  return out;
}

/**
 * Which gaps of a spelled-out run separate words: a lone different gap between two runs of one
 * separator ("g a s   t h e"), or, where two runs of different separators meet, the last gap of
 * the first ("f u c k i n g i.d.i.o.t": the space before the "i" of "i.d.i.o.t").
 */
function wordGaps(gaps: string[]): Set<number> {
  const runs: { sep: string; start: number; length: number }[] = [];
  gaps.forEach((sep, k) => (runs.at(-1)?.sep === sep ? runs[runs.length - 1].length++ : runs.push({ sep, start: k, length: 1 })));
  const cuts = new Set<number>();
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    // A lone gap between two other lone gaps is the inside of a two-letter word ("g o   b a c k").
    if (run.length === 1 && r > 0 && r < runs.length - 1 && (runs[r - 1].length > 1 || runs[r + 1].length > 1)) cuts.add(run.start);
    else if (run.length > 1 && runs[r + 1]?.length > 1) cuts.add(run.start + run.length - 1);
  }
  return cuts;
}

function stemCategory(word: string): string | null {
  for (const suffix of INFLECTIONS) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, word.length - suffix.length);
    // "shitting", "raping": a doubled consonant or a dropped e before the ending.
    const stem = STEMS.has(base) ? base : suffix && STEMS.has(base.replace(/(\p{L})\1$/u, '$1')) ? base.slice(0, -1) : suffix && STEMS.has(base + 'e') ? base + 'e' : null;
    if (stem === null) continue;
    const category = STEMS.get(stem) as string;
    if (suffix !== '' && (category === 'threat' || (stem.length <= 3 && suffix !== 's'))) continue;
    return category;
  }
  return null;
}

/** The lexicon category of a word, if any: a stem, inflected, or compounded with a partner. */
export function lexiconCategory(word: string): string | null {
  const direct = stemCategory(word);
  if (direct) return direct;
  const bare = word.endsWith('s') ? word.slice(0, -1) : word;
  for (const p of BEFORE) if (word.startsWith(p) && word.length - p.length >= 3) return stemCategory(word.slice(p.length));
  for (const a of AFTER) if (bare.endsWith(a) && bare.length - a.length >= 3) return stemCategory(bare.slice(0, -a.length));
  return null;
}

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function abuseBucket(key: string): number {
  return fnv1a(key) & (ABUSE_BUCKETS - 1);
}

/** Feature keys by group, one key per occurrence (of a text, or of its undisguised words). */
export function abuseFeatureKeys(text: string | string[], withChars = true): { words: string[]; chars: string[]; lexicon: string[] } {
  const ws = typeof text === 'string' ? undisguise(text) : text;
  const words: string[] = [];
  const chars: string[] = [];
  const lexicon: string[] = [];
  let lastYou = -10;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    words.push('w:' + w);
    if (i > 0) words.push('b:' + ws[i - 1] + ' ' + w);
    if (YOU.has(w)) lastYou = i;
    const padded = '<' + w + '>';
    for (let n = ABUSE_CHAR_NGRAMS.min; withChars && n <= ABUSE_CHAR_NGRAMS.max; n++) {
      for (let j = 0; j + n <= padded.length; j++) chars.push('c:' + padded.slice(j, j + n));
    }
    const category = lexiconCategory(w);
    if (category) {
      lexicon.push('l:' + category, 'l:any');
      if (i - lastYou <= 3) lexicon.push('l:you+' + category, 'l:you+any');
    }
  }
  return { words, chars, lexicon };
}

export interface AbuseIdf {
  readonly documents: number;
  readonly df: ReadonlyMap<number, number>;
}

/** FNV-1a state after "c:", the prefix of every char n-gram key. */
const CHAR_KEY_STATE = (() => {
  let h = 0x811c9dc5;
  for (const c of 'c:') h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h;
})();

/**
 * The buckets of abuseFeatureKeys, computed without building the char n-gram strings: the hash
 * of "c:" + gram is extended one character at a time, which gives the same buckets (the spec
 * checks) at a fraction of the cost on long comments.
 */
export function abuseFeatureBuckets(text: string): { words: number[]; chars: number[]; lexicon: number[] } {
  const ws = undisguise(text);
  const { words, lexicon } = abuseFeatureKeys(ws, false);
  const chars: number[] = [];
  for (const w of ws) {
    const padded = '<' + w + '>';
    for (let j = 0; j < padded.length; j++) {
      let h = CHAR_KEY_STATE;
      for (let n = 1; n <= ABUSE_CHAR_NGRAMS.max && j + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(j + n - 1), 0x01000193);
        if (n >= ABUSE_CHAR_NGRAMS.min) chars.push((h >>> 0) & (ABUSE_BUCKETS - 1));
      }
    }
  }
  return { words: words.map(abuseBucket), chars, lexicon: lexicon.map(abuseBucket) };
}

function counts(buckets: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const b of buckets) out.set(b, (out.get(b) ?? 0) + 1);
  return out;
}

/** The distinct word and char buckets of a text (for document frequencies). */
export function abuseBucketsOf(text: string): Set<number> {
  const { words, chars } = abuseFeatureBuckets(text);
  return new Set([...words, ...chars]);
}

const idfOf = (idf: AbuseIdf, b: number) => Math.log((idf.documents + 1) / ((idf.df.get(b) ?? 0) + 1)) + 1;

/** Sparse feature vector: bucket → value (see the top of this file). */
export function abuseFeaturize(text: string, idf: AbuseIdf): Map<number, number> {
  const { words, chars, lexicon } = abuseFeatureBuckets(text);
  const vector = new Map<number, number>();
  for (const group of [counts(words), counts(chars)]) {
    if (group.size === 0) continue;
    let norm = 0;
    const values: [number, number][] = [];
    for (const [b, n] of group) {
      const v = Math.log1p(n) * idfOf(idf, b);
      values.push([b, v]);
      norm += v * v;
    }
    const scale = Math.SQRT1_2 / Math.sqrt(norm);
    for (const [b, v] of values) vector.set(b, (vector.get(b) ?? 0) + v * scale);
  }
  for (const [b, n] of counts(lexicon)) vector.set(b, (vector.get(b) ?? 0) + Math.log1p(n));
  return vector;
}

const PROBES = ['You f*cking 1d10ts, g o   b a c k!!! @user https://x.example/y', 'Это ещё не подтверждено; هذا لم يتأكد بعد 😀 in 2026'];

/** A short, stable digest of the probes' features under a fixed idf table. */
export function abuseFeatureFingerprint(): string {
  const idf: AbuseIdf = { documents: 100, df: new Map([[abuseBucket('w:you'), 9]]) };
  const parts: string[] = [ABUSE_FEATURES_VERSION, String(ABUSE_BUCKETS), JSON.stringify(LEXICON)];
  for (const probe of PROBES) {
    const entries = [...abuseFeaturize(probe, idf)].sort((a, b) => a[0] - b[0]);
    parts.push(entries.map(([b, v]) => `${b}:${v.toFixed(6)}`).join(','));
  }
  return fnv1a(parts.join('|')).toString(16).padStart(8, '0');
}
