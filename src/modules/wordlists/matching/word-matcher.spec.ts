import { starterEntries } from './starter-list';
import { foldForMatching, WordEntry, WordMatcher } from './word-matcher';

const banned = (id: string, phrase = id): WordEntry => ({ id, phrase, kind: 'BANNED' });
const suspect = (id: string, phrase = id): WordEntry => ({ id, phrase, kind: 'SUSPECT' });

/** The list most rows use; `id` is what a row expects back. */
const LIST: WordEntry[] = [
  banned('ass'),
  banned('scum'),
  banned('kill'),
  banned('troll'),
  banned('lobber', 'grenade lobber'),
  suspect('idiot'),
  suspect('actor', 'crisis actor'),
  suspect('ork', 'орк'),
  suspect('rashist', 'рашист'),
  banned('pig', 'خنزير'),
];

/** [description, text, ids expected, list (LIST when left out)] */
type Row = [description: string, text: string, expected: string[], list?: WordEntry[]];

/** Named rows, so jest does not take a missing list for a `done` callback. */
const named = (rows: Row[]) => rows.map(([description, text, expected, list = LIST]) => ({ description, text, expected, list }));

const ids = (text: string, list: WordEntry[] = LIST) =>
  new WordMatcher(list)
    .match(text)
    .map((m) => m.id)
    .sort();

