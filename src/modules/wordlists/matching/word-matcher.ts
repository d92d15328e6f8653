/**
 * Banned and suspect word matching for the posting pipeline.
 *
 * A comment is folded, cut into words, and each word gets a few candidate spellings (its possible
 * disguises undone). List entries are folded the same way and kept in a Map keyed by their first
 * word, so a check is one pass over the comment with Map look-ups, whatever the size of the list.
 * Entries match whole words or whole word sequences, never parts of words: banning "ass" does
 * not hit "class", "assess" or "Massachusetts", and phrases match as word sequences.
 *
 * Folding (word-folding.ts), in this order (the same for entries and comments):
 *  1. drop invisible characters (zero-width, soft hyphen, bidi controls, variation selectors,
 *     Arabic tatweel), used to split a word without a visible gap;
 *  2. NFKC: fullwidth, math-styled, circled and superscript letters become plain ones;
 *  3. strip diacritics: Latin, Greek and Cyrillic combining marks, Arabic harakat, Hebrew points.
 *     Other marks stay, because in Indic scripts they are vowels and removing them changes words;
 *  4. drop contraction endings ("who're" is not "whore"), then apostrophes, so "don't" is one word
 *     rather than "don" and a stray single letter "t";
 *  5. cut into words: runs of letters, digits, the leet symbols @ $ ! | + and the mask *;
 *  6. per word: "!", "|", "+", "*" at a word's edge are read both as punctuation and as letters;
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
 * read as one word, whole and without one letter at either edge ("what a b a d day"). A phrase
 * spelled out keeps its word gaps in a different separator ("g a s   t h e", "c.r.i.s.i.s
 * a.c.t.o.r"): the run is also cut into words where the separator differs from the run's usual
 * one. A phrase also matches one word that joins its words ("gasthe", "g a s t h e").
 *
 * Masks: "*" standing for letters ("f*ck", "sh*t", "f**k") matches an entry word of the same
 * length with the same visible letters, when no more letters are hidden than shown
 * (word-folding.ts). Inflections and compounds ("idiots", "fucking", "dumbass") match the entry
 * they derive from (word-derivations.ts, which also says why "idiotic" does not).
 *
 * Stretched letters are handled when comparing, not folding: a letter written three or more times
 * matches a shorter run in the entry ("baaad" is "bad", "asss" is "ass"), but a doubled letter
 * must be doubled in the entry too, since "as" is not "ass" and "good" is not "god".
 */

import { derivations } from './word-derivations';
import { Form, formFits, isMasked, isOneLetter, spellings, tokens, toForm, expand } from './word-folding';

export interface WordEntry {
  id: string;
  phrase: string;
  kind: 'BANNED' | 'SUSPECT';
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

/**
 * The words of a spelled-out phrase: a run cut at a lone different gap between runs of one
 * separator (the wider gap in "g a s   t h e", the space in "c.r.i.s.i.s a.c.t.o.r"), or, where
 * two runs of different separators meet, at the last gap of the first ("f u c k i n g i.d.i.o.t").
 * A lone gap between two other lone gaps is the inside of a two-letter word ("g o   b a c k").
 */
function wordGroups(start: number, end: number, gaps: string[]): [number, number][] {
  const runs: { sep: string; at: number; length: number }[] = [];
  for (let i = start; i < end - 1; i++) {
    if (runs.at(-1)?.sep === gaps[i]) runs[runs.length - 1].length++;
    else runs.push({ sep: gaps[i], at: i, length: 1 });
  }
  if (runs.length < 2) return [];
  const cuts = new Set<number>();
  runs.forEach((run, r) => {
    if (run.length === 1 && r > 0 && r < runs.length - 1 && (runs[r - 1].length > 1 || runs[r + 1].length > 1)) cuts.add(run.at);
    else if (run.length > 1 && (runs[r + 1]?.length ?? 0) > 1) cuts.add(run.at + run.length - 1);
  });
  const groups: [number, number][] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (i < end - 1 && !cuts.has(i)) continue;
    if (i + 1 - from >= 2) groups.push([from, i + 1]);
    from = i + 1;
  }
  return groups;
}

/** Words of a comment: each written word at [i, i+1), plus joined one-letter runs spanning several. */
interface Span {
  end: number;
  forms: Form[];
  /** What the span's spellings may be inflections or compounds of (computed when first needed). */
  derived?: Form[];
}

