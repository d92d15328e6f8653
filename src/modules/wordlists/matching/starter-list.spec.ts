import { NEWS_ALLOW, starterEntries } from './starter-list';
import { WordMatcher } from './word-matcher';

describe('the starter list', () => {
  it('is empty when off', () => {
    expect(starterEntries('off')).toEqual([]);
  });

  it('gives every entry the chosen kind and a stable id', () => {
    const entries = starterEntries('SUSPECT');
    expect(entries.length).toBeGreaterThan(200);
    expect(entries.every((e) => e.kind === 'SUSPECT' && e.id === `starter:${e.phrase}`)).toBe(true);
  });

  it('leaves out what news reports need, and catches insults and their disguises', () => {
    const matcher = new WordMatcher(starterEntries('BANNED'));
    const phrases = (text: string) => matcher.match(text).map((m) => m.phrase);
    expect(NEWS_ALLOW.has('rape')).toBe(true);
    expect(phrases('Witnesses described rape, torture by bastinado and strappado, and a swastika painted on the school.')).toEqual([]);
    expect(phrases('The crisis is snowballing; the currency pegging held; the rifle was cocked.')).toEqual([]);
    expect(phrases('you f*cking b1tches and a-s-s-h-o-l-e-s')).toEqual(expect.arrayContaining(['fucking', 'bitches', 'asshole']));
  });
});
