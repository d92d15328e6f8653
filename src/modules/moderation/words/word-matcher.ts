/**
 * Banned and suspect word matching for the posting pipeline.
 *
 * A comment is folded, cut into words, and each word gets a few candidate spellings (its possible
 * disguises undone). List entries are folded the same way and kept in a Map keyed by their first
 * word, so a check is one pass over the comment with Map look-ups, whatever the size of the list.
 * Entries match whole words or whole word sequences, never parts of words: banning "ass" does
 * not hit "class", "assess" or "Massachusetts", and phrases match as word sequences.
 *
 * Folding, in this order (the same for entries and comments):
 *  1. drop invisible characters (zero-width, soft hyphen, bidi controls, variation selectors,
 *     Arabic tatweel), used to split a word without a visible gap;
 *  2. NFKC: fullwidth, math-styled, circled and superscript letters become plain ones;
 *  3. strip diacritics: Latin, Greek and Cyrillic combining marks, Arabic harakat, Hebrew points.
 *     Other marks stay, because in Indic scripts they are vowels and removing them changes words;
 *  4. drop apostrophes, so "don't" is one word rather than "don" and a stray single letter "t";
 *  5. cut into words: runs of letters, digits and the leet symbols @ $ ! | +;
 *  6. per word: "!", "|", "+" at a word's edge are read both as punctuation and as letters;
 *     leetspeak is decoded, except in numbers ("2026", "$5"); a "1", "!" or "|" may be i or l,
 *     so each reading is a candidate;
 *  7. look-alike letters, only in words that mix Latin with Cyrillic or Greek (see below);
 *  8. lower case, then letters Unicode does not decompose (ß, ł, ø, dotless i, small capitals,
 *     Greek final sigma, Arabic ى/ی → ي, ک → ك, ة → ه) and, for Arabic words, a leading article
 *     "ال" (with و ف ب ك ل before it) as an extra candidate, since Arabic writes it attached.
 *
 * Look-alike letters: a word written wholly in Cyrillic (or Greek) is left as it is, so an entry
 * "орк" matches "орк" in a comment, and a Latin entry "cop" never matches the Russian word "сор".
 * A word that mixes scripts is a real word in neither, which is the disguise: it is read both as
 * Latin (Cyrillic "і" and "о" in "іdiоt") and as the other script (a Latin "o" in a Cyrillic word).
 *
 * Spaced-out letters ("b a d", "b.a.d", "b-a-d"): a run of two or more one-letter words is also
 * read as one word, whole and without one letter at either edge ("what a b a d day").
 *
 * Stretched letters are handled when comparing, not folding: a letter written three or more times
 * matches a shorter run in the entry ("baaad" is "bad", "asss" is "ass"), but a doubled letter
 * must be doubled in the entry too, since "as" is not "ass" and "good" is not "god".
 */

export interface WordEntry {
  id: string;
  phrase: string;
  kind: 'BANNED' | 'SUSPECT';
}