const matchingRows: Row[] = [
  ['a plain word', 'what an idiot', ['idiot']],
  ['upper case', 'WHAT AN IDIOT', ['idiot']],
  ['mixed case', 'what an IdIoT', ['idiot']],
  ['a word followed by punctuation', 'you idiot!!!', ['idiot']],
  ['leetspeak digits', 'what an 1d10t', ['idiot']],
  ['leetspeak symbols', 'you @$$', ['ass']],
  ['"4" for a and "5" for s', 'you 4ss and 455', ['ass']],
  ['"1" read as l', 'ki11 them', ['kill']],
  ['"!" read as i', 'id!ot', ['idiot']],
  ['"7" and "0" for t and o', '7r0ll', ['troll']],
  ['"+" for t at the start of a word', '+r0ll', ['troll']],
  ['"+" for t at the end of a word', '1d10+', ['idiot']],
  ['spaced-out letters', 'what an i d i o t', ['idiot']],
  ['dotted letters', 'what an i.d.i.o.t!', ['idiot']],
  ['dashed letters', 'i-d-i-o-t', ['idiot']],
  ['underscored letters', 'i_d_i_o_t', ['idiot']],
  ['mixed separators', 's-c.u m', ['scum']],
  ['"!" used as a separator', 's!c!u!m', ['scum']],
  ['spaced-out leetspeak', 'what an 1 d 1 0 t', ['idiot']],
  ['spaced-out letters after the article "a"', 'what a s c u m', ['scum']],
  ['spaced-out letters before "I"', 's c u m I say', ['scum']],
  ['stretched letters', 'idiooooot', ['idiot']],
  ['stretched letters at the start', 'sssscum', ['scum']],
  ['a doubled letter stretched further', 'trolllll and asssss', ['ass', 'troll']],
  ['stretched spaced-out letters', 's c u u u m', ['scum']],
  ['accents', 'ídíòt', ['idiot']],
  ['stacked combining marks', 'i̷d̷i̷o̷t̷', ['idiot']],
  ['fullwidth letters', 'ｉｄｉｏｔ', ['idiot']],
  ['mathematical bold letters', '𝐢𝐝𝐢𝐨𝐭', ['idiot']],
  ['circled letters', 'ⓘⓓⓘⓞⓣ', ['idiot']],
  ['small capitals', 'ɪᴅɪᴏᴛ', ['idiot']],
  ['a zero-width space inside a word', 'id\u200Biot', ['idiot']],
  ['a soft hyphen inside a word', 'id\u00ADiot', ['idiot']],
  ['a zero-width joiner and a bidi control inside a word', 'sc\u200Du\u202Em', ['scum']],
  ['an apostrophe inside a word', "i'di'ot", ['idiot']],
  ['Cyrillic look-alikes in a Latin word', 'іdіоt', ['idiot']],
  ['capital Cyrillic look-alikes in a Latin word', 'ЅСUМ', ['scum']],
  ['Greek look-alikes in a Latin word', 'ιdιοt', ['idiot']],
  ['Cyrillic look-alikes and leetspeak together', 'ѕсum 1dі0t', ['idiot', 'scum']],
  ['a two-word phrase', 'a grenade lobber again', ['lobber']],
  ['a phrase across a line break and extra spaces', 'GRENADE \n  lobber', ['lobber']],
  ['a phrase with punctuation between its words', 'a grenade, lobber', ['lobber']],
  ['a disguised phrase', 'what a gr3nade  l.o.b.b.e.r', ['lobber']],
  ['a suspect phrase', 'Obviously a crisis actor.', ['actor']],
  ['a Cyrillic entry in Cyrillic text', 'ещё один орк', ['ork']],
  ['a Cyrillic entry in capitals', 'ОРК', ['ork']],
  ['a Cyrillic entry spaced out', 'р а ш и с т', ['rashist']],
  ['a Cyrillic entry stretched', 'оррррк', ['ork']],
  ['a Cyrillic entry with a Latin look-alike', 'opк', ['ork']],
  ['a Cyrillic entry with leetspeak', '0рк', ['ork']],
  ['an Arabic entry', 'يا خنزير', ['pig']],
  ['an Arabic entry with vowel marks', 'خِنْزِير', ['pig']],
  ['an Arabic entry stretched with tatweel', 'خنـــزير', ['pig']],
  ['an Arabic entry with the attached article', 'الخنزير', ['pig']],
  ['emoji around a word', '🙂 idiot 🙂', ['idiot']],
  ['an emoji attached to a word', 'idiot😡', ['idiot']],
  ['emoji used to space letters out', 'i🙂d🙂i🙂o🙂t', ['idiot']],
  ['several entries of both kinds', 'idiot, you scum', ['idiot', 'scum']],
  ['an entry repeated many times, reported once', 'idiot idiot i d i o t 1d10t', ['idiot']],
  ['a short list entry written in capitals', 'you are SCUM', ['scum'], [banned('scum', 'SCUM')]],
  ['a list entry that is itself spelled out', 'an s.c.u.m and some scum', ['scum'], [banned('scum', 'S. C. U. M.')]],
  ['a list entry written in leetspeak', 'a troll', ['troll'], [banned('troll', 'tr0ll')]],
  ['a list entry with a doubled letter, stretched in the text', 'gooood', ['god'], [banned('god')]],
  ['two entries with the same phrase', 'idiot', ['a', 'b'], [suspect('a', 'idiot'), banned('b', 'idiot')]],
  ['a spelled-out number that is leetspeak', 's0s', ['sos'], [suspect('sos')]],
];

/** The words most often caught inside innocent ones (the Scunthorpe problem). */
const PRONE: WordEntry[] = [
  'ass', 'arse', 'cunt', 'sex', 'dick', 'cock', 'tit', 'cum', 'rape', 'anal', 'hell', 'fag', 'spic', 'coon', 'nazi', 'twat',
  'shit', 'fuck', 'piss', 'crap', 'penis', 'clit', 'nigger', 'paki', 'jap', 'homo', 'slut', 'whore', 'bitch', 'idiot', 'kill',
].map((w) => banned(w));

const maskRows: Row[] = [
  ['one star for a vowel', 'what the f*ck', ['fuck'], PRONE],
  ['a star in a short word', 'sh*t happens', ['shit'], PRONE],
  ['two stars in a four-letter word', 'f**k this', ['fuck'], PRONE],
  ['a mask in capitals', 'SH*T', ['shit'], PRONE],
  ['a mask with leetspeak', 'sh*7', ['shit'], PRONE],
  ['a mask in the first word of a phrase', 'another cr*sis actor', ['actor']],
  ['a mask in the last word of a phrase', 'grenade l*bber', ['lobber']],
  ['stars between every letter, as separators', 'f*u*c*k', ['fuck'], PRONE],
  ['Markdown emphasis around a word', 'what an *idiot*, really', ['idiot']],
];

