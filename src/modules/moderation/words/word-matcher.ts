/**
 * Banned and suspect word matching that survives the usual disguises: case, accents, fullwidth
 * forms, leetspeak, look-alike letters from other scripts, zero-width characters, letters spaced
 * or dotted apart, and stretched letters. Matches are whole words or whole word sequences, so
 * banning "ass" does not hit "class" or "Massachusetts".
 *
 * Both the list entries and the text go through the same folding, so entries in Cyrillic or
 * Arabic work too: look-alike folding only applies to tokens that mix scripts with Latin letters
 * (the typical disguise), never to a token written wholly in another script.
 */

export interface WordEntry {
  id: string;
  phrase: string;
  kind: 'BANNED' | 'SUSPECT';
}

const LEET: Record<string, string> = { '4': 'a', '@': 'a', '8': 'b', '3': 'e', '6': 'g', '1': 'i', '!': 'i', '|': 'i', '0': 'o', '5': 's', $: 's', '7': 't', '+': 't', '2': 'z' };

/** Cyrillic and Greek letters that look like Latin ones. */
const LOOKALIKE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};

const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]/g;
const COMBINING = /\p{M}+/gu;
const LATIN = /[a-z]/;
const OTHER_LETTER = /[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u;

/** Case, compatibility forms, accents and invisible characters; nothing script-specific. */
function baseFold(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFKD').replace(COMBINING, '').replace(INVISIBLE, '').normalize('NFC');
}

/** One raw token → its canonical form: look-alikes folded in mixed-script tokens, leetspeak decoded, stretched letters squeezed. */
function foldToken(token: string): string {
  let t = token;
  const hasLatin = LATIN.test(t) || /[0-9@$!|+]/.test(t);
  if (hasLatin && OTHER_LETTER.test(t)) t = [...t].map((ch) => LOOKALIKE[ch] ?? ch).join('');
  // Pure numbers ("2026", "155mm" keeps its letters) are not leetspeak; anything with a letter or a
  // leet symbol is.
  if (!/^[0-9]+$/.test(t)) t = [...t].map((ch) => LEET[ch] ?? ch).join('');
  return t.replace(/(\p{L})\1+/gu, '$1');
}

/** Splits folded text into tokens: letters, digits and leet symbols belong to words; anything else separates. */
function tokens(text: string): string[] {
  return baseFold(text)
    .split(/[^\p{L}\p{N}@$!|+]+/u)
    .filter((t) => t.length > 0)
    // "!", "|" and "+" stand for letters inside a word but are punctuation at its edges.
    .map((t) => (/^[!|+]+$/.test(t) ? '' : foldToken(/[\p{L}\p{N}@$]/u.test(t) ? t.replace(/^[!|+]+|[!|+]+$/g, '') : t)))
    .filter((t) => t.length > 0 && /[\p{L}\p{N}]/u.test(t));
}

/** The normalization used for list entries and text alike (exported for tests and admin previews). */
export function foldForMatching(text: string): string {
  return tokens(text).join(' ');
}

export class WordMatcher {
  /** First token of an entry → the entries starting with it (as token sequences). */
  private readonly byFirst = new Map<string, { entry: WordEntry; seq: string[] }[]>();

  constructor(entries: WordEntry[]) {
    for (const entry of entries) {
      const seq = tokens(entry.phrase);
      if (seq.length === 0) continue;
      const list = this.byFirst.get(seq[0]) ?? [];
      list.push({ entry, seq });
      this.byFirst.set(seq[0], list);
    }
  }

  match(text: string): WordEntry[] {
    if (this.byFirst.size === 0) return [];
    const found = new Map<string, WordEntry>();
    for (const seq of candidateSequences(tokens(text))) {
      for (let i = 0; i < seq.length; i++) {
        for (const { entry, seq: want } of this.byFirst.get(seq[i]) ?? []) {
          if (!found.has(entry.id) && want.every((w, k) => seq[i + k] === w)) found.set(entry.id, entry);
        }
      }
    }
    return [...found.values()];
  }
}

/**
 * The token sequence as written, and a second one where every run of single-character tokens
 * ("b a d", "b.a.d") is joined into one word, since spacing letters apart is a common disguise.
 */
function candidateSequences(seq: string[]): string[][] {
  if (!seq.some((t) => [...t].length === 1)) return [seq];
  const joined: string[] = [];
  let run = '';
  for (const t of seq) {
    if ([...t].length === 1) {
      run += t;
      continue;
    }
    if (run) joined.push(run.replace(/(\p{L})\1+/gu, '$1'));
    run = '';
    joined.push(t);
  }
  if (run) joined.push(run.replace(/(\p{L})\1+/gu, '$1'));
  return [seq, joined];
}
