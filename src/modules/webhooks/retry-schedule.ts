/**
 * When the next attempt of a delivery is due. `delays[i]` is the wait before retry i + 1, so a
 * delivery gets 1 + delays.length attempts in all; each wait is jittered by ±20 % so that the
 * retries of a burst of failures do not arrive at an endpoint all at once.
 */
export function nextAttemptDelay(attemptsMade: number, delays: readonly number[], random: () => number = Math.random): number | null {
  if (attemptsMade < 1 || attemptsMade > delays.length) return null;
  const base = delays[attemptsMade - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A delivery succeeded when its endpoint answered 2xx; redirects are not followed and count as failures. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
