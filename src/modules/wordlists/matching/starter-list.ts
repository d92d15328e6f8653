import english from 'naughty-words/en.json';
import type { WordEntry } from './word-matcher';
// The English list of "naughty-words" (the List of Dirty, Naughty, Obscene and Otherwise Bad
// Words, CC BY 4.0), imported so that tsc copies it into the build like any JSON module.

/**
 * The optional starter list a site can turn on (MOD_STARTER_WORDS): a maintained English list from
 * npm, less the entries a news site needs in ordinary reporting. Off by default: a site decides.
 *
 * The list was made to keep adult content out of image search, so it also holds words a conflict
 * desk writes every day. NEWS_ALLOW drops those: sexual violence and abuse are reported by name
 * (rape, rapist, incest, pedophile), torture methods are named in war reporting (bastinado,
 * strappado), anatomy appears in medical and casualty reports, history and extremism are covered
 * (swastika, neonazi, white power, negro in quotations of old documents), animals and tools keep
 * their names (cock, pussy, tit, beaver), people keep theirs (Dick, Santorum, Lolita), and phrases
 * of ordinary words cannot be told from their innocent use (tied up, how to kill, strip club, big
 * black, huge fat). A site that wants any of them lists it itself.
 *
 * Matching is by whole words, inflections and a few compounds (word-derivations.ts), never parts
 * of words, so "Scunthorpe", "cocktail", "therapist" and "Essex" stay clean with the list on (the
 * Scunthorpe table in the spec runs against this list).
 */
export const NEWS_ALLOW: ReadonlySet<string> = new Set([
  // sexual violence and crimes reported by name
  'rape', 'raping', 'rapist', 'date rape', 'daterape', 'incest', 'pedophile', 'paedophile', 'grope', 'sodomy', 'sodomize',
  // torture methods and restraint named in war and prison reporting
  'bastinado', 'strappado', 'tied up', 'leather restraint', 'domination', 'sadism', 'bondage',
  // anatomy, medicine and bodies in casualty and health reports
  'anus', 'rectum', 'genitals', 'penis', 'vagina', 'vulva', 'clitoris', 'nipple', 'nipples', 'semen', 'ejaculation', 'urethra play',
  'eunuch', 'nude', 'nudity', 'topless', 'undressing', 'intercourse', 'sex', 'sexual', 'sexually', 'sexuality', 'erotic', 'erotism',
  'homoerotic', 'orgasm', 'pubes', 'fecal', 'pornography', 'porn', 'spastic',
  // history, extremism and quotations
  'swastika', 'neonazi', 'white power', 'negro',
  // animals, tools, food and ordinary words
  'cock', 'cocks', 'pussy', 'tit', 'beaver', 'butt', 'suck', 'sucks', 'snatch', 'scat', 'escort', 'hooker', 'voyeur', 'hardcore',
  'hard core', 'kinky', 'horny', 'humping', 'swinger', 'playboy', 'jelly donut', 'bullet vibe', 'xx', 'mong', 'poof',
  // names of people, works and products
  'dick', 'santorum', 'lolita', 'octopussy', 'tainted love', 'viagra', 'cialis',
  // phrases of ordinary words
  'how to kill', 'how to murder', 'strip club', 'big black', 'huge fat', 'tight white', 'hot chick', 'girl on', 'taste my',
  'tongue in a', 'make me come', 'spread legs', 'wet dream', 'missionary position', 'group sex', 'gay sex', 'phone sex',
  // ordinary senses that dominate in news: a crisis snowballing, a currency pegging, skeet shooting, courage (spunk), a
  // blunder (boner), music (fingering), fishing (shrimping), a snack; "s&m" folds to "sm", the symbol for samarium
  'snowballing', 'pegging', 'skeet', 'spunk', 'boner', 'fingering', 'shrimping', 'twinkie', 's&m',
]);

export type StarterKind = 'off' | WordEntry['kind'];

/** The starter entries, as `kind` (none when off). Ids are stable and cannot clash with database uuids. */
export function starterEntries(kind: StarterKind): WordEntry[] {
  if (kind === 'off') return [];
  return (english as string[])
    .filter((phrase) => !NEWS_ALLOW.has(phrase.toLowerCase()))
    .map((phrase) => ({ id: `starter:${phrase}`, phrase, kind }));
}
