import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import * as argon2 from 'argon2';

export interface PasswordPolicy {
  minLength: number;
}

export interface HashCost {
  memoryKib: number;
  iterations: number;
}

const MAX_LENGTH = 256;

/** zxcvbn's scale: 0 too guessable … 4 very unguessable; 3 is "safely unguessable" (about 10^10 guesses). */
export const MIN_PASSWORD_SCORE = 3;

/**
 * zxcvbn-ts with its common and English dictionaries (breached passwords, names, words, keyboard
 * patterns). The two limits keep one estimate to tens of milliseconds: with the defaults a
 * 100-character repetition took up to 1.8 s of CPU on the public registration route. Characters
 * past the 64th only add strength, so leaving them out never accepts a weaker password. Built on
 * the first password checked, not at start: ranking the dictionaries took ~0.9 s of a start's
 * CPU on a loaded machine, paid by every start and every test file whether or not anyone signs up.
 */
let estimator: ZxcvbnFactory | null = null;
function passwordEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    maxLength: 64,
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

/** The user's own words for the estimator: the email, its local part and its pieces, the name and its words. */
export function personalWords(values: string[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    const lower = value.toLowerCase().trim();
    const local = lower.split('@')[0];
    for (const w of [lower, local, local.replace(/[^\p{L}\p{N}]+/gu, '')]) if (w) words.add(w);
    for (const w of local.split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3) words.add(w);
  }
  return [...words];
}

/** Returns why a password is refused (with the estimator's advice), or null when it is acceptable. */
export function passwordProblem(password: string, policy: PasswordPolicy, personal: string[] = []): string | null {
  const length = [...password].length;
  if (length < policy.minLength) return `Use at least ${policy.minLength} characters.`;
  if (length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  for (const value of personal) {
    // The email's local part or the display name inside the password makes it guessable.
    const v = value.toLowerCase().split('@')[0].trim();
    if (v.length >= 4 && lower.includes(v)) return 'Do not base your password on your name or email.';
  }
  const { score, feedback } = passwordEstimator().check(password, personalWords(personal));
  if (score >= MIN_PASSWORD_SCORE) return null;
  const advice = [feedback.warning, ...feedback.suggestions].filter((s): s is string => Boolean(s));
  return `This password is too easy to guess.${advice.length > 0 ? ` ${advice.join(' ')}` : ''} A few unrelated words make a strong one.`;
}

export function hashPassword(password: string, cost: HashCost): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: cost.memoryKib, timeCost: cost.iterations, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
