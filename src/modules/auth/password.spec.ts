import { passwordProblem, personalWords } from './password';

const policy = { minLength: 10 };

/** Common weak choices of at least 10 characters: each passes a length rule, and a short list missed 9 of them. */
const WEAK = [
  'Password1!',
  'qwerty123456',
  'iloveyou2024',
  'Summer2024!',
  'Welcome123!',
  'letmein12345',
  'P@ssw0rd123',
  'Qwerty!2345',
  'abc123abc123',
  'monkey123456',
  'Football2023',
  'dragon12345!',
  'Passw0rd!234',
  '1q2w3e4r5t6y',
  'Charlie2020!',
  'trustno1trustno1',
  'Sunshine@1',
  'Admin12345!',
  'abcdefghij1',
  'baseball1234',
];

const STRONG = ['correct horse battery', 'a long passphrase', 'Quartz-lantern-river-9', 'Xq7#mLp2$vRt', 'a very long admin passphrase', 'olive tractor monsoon ledger'];

describe('password strength (zxcvbn-ts, score 3 or more)', () => {
  it.each(WEAK)('refuses the common weak password %s, with the estimator\'s advice', (password) => {
    const problem = passwordProblem(password, policy, ['lena@example.org', 'Lena K.']);
    expect(problem).toMatch(/^This password is too easy to guess\. .+/);
  });

  it('refuses all twenty', () => {
    expect(WEAK.filter((p) => passwordProblem(p, policy) === null)).toEqual([]);
    expect(WEAK).toHaveLength(20);
  });

  it.each(STRONG)('accepts %s', (password) => {
    expect(passwordProblem(password, policy, ['lena@example.org', 'Lena K.'])).toBeNull();
  });

  it('passes the email and name to the estimator, so a password made of them scores low', () => {
    const personal = ['lena.karimova@example.org', 'Lena Karimova'];
    expect(passwordProblem('lenakarimova1990', policy, personal)).toMatch(/personal/);
    expect(personalWords(personal)).toEqual(expect.arrayContaining(['lena.karimova', 'lenakarimova', 'karimova', 'lena karimova']));
  });

  // What these inputs cost (the estimator reads 64 characters at most) is measured by
  // bench/input-costs.mjs, not timed here.
  it('keeps the length rules and rates the longest repetitive inputs as weak', () => {
    expect(passwordProblem('short', policy)).toBe('Use at least 10 characters.');
    expect(passwordProblem('x'.repeat(257), policy)).toBe('Use at most 256 characters.');
    for (const unit of ['ab1', '1q2w', 'password', 'P@5$']) {
      expect(passwordProblem(unit.repeat(Math.floor(256 / unit.length)), policy)).toEqual(expect.any(String));
    }
  });
});