const cleanMaskRows: Row[] = [
  ['a mask that hides more letters than it shows', 'f*** that', [], PRONE],
  ['a mask of the wrong length', 'f*k', [], PRONE],
  ['a mask whose visible letters differ', 'sh*p and f*rk', [], PRONE],
  ['only stars', '**** and ***', [], PRONE],
  ['footnote stars and emphasis on clean words', 'casualties* were *reported*', [], PRONE],
];

const derivedRows: Row[] = [
  ['a plural', 'you idiots', ['idiot']],
  ['a plural in capitals, disguised', 'ID10TS', ['idiot']],
  ['a spaced-out plural', 'i d i o t s', ['idiot']],
  ['a present participle', 'fucking hell', ['fuck', 'hell'], PRONE],
  ['the spoken -in', 'fuckin idiot', ['fuck', 'idiot'], PRONE],
  ['a past tense with a doubled consonant', 'shitting on everyone', ['shit'], PRONE],
  ['a final e dropped before -ing', 'raping', ['rape'], PRONE],
  ['-es after s', 'you asses', ['ass'], PRONE],
  ['-ies for a final y', 'pussies', ['pussy'], [banned('pussy')]],
  ['a compound with a partner before', 'dumbass', ['ass'], PRONE],
  ['a plural compound', 'dumbasses and jackasses', ['ass'], PRONE],
  ['a compound with a partner after', 'shithead', ['shit'], PRONE],
  ['an inflected compound', 'motherfucking', ['fuck'], PRONE],
  ['a compound written with a hyphen', 'dumb-ass', ['ass'], PRONE],
  ['the plural of a phrase’s last word', 'grenade lobbers', ['lobber']],
  ['a plain entry catches its inflections', 'killing them', ['kill'], [banned('kill')]],
];

const cleanDerivedRows: Row[] = [
  ['an adjective made from an entry (a judgement of a plan, not a name)', 'an idiotic plan', []],
  ['a word in -y made from an entry', 'a scummy move', [], [banned('scum')]],
  ['an agent noun in -er', 'killer whales', [], [banned('kill')]],
  ['an exact entry (in double quotes) against an inflection', 'the killing of civilians', [], [banned('kill', '"kill"')]],
  ['an exact entry still matches itself', 'kill them', ['kill'], [banned('kill', '"kill"')]],
  ['an inflection of a two-letter entry', 'hoes and hos', [], [banned('ho')]],
  ['an ordinary word that inflects a listed one', 'cocked the rifle; blue tits; cigarette butts', [], PRONE],
  ['an inflection inside the first word of a phrase', 'grenades lobber', []],
  ['a contraction that would spell an entry', "people who're angry and he'll say", [], [banned('whore'), banned('hell')]],
];

const phraseRows: Row[] = [
  ['a phrase spelled out with wider gaps between its words', 'g a s   t h e', ['gas'], [banned('gas', 'gas the')]],
  ['a phrase spelled out with dots, words apart', 'c.r.i.s.i.s a.c.t.o.r', ['actor']],
  ['a phrase spelled out with dashes and slashes', 'C-R-I-S-I-S / A-C-T-O-R', ['actor']],
  ['a phrase spelled out with no word gap', 'g a s t h e', ['gas'], [banned('gas', 'gas the')]],
  ['a phrase run together as one word', 'gasthe', ['gas'], [banned('gas', 'gas the')]],
  ['a phrase half spelled out', 'just a c.r.i.s.i.s actor', ['actor']],
  ['a spelled-out phrase with a plural last word', 'c r i s i s   a c t o r s', ['actor']],
  ['a three-word phrase spelled out', 'g.a.s t.h.e j.e.w.s', ['gas'], [banned('gas', 'gas the jews')]],
  ['two spelled-out words with different separators', 'f u c k i n g i.d.i.o.t', ['fuck', 'idiot'], PRONE],
  ['a spelled-out two-letter word before a longer one', 'g o   k i l l', ['kill'], PRONE],
];