const INVISIBLE =
  /[\u00AD\u061C\u0640\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
const DIACRITICS =
  /[\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
const APOSTROPHES = /['‘’ʼ`]/g;
const WORD = /[\p{L}\p{M}\p{N}@$!|+]+/gu;

const LEET: Record<string, string> = { '4': 'a', '@': 'a', '8': 'b', '3': 'e', '6': 'g', '9': 'g', '0': 'o', '5': 's', $: 's', '7': 't', '+': 't' };
const I_OR_L = new Set(['1', '!', '|']);
const HAS_LEET = /[0-9@$!|+]/;
const HAS_EDGE_SYMBOL = /[!|+]/;
const EDGE_SYMBOLS = /^[!|+]+|[!|+]+$/g;
const EDGE_SYMBOL_CHARS = /[!|+]/g;
const ONLY_SYMBOLS = /^[!|+]+$/;
/** Numbers are numbers, not leetspeak: "2026", "155", "$5", "+380". */
const NUMBER = /^[$+]?\p{N}+$/u;
/** With more "1"s than this in one word, only the all-i and all-l readings are tried. */
const MAX_AMBIGUOUS = 3;

/** Cyrillic and Greek letters that pass for Latin ones, by case (upper "В" looks like B, lower "в" does not). */
const TO_LATIN: Record<string, string> = {
  А: 'a', а: 'a', В: 'b', Ь: 'b', ь: 'b', С: 'c', с: 'c', ԁ: 'd', Е: 'e', е: 'e', Н: 'h', Һ: 'h', һ: 'h', І: 'i', і: 'i',
  Ӏ: 'l', ӏ: 'l', Ј: 'j', ј: 'j', К: 'k', к: 'k', М: 'm', О: 'o', о: 'o', Р: 'p', р: 'p', Ԛ: 'q', ԛ: 'q', Ѕ: 's', ѕ: 's',
  Т: 't', У: 'y', у: 'y', Ү: 'y', ү: 'y', Ԝ: 'w', ԝ: 'w', Х: 'x', х: 'x',
  Α: 'a', α: 'a', Β: 'b', β: 'b', Ϲ: 'c', ϲ: 'c', Ε: 'e', ε: 'e', Ζ: 'z', Η: 'h', η: 'n', Ι: 'i', ι: 'i', Κ: 'k', κ: 'k',
  Μ: 'm', Ν: 'n', ν: 'v', Ο: 'o', ο: 'o', Ρ: 'p', ρ: 'p', Τ: 't', τ: 't', Υ: 'y', υ: 'u', Χ: 'x', χ: 'x', ω: 'w',
};
/** Latin letters that pass for Cyrillic or Greek ones, keyed by lower case. */
const TO_CYRILLIC: Record<string, string> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', j: 'ј', k: 'к', m: 'м', o: 'о', p: 'р', s: 'ѕ', t: 'т', x: 'х', y: 'у' };
const TO_GREEK: Record<string, string> = { a: 'α', b: 'β', e: 'ε', i: 'ι', k: 'κ', o: 'ο', p: 'ρ', t: 'τ', u: 'υ', v: 'ν', x: 'χ', z: 'ζ' };
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;
const ASCII_ONLY = /^[\x00-\x7F]*$/;

/** Letters that lower-casing and NFKC leave apart from their plain form. */
const EXTRA: Record<string, string> = {
  ß: 'ss', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', æ: 'ae', œ: 'oe', ɑ: 'a', ɡ: 'g', ς: 'σ',
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p',
  ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  ى: 'ي', ی: 'ي', ک: 'ك', ة: 'ه', ٱ: 'ا',
};
const EXTRA_CHARS = new RegExp(`[${Object.keys(EXTRA).join('')}]`, 'gu');
const ARABIC_ARTICLE = /^(?:وال|فال|بال|كال|لل|ال)(?=\p{Script=Arabic}{2})/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/** Steps 1–5: the words of a text, each still in its written (disguised) form. */
function words(text: string): string[] {
  const folded = text.replace(INVISIBLE, '').normalize('NFKC').normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
  // A "word" of only ! | + is punctuation ("!!!", "a | b"), not letters.
  return (folded.replace(APOSTROPHES, '').match(WORD) ?? []).filter((w) => !ONLY_SYMBOLS.test(w));
}

/** Steps 6–8: candidate spellings of one written word, the likeliest first (entries use that one). */
function spellings(written: string): string[] {
  const out = new Set<string>();
  for (const body of symbolReadings(written)) {
    for (const decoded of leetReadings(body)) {
      for (const letters of scriptReadings(decoded)) addFinished(out, letters);
    }
  }
  return [...out];
}

/** "idiot!" ends a sentence, "1d10+" ends in a t, and "b!a!d" uses "!" as a separator. */
function symbolReadings(word: string): string[] {
  if (!HAS_EDGE_SYMBOL.test(word)) return [word];
  const readings = [word.replace(EDGE_SYMBOLS, ''), word, word.replace(EDGE_SYMBOL_CHARS, '')];
  return [...new Set(readings)].filter((r) => r.length > 0);
}

function leetReadings(word: string): string[] {
  if (NUMBER.test(word) || !HAS_LEET.test(word)) return [word];
  const chars = [...word];
  const ambiguous = chars.filter((c) => I_OR_L.has(c)).length;
  const every = ambiguous <= MAX_AMBIGUOUS;
  const readings: string[] = [];
  // Reading p picks i or l for the k-th ambiguous character from bit k of p (or p itself when
  // there are too many to try every mix).
  for (let p = 0; p < (every ? 1 << ambiguous : 2); p++) {
    let k = 0;
    const pick = () => ((every ? (p >> k++) & 1 : p) ? 'l' : 'i');
    readings.push(chars.map((c) => (I_OR_L.has(c) ? pick() : (LEET[c] ?? c))).join(''));
  }
  return readings;
}

function scriptReadings(word: string): string[] {
  const scripts = countScripts(word);
  if (!isMixed(scripts)) return [word];
  const asLatin = mapChars(word, (c) => TO_LATIN[c]);
  const toOther = scripts.cyrillic >= scripts.greek ? TO_CYRILLIC : TO_GREEK;
  const asOther = mapChars(word, (c) => (c < '\x80' ? toOther[c.toLowerCase()] : undefined));
  // The likelier reading comes first: the one that leaves a single script, else the majority's.
  const latinDone = !isMixed(countScripts(asLatin));
  const otherDone = !isMixed(countScripts(asOther));
  const latinFirst = latinDone !== otherDone ? latinDone : scripts.latin >= scripts.cyrillic + scripts.greek;
  return latinFirst ? [asLatin, asOther] : [asOther, asLatin];
}

type ScriptCounts = Record<'latin' | 'cyrillic' | 'greek', number>;

function countScripts(word: string): ScriptCounts {
  const counts = { latin: 0, cyrillic: 0, greek: 0 };
  if (ASCII_ONLY.test(word)) return counts;
  for (const ch of word) {
    if (LATIN.test(ch)) counts.latin++;
    else if (CYRILLIC.test(ch)) counts.cyrillic++;
    else if (GREEK.test(ch)) counts.greek++;
  }
  return counts;
}

const isMixed = (s: ScriptCounts) => s.latin > 0 && s.cyrillic + s.greek > 0;

function mapChars(word: string, map: (c: string) => string | undefined): string {
  return [...word].map((c) => map(c) ?? c).join('');
}

function addFinished(out: Set<string>, word: string): void {
  const finished = word.toLowerCase().replace(EXTRA_CHARS, (c) => EXTRA[c]);
  if (!LETTER_OR_DIGIT.test(finished)) return;
  out.add(finished);
  const bare = finished.replace(ARABIC_ARTICLE, '');
  if (bare !== finished) out.add(bare);
}

/** A folded word as its letters with repeats squeezed out, and how often each letter was written. */
interface Form {
  key: string;
  runs: number[];
}

function toForm(word: string): Form {
  let key = '';
  const runs: number[] = [];
  let last = '';
  for (const ch of word) {
    if (ch === last && LETTER.test(ch)) {
      runs[runs.length - 1]++;
      continue;
    }
    key += ch;
    runs.push(1);
    last = ch;
  }
  return { key, runs };
}

/** Same letters; each run as in the entry, or stretched to three or more ("baaad" for "bad", not "good" for "god"). */
function fits(entry: Form, text: Form): boolean {
  return entry.key === text.key && entry.runs.every((n, i) => text.runs[i] === n || (text.runs[i] >= 3 && text.runs[i] > n));
}

/** One letter, perhaps with sentence punctuation: the "t!" of "i.d.i.o.t!". */
function isOneLetter(word: string): boolean {
  const letters = HAS_EDGE_SYMBOL.test(word) ? word.replace(EDGE_SYMBOLS, '') : word;
  return letters.length <= 2 && [...letters].length === 1;
}

/** [start, end) of each run of two or more one-letter words. */
function oneLetterRuns(written: string[]): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= written.length; i++) {
    const single = i < written.length && isOneLetter(written[i]);
    if (single && start < 0) start = i;
    if (!single && start >= 0) {
      if (i - start >= 2) runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

/** A run, and the run without one letter at either edge, which may be an "a" or "I" before or after the disguised word. */
function trimmedRuns(start: number, end: number): [number, number][] {
  const all: [number, number][] = [[start, end], [start + 1, end], [start, end - 1], [start + 1, end - 1]];
  return all.filter(([a, b]) => b - a >= 2);
}

/** Words of a comment: each written word at [i, i+1), plus joined one-letter runs spanning several. */
interface Span {
  end: number;
  forms: Form[];
}

function lattice(written: string[]): Span[][] {
  const spans: Span[][] = written.map((w, i) => [{ end: i + 1, forms: spellings(w).map(toForm) }]);
  for (const [start, end] of oneLetterRuns(written)) {
    for (const [a, b] of trimmedRuns(start, end)) spans[a].push({ end: b, forms: spellings(written.slice(a, b).join('')).map(toForm) });
  }
  return spans;
}

/** An entry's (or any text's) canonical words: one-letter runs joined, the first spelling of each. */
function canonicalWords(text: string): string[] {
  const written = words(text);
  const joined: string[] = [];
  let next = 0;
  for (const [start, end] of oneLetterRuns(written)) {
    joined.push(...written.slice(next, start), written.slice(start, end).join(''));
    next = end;
  }
  joined.push(...written.slice(next));
  return joined.map((w) => spellings(w)[0]).filter((w): w is string => w !== undefined);
}

/**
 * The normalization applied to list entries, and to comments before their disguises are undone:
 * folded words joined by single spaces. Exported for tests and for showing admins what an entry
 * will match.
 */
export function foldForMatching(text: string): string {
  return canonicalWords(text).join(' ');
}

interface Compiled {
  entry: WordEntry;
  words: Form[];
}

/** Built once per version of the word lists; `match` runs on every new or edited comment. */
export class WordMatcher {
  /** First word of an entry (letters, repeats squeezed) → the entries starting with it. */
  private readonly byFirstWord = new Map<string, Compiled[]>();

  constructor(entries: WordEntry[]) {
    for (const entry of entries) {
      const forms = canonicalWords(entry.phrase).map(toForm);
      // An entry of only symbols or emoji folds to nothing and could never match a word.
      if (forms.length === 0) continue;
      const bucket = this.byFirstWord.get(forms[0].key) ?? [];
      bucket.push({ entry, words: forms });
      this.byFirstWord.set(forms[0].key, bucket);
    }
  }

  /** Entries found in the text, each once, in the order they first appear. */
  match(text: string): WordEntry[] {
    if (this.byFirstWord.size === 0) return [];
    const spans = lattice(words(text));
    const found = new Map<string, WordEntry>();
    for (const starting of spans) {
      for (const span of starting) this.collect(spans, span, found);
    }
    return [...found.values()];
  }

  private collect(spans: Span[][], span: Span, found: Map<string, WordEntry>): void {
    for (const form of span.forms) {
      for (const { entry, words: entryWords } of this.byFirstWord.get(form.key) ?? []) {
        if (found.has(entry.id) || !fits(entryWords[0], form)) continue;
        if (continues(spans, entryWords, 1, span.end)) found.set(entry.id, entry);
      }
    }
  }
}

/** Whether the entry's words from `next` on follow in the text from word position `at`. */
function continues(spans: Span[][], entryWords: Form[], next: number, at: number): boolean {
  if (next === entryWords.length) return true;
  for (const span of spans[at] ?? []) {
    if (span.forms.some((f) => fits(entryWords[next], f)) && continues(spans, entryWords, next + 1, span.end)) return true;
  }
  return false;
}
