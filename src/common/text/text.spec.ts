import { canonicalUrl } from './canonical-url';
import { slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Both sides claim the river crossing', 'both-sides-claim-the-river-crossing'],
    ['  Ḥalab — Aleppo!  ', 'halab-aleppo'],
    ['Islamic State (ISIS)', 'islamic-state-isis'],
    ['سوريا', ''],
    ['Київ', ''],
    ['a'.repeat(100), 'a'.repeat(80)],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['https://News.Example/a/b#comments', 'https://news.example/a/b'],
    ['https://news.example/a?utm_source=x&id=2&fbclid=y', 'https://news.example/a?id=2'],
    ['https://news.example/a?b=2&a=1', 'https://news.example/a?a=1&b=2'],
    ['http://news.example:80/a', 'http://news.example/a'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'ftp://news.example/a', 'not a url', 'https://user:pw@news.example/a', '/relative'])(
    'refuses %s',
    (input) => {
      expect(canonicalUrl(input)).toBeNull();
    },
  );
});