const cleanPhraseRows: Row[] = [
  ['a spelled-out longer word containing a joined phrase', 'g a s t h e r e', [], [banned('gas', 'gas the')]],
  ['the words of a phrase spelled out in the wrong order', 't h e   g a s', [], [banned('gas', 'gas the')]],
  ['an ordinary sentence with both words apart', 'the gas leak forced them out', [], [banned('gas', 'gas the')]],
];

/** Place names, surnames and ordinary words that contain, start or end with the words in PRONE. */
const SCUNTHORPE = [
  'class', 'classic', 'classes', 'assassin', 'assassinated', 'assess', 'assessment', 'bass', 'brass', 'grass', 'glasses',
  'passage', 'embassy', 'harassed', 'Massachusetts', 'Scunthorpe', 'Essex', 'Sussex', 'Middlesex', 'sextant', 'sexton',
  'cocktail', 'peacock', 'Hitchcock', 'cockpit', 'Cockburn', 'Dickens', 'Dickinson', 'analysis', 'analysts', 'canal',
  'therapist', 'grapes', 'scraped', 'drape', 'cumulative', 'document', 'cumin', 'circumstances', 'titanic', 'title',
  'constitution', 'Penistone', 'Clitheroe', 'shiitake', 'Matsushita', 'spices', 'spiced', 'spicy', 'raccoon', 'cocoon',
  'tycoon', 'buttress', 'snigger', 'Niger', 'Nigeria', 'hello', 'shell', 'shellfish', 'arsenal', 'Pakistan', 'Japan',
  'homogeneous', 'Latin', 'Twatt', 'skill', 'killer', 'crappie', 'scrap', 'pissarro', 'Uranus', 'Sextus', 'Kuntsevo',
  'Dixon', 'Hancock', 'bassist', 'shitake', 'grassroots', 'Cassandra', 'sassafras', 'pushover', 'shiver',
];

describe('WordMatcher: masks, inflections, compounds and spelled-out phrases', () => {
  it.each(named([...maskRows, ...derivedRows, ...phraseRows]))('finds $description', ({ text, expected, list }) => {
    expect(ids(text, list)).toEqual(expected);
  });

  it.each(named([...cleanMaskRows, ...cleanDerivedRows, ...cleanPhraseRows]))('does not match $description', ({ text, expected, list }) => {
    expect(ids(text, list)).toEqual(expected);
  });

  it('has at least 40 Scunthorpe words', () => {
    expect(new Set(SCUNTHORPE).size).toBeGreaterThanOrEqual(40);
  });

  it.each(SCUNTHORPE)('does not match %s against the words most often caught inside others', (word) => {
    for (const text of [word, word.toLowerCase(), word.toUpperCase(), `In ${word}, reporters said`]) expect(ids(text, PRONE)).toEqual([]);
  });

  it.each(SCUNTHORPE)('does not match %s against the starter list', (word) => {
    expect(new WordMatcher(starterEntries('BANNED')).match(word)).toEqual([]);
  });
});

