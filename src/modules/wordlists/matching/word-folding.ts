/**
 * Folding for the word matcher (see word-matcher.ts for the whole picture): how a comment is cut
 * into written words, and the candidate spellings of each word with its disguises undone.
 * Entries and comments are folded the same way.
 */

const INVISIBLE =
  /[\u00AD\u061C\u0640\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
const DIACRITICS =
  /[\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
const APOSTROPHES = /['‘’ʼ`]/g;
/** Contraction endings go before the apostrophes: "who're" must not read as "whore", nor "he'll" as "hell". */
const CONTRACTION = /['‘’ʼ`](?:re|ve|ll|d|s|m)(?![\p{L}\p{N}])/giu;
// "*" belongs to words so that a mask ("f*ck") stays one word; a run of only symbols is punctuation.
const WORD = /[\p{L}\p{M}\p{N}@$!|+*]+/gu;

const LEET: Record<string, string> = { '4': 'a', '@': 'a', '8': 'b', '3': 'e', '6': 'g', '9': 'g', '0': 'o', '5': 's', $: 's', '7': 't', '+': 't' };
const I_OR_L = new Set(['1', '!', '|']);
const HAS_LEET = /[0-9@$!|+]/;
const HAS_EDGE_SYMBOL = /[!|+*]/;
const EDGE_SYMBOLS = /^[!|+*]+|[!|+*]+$/g;
const EDGE_SYMBOL_CHARS = /[!|+*]/g;
const ONLY_SYMBOLS = /^[!|+*]+$/;
const MASK = /\*/g;
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
const LETTERS = /\p{L}/gu;

/** Steps 1–5: the words of a text, each still in its written (disguised) form, and the text between them. */
export function tokens(text: string): { written: string[]; gaps: string[] } {
  const folded = text
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .normalize('NFC')
    .replace(CONTRACTION, '')
    .replace(APOSTROPHES, '');
  const written: string[] = [];
  const gaps: string[] = [];
  let last = -1;
  for (const m of folded.matchAll(WORD)) {
    // A "word" of only ! | + * is punctuation ("!!!", "a | b", "**"), not letters: it stays in the gap.
    if (ONLY_SYMBOLS.test(m[0])) continue;
    if (last >= 0) gaps.push(folded.slice(last, m.index));
    written.push(m[0]);
    last = m.index + m[0].length;
  }
  return { written, gaps };
}

/** Steps 6–8: candidate spellings of one written word, the likeliest first (entries use that one). */
export function spellings(written: string): string[] {
  const out = new Set<string>();
  for (const body of symbolReadings(written)) {
    for (const decoded of leetReadings(body)) {
      for (const letters of scriptReadings(decoded)) addFinished(out, letters);
    }
  }
  return [...out];
}

/**
 * "idiot!" ends a sentence, "1d10+" ends in a t, "b!a!d" uses "!" as a separator, "*idiot*" is
 * Markdown emphasis, and "f*ck" is a mask: each reading is a candidate. A mask counts only while
 * at least as many letters show as are hidden ("sh*t", "f**k"; not "f***", which could be anything).
 */
function symbolReadings(word: string): string[] {
  if (!HAS_EDGE_SYMBOL.test(word)) return [word];
  const readings = [word.replace(EDGE_SYMBOLS, ''), word, word.replace(EDGE_SYMBOL_CHARS, '')];
  return [...new Set(readings)].filter((r) => r.length > 0 && (!r.includes('*') || isFairMask(r)));
}

function isFairMask(word: string): boolean {
  const hidden = word.match(MASK)?.length ?? 0;
  const shown = word.match(LETTERS)?.length ?? 0;
  return shown >= hidden;
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
export interface Form {
  key: string;
  runs: number[];
}

export function toForm(word: string): Form {
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
export function fits(entry: Form, text: Form): boolean {
  return entry.key === text.key && entry.runs.every((n, i) => text.runs[i] === n || (text.runs[i] >= 3 && text.runs[i] > n));
}

/** A masked spelling ("f*ck") against an entry word: same length, the visible letters equal. */
export function maskFits(entry: Form, text: Form): boolean {
  const [e, t] = [[...expand(entry)], [...expand(text)]];
  return e.length === t.length && t.every((c, i) => c === e[i] || (c === '*' && LETTER.test(e[i])));
}

/** The word a form stands for, repeats written out again. */
export function expand(form: Form): string {
  return [...form.key].map((c, i) => c.repeat(form.runs[i])).join('');
}

export const isMasked = (form: Form): boolean => form.key.includes('*');

/** Either comparison, by whether the text's form is masked. */
export const formFits = (entry: Form, text: Form): boolean => (isMasked(text) ? maskFits(entry, text) : fits(entry, text));

/** One letter, perhaps with sentence punctuation: the "t!" of "i.d.i.o.t!". */
export function isOneLetter(word: string): boolean {
  const letters = HAS_EDGE_SYMBOL.test(word) ? word.replace(EDGE_SYMBOLS, '') : word;
  return letters.length <= 2 && [...letters].length === 1;
}
