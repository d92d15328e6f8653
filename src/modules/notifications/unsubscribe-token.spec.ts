import { signUnsubscribe, verifyUnsubscribe } from './unsubscribe-token';

const KEY = 'k'.repeat(40);
const USER = '0b6f3c1e-7d2a-4c55-9a0e-3f1d2b4c5a6e';

describe('unsubscribe tokens', () => {
  it('round-trips the user and the kind it names', () => {
    for (const topic of ['reply', 'decision', 'appeal', 'verdict', 'all'] as const) {
      expect(verifyUnsubscribe(KEY, signUnsubscribe(KEY, { userId: USER, topic }))).toEqual({ userId: USER, topic });
    }
  });

  it('refuses a token signed with another key', () => {
    expect(verifyUnsubscribe(KEY, signUnsubscribe('other-key-'.repeat(4), { userId: USER, topic: 'reply' }))).toBeNull();
  });

  it('refuses a token whose user or kind was changed (the signature covers both)', () => {
    const [, , sig] = signUnsubscribe(KEY, { userId: USER, topic: 'reply' }).split('.');
    expect(verifyUnsubscribe(KEY, `${USER}.all.${sig}`)).toBeNull();
    expect(verifyUnsubscribe(KEY, `${USER.replace('0b6f', '1b6f')}.reply.${sig}`)).toBeNull();
  });

  it.each(['', 'x', `${USER}.reply`, `${USER}.reply.`, `${USER}.weekly.${'a'.repeat(43)}`, `not-a-uuid.reply.${'a'.repeat(43)}`, `${USER}.reply.${'a'.repeat(42)}!`, `${USER}.reply.${'a'.repeat(43)}.extra`])(
    'refuses a malformed token: %j',
    (token) => {
      expect(verifyUnsubscribe(KEY, token)).toBeNull();
    },
  );
});
