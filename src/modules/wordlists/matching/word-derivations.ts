/**
 * Inflections and compounds of a listed word, for the word matcher.
 *
 * A folded word that is not itself an entry may still be one in disguise of grammar:
 *  - inflections: plural and verb endings (-s, -es, -ies, -ed, -ing, and the spoken -in of
 *    "fuckin"), with a final e dropped ("raping") or a consonant doubled ("shitting"). So
 *    "idiot" catches "idiots" and "fuck" catches "fucking";
 *  - compounds: a listed word joined to one of a short list of partners that make insults in
 *    English ("dumb" + "ass", "scum" + "bag", "mother" + "fucking", "shit" + "head").
 *
 * Not derivational suffixes (-ic, -y, -er, -ish, -ness): they make other words with other
 * meanings. "An idiotic plan" and "a scummy move" judge a decision, which is the sharp but civil
 * criticism news comments are full of, while "you idiots" calls people names; "killer whales" are
 * not a threat. A site that wants "fucker" lists it. Nor any part of a word that is not a whole
 * partner: "class", "assassin", "Scunthorpe" and "Essex" stay clean because "cl", "assassin"'s
 * "assin", "s…horpe" and "es" are not partners (the Scunthorpe table in the spec holds this).
 *
 * Derived matches apply to an entry's last word, never to entries of one or two letters, never
 * to an entry written in double quotes (`"kill"`: exact word only), and never to the words in
 * DERIVATION_ALLOW, ordinary words that happen to inflect a listed one.
 */

/** Stems shorter than this are never derived: "cumin" is not "cum" + "in". */
const MIN_STEM = 3;
/** The spoken -in ending needs a longer stem: "fuckin", but not "Latin" or "cumin". */
const MIN_STEM_IN = 4;

/**
 * Partners that come before a listed word in insulting compounds. Never a word that is itself
 * often listed: "ass" + "ass" would read "assassin" (less its -in) as a compound.
 */
const PREFIXES = [
  'dumb', 'jack', 'smart', 'fat', 'lard', 'kick', 'hard', 'wise', 'half', 'bull', 'horse', 'chicken',
  'mother', 'dip', 'cluster', 'pig', 'douche',
];
/** Partners that come after a listed word. */
const SUFFIXES = [
  'head', 'heads', 'hole', 'holes', 'face', 'faces', 'bag', 'bags', 'wit', 'wits', 'wad', 'wads', 'stain', 'stains',
  'brain', 'brains', 'sucker', 'suckers', 'licker', 'lickers', 'bucket', 'hat', 'hats', 'clown', 'clowns', 'tard', 'tards',
  'wipe', 'stick', 'nugget', 'muncher', 'weasel', 'lord', 'show', 'storm',
];

/**
 * Ordinary words that inflect a word on common lists: the gun is cocked, the birds are blue tits,
 * cigarette butts, garden hoes, fish boning, the Cummings family, spiced food. Found by running a
 * 104,000-word English dictionary through the starter list. They match only if listed themselves.
 */
export const DERIVATION_ALLOW: ReadonlySet<string> = new Set([
  'cocked', 'cocking', 'tits', 'butts', 'hoes', 'boning', 'cummings', 'dicks', 'screwed', 'screwing', 'sucks', 'sucked',
  'sexes', 'pricks', 'pricked', 'pricking', 'knobs', 'balls', 'nuts', 'hooked', 'bitching', 'hells', 'damned',
  // "spice" + d, not "spic" + ed; Jan Smuts
  'spiced', 'spicing', 'smuts',
]);

const dedouble = (stem: string): string[] =>
  stem.length > MIN_STEM && stem.at(-1) === stem.at(-2) && !/[aeiou]/.test(stem.at(-1) ?? '') ? [stem, stem.slice(0, -1)] : [stem];

/** The possible uninflected forms of a word (none when it has no inflection ending). */
export function uninflect(word: string): string[] {
  const out: string[] = [];
  const add = (stem: string, min = MIN_STEM) => {
    if (stem.length >= min) out.push(stem);
  };
  if (word.endsWith('ies')) add(word.slice(0, -3) + 'y');
  // -es only where English spells the plural so ("asses", "bitches"): "spices" is not "spic" + "es".
  if (/(?:s|x|z|ch|sh|o)es$/.test(word)) add(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) add(word.slice(0, -1));
  if (word.endsWith('ed')) {
    for (const stem of dedouble(word.slice(0, -2))) add(stem);
    add(word.slice(0, -1));
  }
  if (word.endsWith('ing')) {
    for (const stem of dedouble(word.slice(0, -3))) add(stem);
    add(word.slice(0, -3) + 'e');
  }
  if (word.endsWith('in')) for (const stem of dedouble(word.slice(0, -2))) add(stem, MIN_STEM_IN);
  return [...new Set(out)];
}

/** The listed-word candidates inside a compound ("dumbass" → "ass", "shithead" → "shit"). */
function uncompound(word: string): string[] {
  const out: string[] = [];
  for (const p of PREFIXES) if (word.startsWith(p) && word.length - p.length >= MIN_STEM) out.push(word.slice(p.length));
  for (const s of SUFFIXES) if (word.endsWith(s) && word.length - s.length >= MIN_STEM) out.push(word.slice(0, -s.length));
  return out;
}

/**
 * Every word a folded spelling may derive from: its uninflected forms, the parts of it (or of its
 * uninflected forms) that a compound partner leaves, and those parts uninflected
 * ("motherfucking" → "motherfuck" → "fuck"; "dumbasses" → "dumbass" → "ass").
 */
export function derivations(word: string): string[] {
  if (DERIVATION_ALLOW.has(word)) return [];
  const out = new Set<string>();
  for (const base of [word, ...uninflect(word)]) {
    if (base !== word) out.add(base);
    for (const part of uncompound(base)) {
      out.add(part);
      for (const stem of uninflect(part)) out.add(stem);
    }
  }
  out.delete(word);
  return [...out];
}
