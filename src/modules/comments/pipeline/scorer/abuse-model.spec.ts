import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../../config/config';
import { ABUSE_BUCKETS, ABUSE_FEATURES_VERSION, abuseBucket, abuseFeatureBuckets, abuseFeatureFingerprint, abuseFeatureKeys, lexiconCategory, undisguise } from './abuse-features';
import { ABUSE_MODEL_INFO, abuseProbability } from './abuse-model';
import model from './abuse-model.json';

/** Held-out news-like comments (never trained on): label, tab, text. */
const HELD_OUT = readFileSync(join(__dirname, '../../../../../test/fixtures/abuse-heldout-news.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => ({ y: Number(l.slice(0, l.indexOf('\t'))), text: l.slice(l.indexOf('\t') + 1) }));
const CIVIL = HELD_OUT.filter((c) => c.y === 0).map((c) => c.text);
const ABUSIVE = HELD_OUT.filter((c) => c.y === 1).map((c) => c.text);
const settings = loadConfig({}).moderation;

describe('abuse features', () => {
  it.each([
    ['masks filled from the lexicon', 'f*ck you, b**ch', ['fuck', 'you', 'bitch']],
    ['leetspeak', 'y0u 1d10t @$$', ['you', 'idiot', 'ass']],
    ['letters spaced or dotted apart', 'F U C K off, i.d.i.o.t!!!', ['fuck', 'off', 'idiot']],
    ['spelled-out words told apart by their separators', 'f u c k i n g i.d.i.o.t, g o   b a c k', ['fucking', 'idiot', 'go', 'back']],
    ['stretched letters', 'fuuuuck sooo', ['fuck', 'so']],
    ['numbers and measures left alone', 'in 2026, 10km and $5, the 2nd time', ['in', '2026', '10km', 'and', '$5', 'the', '2nd', 'time']],
    ['contractions, users and links', "who're @user https://x.example/a", ['who', 'xuser', 'xlink']],
    ['emphasis', '*idiot*', ['idiot']],
    ['other scripts', 'Это ещё не подтверждено', ['это', 'еще', 'не', 'подтверждено']],
  ])('undisguises %s', (_label, text, words) => {
    expect(undisguise(text)).toEqual(words);
  });

  it.each([
    ['idiots', 'insult'],
    ['dumbass', 'insult'],
    ['shitheads', 'profanity'],
    ['motherfucking', 'profanity'],
    ['raping', 'sexual'],
    ['rats', 'dehumanizing'],
    ['kill', 'threat'],
    ['killed', null],
    ['shooting', null],
    ['rating', null],
    ['therapist', null],
    ['class', null],
    ['assassin', null],
    ['scunthorpe', null],
  ])('puts %s in lexicon category %s', (word, category) => {
    expect(lexiconCategory(word)).toBe(category);
  });

  it('marks insults aimed at someone', () => {
    expect(abuseFeatureKeys('you stupid idiot').lexicon).toContain('l:you+insult');
    expect(abuseFeatureKeys('a stupid plan').lexicon).not.toContain('l:you+insult');
  });
});

describe('local abuse model', () => {
  it('was trained with the features this code computes, and says which version it is', () => {
    expect(model.features).toMatchObject({ version: ABUSE_FEATURES_VERSION, buckets: ABUSE_BUCKETS, fingerprint: abuseFeatureFingerprint() });
    expect(ABUSE_MODEL_INFO).toMatchObject({ name: 'parley-local-abuse', version: expect.stringMatching(/\S/), weightsFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  it('beats the plain TF-IDF baseline on the offensive test split and on held-out news comments', () => {
    const { parley, baseline } = model.evaluation;
    expect(parley['offensive/test'].auc).toBeGreaterThan(baseline['offensive/test'].auc);
    expect(parley['news held-out'].auc).toBeGreaterThan(baseline['news held-out'].auc);
  });

  it('has at least 50 civil and 25 abusive held-out news comments', () => {
    expect([CIVIL.length, ABUSIVE.length]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(CIVIL.length).toBeGreaterThanOrEqual(50);
    expect(ABUSIVE.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CIVIL)('does not hold or flag a legitimate news comment: %s', (text) => {
    const p = abuseProbability(text);
    expect(p).toBeLessThan(settings.abuseHoldThreshold);
    expect(p).toBeLessThan(settings.abuseFlagThreshold);
  });

  it('holds or flags most abusive held-out comments, and ranks them above the civil ones', () => {
    const caught = ABUSIVE.filter((t) => abuseProbability(t) >= settings.abuseFlagThreshold).length;
    expect(caught / ABUSIVE.length).toBeGreaterThanOrEqual(0.7);
    let above = 0;
    for (const a of ABUSIVE) for (const c of CIVIL) if (abuseProbability(a) > abuseProbability(c)) above++;
    expect(above / (ABUSIVE.length * CIVIL.length)).toBeGreaterThan(0.95);
  });

  it('scores a disguised insult about as high as the plain one', () => {
    const plain = abuseProbability('Shut up, you fucking idiot.');
    for (const disguised of ['Shut up, you f*cking 1d10t.', 'Shut up, you f u c k i n g i.d.i.o.t.', 'SHUT UP YOU FUUUCKING IDIOT']) {
      expect(Math.abs(abuseProbability(disguised) - plain)).toBeLessThan(0.1);
    }
  });

  it('returns a probability for any input', () => {
    for (const text of ['', ' ', '😀'.repeat(5000), 'a'.repeat(20_000), '\u0000\uffff', '* * * *', '1 2 3 4 5']) {
      const p = abuseProbability(text);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});

describe('abuse feature buckets', () => {
  it.each([
    'You f*cking 1d10ts, g o   b a c k!!! @user https://x.example/y',
    'Это ещё не подтверждено; هذا لم يتأكد بعد 😀 in 2026',
    ...CIVIL.slice(0, 5),
  ])('are the buckets of the feature keys, in another order: %s', (text) => {
    const keys = abuseFeatureKeys(text);
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
    const fast = abuseFeatureBuckets(text);
    expect({ ...fast, chars: sorted(fast.chars) }).toEqual({ words: keys.words.map(abuseBucket), chars: sorted(keys.chars.map(abuseBucket)), lexicon: keys.lexicon.map(abuseBucket) });
  });
});
