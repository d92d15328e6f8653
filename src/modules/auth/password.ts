import * as argon2 from 'argon2';
import { COMMON_PASSWORDS } from './common-passwords';

export interface PasswordPolicy {
  minLength: number;
}

export interface HashCost {
  memoryKib: number;
  iterations: number;
}

const MAX_LENGTH = 256;

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, policy: PasswordPolicy, personal: string[] = []): string | null {
  const length = [...password].length;
  if (length < policy.minLength) return `Use at least ${policy.minLength} characters.`;
  if (length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password is too common; choose another.';
  if (new Set(lower).size <= 2) return 'This password repeats too few characters; choose another.';
  for (const value of personal) {
    // The email's local part or the display name inside the password makes it guessable.
    const v = value.toLowerCase().split('@')[0].trim();
    if (v.length >= 4 && lower.includes(v)) return 'Do not base your password on your name or email.';
  }
  return null;
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