function lattice(written: string[], gaps: string[]): Span[][] {
  const spans: Span[][] = written.map((w, i) => [{ end: i + 1, forms: spellings(w).map(toForm) }]);
  for (const [start, end] of oneLetterRuns(written)) {
    const ranges = [...trimmedRuns(start, end), ...wordGroups(start, end, gaps)];
    const seen = new Set<string>();
    for (const [a, b] of ranges) {
      if (seen.has(`${a}:${b}`)) continue;
      seen.add(`${a}:${b}`);
      spans[a].push({ end: b, forms: spellings(written.slice(a, b).join('')).map(toForm) });
    }
  }
  return spans;
}

function derivedForms(span: Span): Form[] {
  span.derived ??= [...new Set(span.forms.filter((f) => !isMasked(f)).flatMap((f) => derivations(expand(f))))].map(toForm);
  return span.derived;
}

/** An entry's (or any text's) canonical words: one-letter runs joined, the first spelling of each. */
function canonicalWords(text: string): string[] {
  const { written } = tokens(text);
  const joined: string[] = [];
  let next = 0;
  for (const [start, end] of oneLetterRuns(written)) {
    joined.push(...written.slice(next, start), written.slice(start, end).join(''));
    next = end;
  }
  joined.push(...written.slice(next));
  return joined.map((w) => spellings(w)[0]).filter((w): w is string => w !== undefined && !w.includes('*'));
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
  /** joined[i][j]: entry words i..j written as one word (joined[i][i] is word i itself). */
  joined: Form[][];
  /** Exact-word entries (written in double quotes) match no inflection or compound. */
  exact: boolean;
}

const last = (c: Compiled) => c.joined.length - 1;
/** Inflections and compounds count for the entry's last word, when it has three letters or more. */
const derivable = (c: Compiled) => !c.exact && expand(c.joined[last(c)][last(c)]).length >= 3;

/** Built once per version of the word lists; `match` runs on every new or edited comment. */
export class WordMatcher {
  /** Key of an entry's first words joined (letters, repeats squeezed) → the entries and how many words that covers. */
  private readonly byStart = new Map<string, { compiled: Compiled; upto: number }[]>();
  /** The same starts by length in letters, for masked words ("f*ck"), which cannot be looked up by key. */
  private readonly byLength = new Map<number, { compiled: Compiled; upto: number }[]>();

  constructor(entries: WordEntry[]) {
    for (const entry of entries) {
      const words = canonicalWords(entry.phrase);
      // An entry of only symbols or emoji folds to nothing and could never match a word.
      if (words.length === 0) continue;
      const joined = words.map((_, i) => words.map((__, j) => (j < i ? { key: '', runs: [] } : toForm(words.slice(i, j + 1).join('')))));
      const compiled: Compiled = { entry, joined, exact: /^\s*".*"\s*$/su.test(entry.phrase) };
      for (let upto = 0; upto < words.length; upto++) {
        const start = { compiled, upto };
        push(this.byStart, joined[0][upto].key, start);
        push(this.byLength, [...expand(joined[0][upto])].length, start);
      }
    }
  }

  /** Entries found in the text, each once, in the order they first appear. */
  match(text: string): WordEntry[] {
    if (this.byStart.size === 0) return [];
    const { written, gaps } = tokens(text);
    const spans = lattice(written, gaps);
    const found = new Map<string, WordEntry>();
    for (const starting of spans) {
      for (const span of starting) this.collect(spans, span, found);
    }
    return [...found.values()];
  }

  private collect(spans: Span[][], span: Span, found: Map<string, WordEntry>): void {
    for (const form of span.forms) {
      const starts = isMasked(form) ? this.byLength.get([...expand(form)].length) : this.byStart.get(form.key);
      for (const { compiled, upto } of starts ?? []) {
        if (found.has(compiled.entry.id) || !formFits(compiled.joined[0][upto], form)) continue;
        if (continues(spans, compiled, upto + 1, span.end)) found.set(compiled.entry.id, compiled.entry);
      }
    }
    for (const form of derivedForms(span)) {
      for (const { compiled, upto } of this.byStart.get(form.key) ?? []) {
        if (upto !== last(compiled) || !derivable(compiled) || found.has(compiled.entry.id)) continue;
        if (formFits(compiled.joined[0][upto], form)) found.set(compiled.entry.id, compiled.entry);
      }
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}

/** Whether the entry's words from `next` on follow in the text from word position `at`. */
function continues(spans: Span[][], c: Compiled, next: number, at: number): boolean {
  if (next === c.joined.length) return true;
  for (const span of spans[at] ?? []) {
    for (let j = next; j < c.joined.length; j++) {
      const word = c.joined[next][j];
      const fits = span.forms.some((f) => formFits(word, f)) || (j === last(c) && derivable(c) && derivedForms(span).some((f) => formFits(word, f)));
      if (fits && continues(spans, c, j + 1, span.end)) return true;
    }
  }
  return false;
}
