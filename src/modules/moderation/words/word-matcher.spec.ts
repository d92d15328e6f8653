import { foldForMatching, WordEntry, WordMatcher } from './word-matcher';

const LIST: WordEntry[] = [
  { id: 'ass', phrase: 'ass', kind: 'BANNED' },
  { id: 'lobber', phrase: 'grenade lobber', kind: 'BANNED' },
  { id: 'idiot', phrase: 'idiot', kind: 'SUSPECT' },
  { id: 'cyr', phrase: 'орк', kind: 'SUSPECT' },
  { id: 'ar', phrase: 'خنزير', kind: 'BANNED' },
];

const matcher = new WordMatcher(LIST);
const ids = (text: string) => matcher.match(text).map((m) => m.id).sort();

describe('word matcher', () => {
  it.each([
    ['plain word', 'what an idiot', ['idiot']],
    ['upper case', 'WHAT AN IDIOT', ['idiot']],
    ['leetspeak', 'what an 1d10t', ['idiot']],
    ['symbols for letters', 'you @$$', ['ass']],
    ['spaced letters', 'what an i d i o t', ['idiot']],
    ['dotted letters', 'what an i.d.i.o.t!', ['idiot']],
    ['dashed and underscored', 'i-d-i-o-t and i_d_i_o_t', ['idiot']],
    ['stretched letters', 'idiooooot', ['idiot']],
    ['accents', 'ídíòt', ['idiot']],
    ['fullwidth forms', 'ｉｄｉｏｔ', ['idiot']],
    ['zero-width characters', 'id\u200Biot', ['idiot']],
    ['Cyrillic look-alikes in a Latin word', 'іdіоt', ['idiot']],
    ['a phrase', 'a grenade lobber again', ['lobber']],
    ['a disguised phrase', 'gr3nade  l.o.b.b.e.r', ['lobber']],
    ['a Cyrillic entry in Cyrillic text', 'ещё один орк', ['cyr']],
    ['an Arabic entry', 'يا خنزير', ['ar']],
    ['emoji do not break matching', '🙂 idiot 🙂', ['idiot']],
    ['each entry once', 'idiot idiot idiot', ['idiot']],
  ])('matches %s', (_label, text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it.each([
    ['class'],
    ['assess the damage'],
    ['Massachusetts'],
    ['a grenade was thrown'],
    ['lobbing grenades'],
    ['idiotic'],
    ['the town of Korkino'],
  ])('does not match inside other words: %s', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('matches nothing with an empty list', () => {
    expect(new WordMatcher([]).match('anything at all')).toEqual([]);
  });

  it('handles a long body', () => {
    const body = 'Reports from the front are unverified. '.repeat(250) + ' idiot';
    expect(body.length).toBeGreaterThan(9000);
    expect(ids(body)).toEqual(['idiot']);
  });

  it('folds text the same way for entries and comments', () => {
    expect(foldForMatching('Gr3nade   L.o.b.b.e.r')).toBe('grenade l o b b e r');
  });
});
