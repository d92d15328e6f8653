import { mayReadReplica } from './read-routing';

describe('mayReadReplica', () => {
  const window = 5_000;
  const now = 1_800_000_000_000;

  it.each([
    ['an anonymous GET', 'GET', undefined, undefined, true],
    ['an anonymous HEAD', 'HEAD', undefined, undefined, true],
    ['a signed-in GET with no write mark', 'GET', 'Bearer t', undefined, true],
    ['a signed-in GET whose mark is older than the window', 'GET', 'Bearer t', String(now - window), true],
    ['a signed-in GET with a mark that is not a number', 'GET', 'Bearer t', 'soon', true],
    ['an anonymous GET with a mark (only a credential makes it count)', 'GET', undefined, String(now), true],
    ['a signed-in GET within the window of its write', 'GET', 'Bearer t', String(now - window + 1), false],
    ['a signed-in GET with a mark from the future', 'GET', 'Bearer t', String(now + 60_000), false],
    ['a POST', 'POST', 'Bearer t', undefined, false],
    ['a DELETE', 'DELETE', undefined, undefined, false],
  ])('%s → replica allowed: %s', (_label, method, authorization, wroteAt, expected) => {
    expect(mayReadReplica(method, authorization, wroteAt, window, now)).toBe(expected);
  });
});