const cleanRows: Row[] = [
  ['"class" for "ass"', 'a first-class report', []],
  ['"assess" for "ass"', 'we need to assess the damage', []],
  ['"Massachusetts" for "ass"', 'reporting from Massachusetts', []],
  ['"passage", "bass" and "assassin" for "ass"', 'safe passage, a bass player, an assassin', []],
  ['"as" for "ass"', 'as far as I know', []],
  ['"a s" spaced out for "ass"', 'plan a s planned', []],
  ['leetspeak inside a longer word', 'cl@ss and m4ss', []],
  ['"scummy" for "scum"', 'a scummy move', []],
  ['"idiotic" for "idiot"', 'an idiotic plan', []],
  ['"skill" and "killer" for "kill"', 'skill and killer whales', []],
  ['"trolley" for "troll"', 'a trolley', []],
  ['a spaced-out longer word containing an entry', 'a s s e s s m e n t', []],
  ['the words of a phrase in the wrong order', 'lobber grenade', []],
  ['only part of a phrase', 'a grenade was thrown', []],
  ['a Cyrillic entry inside a longer Cyrillic word', 'оркестр и корка', []],
  ['a Latin entry against an all-Cyrillic word that looks like it', 'сор', [], [banned('cop')]],
  ['a Cyrillic entry against an all-Latin word that looks like it', 'opk', []],
  ['an Arabic entry inside a longer word', 'خنزيرة', []],
  ['a doubled letter that is a different word', 'good morning', [], [banned('god')]],
  ['a number, which is not leetspeak', '505 Main Street', [], [suspect('sos')]],
  ['an amount of money', 'a $5 million contract', [], [suspect('ss')]],
  ['initials', 'J. R. R. Tolkien and the U.S. army', []],
  ['text of only emoji', '🙂👍🏽👨‍👩‍👧🇺🇦', []],
  ['an empty text', '', []],
  ['text of only punctuation', '... !!! ??? ---', []],
  ['any text with an empty list', 'idiot scum', [], []],
  ['an entry of only emoji, which cannot be matched as a word', '🖕 idiot', [], [banned('emoji', '🖕')]],
  ['an entry of only punctuation', '!!! idiot', [], [banned('bangs', '!!!')]],
];

describe('WordMatcher', () => {
  it.each(named(matchingRows))('finds $description', ({ text, expected, list }) => {
    expect(ids(text, list)).toEqual(expected);
  });

  it.each(named(cleanRows))('does not match $description', ({ text, expected, list }) => {
    expect(ids(text, list)).toEqual(expected);
  });

  it('returns the matched entries themselves, in the order they appear', () => {
    expect(new WordMatcher(LIST).match('scum, what an idiot')).toEqual([banned('scum'), suspect('idiot')]);
  });

  it('finds an entry at the end of a 10,000-character comment', () => {
    const paragraph = 'Reports from the front say the town was retaken; this has not been independently verified. ';
    const body = paragraph.repeat(Math.ceil(10_000 / paragraph.length)).slice(0, 9_980) + ' i.d.i.o.t';
    expect(body.length).toBeGreaterThanOrEqual(9_990);
    expect(ids(body)).toEqual(['idiot']);
  });

  it.each([
    ['spaced single letters', 'x '.repeat(5_000), []],
    ['ambiguous leetspeak in one long word', '1|!'.repeat(3_333), []],
    ['one long run of letters', 'a'.repeat(10_000), []],
    ['mixed-script words', 'іdіоt '.repeat(1_667), ['idiot']],
  ])('handles a 10,000-character comment of %s', (_description, body, expected) => {
    expect(body.length).toBeGreaterThanOrEqual(9_999);
    expect(ids(body)).toEqual(expected);
  });
});

describe('foldForMatching', () => {
  it.each([
    ['lower-cases and decodes leetspeak', 'Gr3nade LOBBER', 'grenade lobber'],
    ['joins spaced-out letters', 'gr3nade  l.o.b.b.e.r', 'grenade lobber'],
    ['turns fullwidth letters into plain ones', 'Ｉｄｉｏｔ', 'idiot'],
    ['strips accents', 'Crème brûlée', 'creme brulee'],
    ['removes zero-width characters', 'id\u200Biot', 'idiot'],
    ['keeps apostrophes from splitting words', 'don’t', 'dont'],
    ['drops contraction endings', 'it’s who’re they’ll', 'it who they'],
    ['folds look-alikes in mixed-script words', 'ІDІОТ', 'idiot'],
    ['leaves all-Cyrillic words in Cyrillic', 'Рашист орк', 'рашист орк'],
    ['removes Arabic vowel marks', 'خِنْزِير', 'خنزير'],
    ['leaves numbers alone', 'In 2026, $5 each', 'in 2026 $5 each'],
    ['drops emoji', '🙂 fine 🙂', 'fine'],
    ['gives nothing for nothing', '', ''],
  ])('%s', (_description, text, folded) => {
    expect(foldForMatching(text)).toBe(folded);
  });
});
