/**
 * One JSON POST to a scoring provider with Node's fetch. The caller's signal aborts it (the
 * scorer's time limit); any status other than 2xx, or a body that is not JSON, is an error whose
 * message is short and never carries the provider's answer or the key.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
    redirect: 'error',
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} from the provider`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('the provider answered with something other than JSON');
  }
}

/** A probability in [0, 1], or an error naming what was expected. */
export function probability(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${what} is not a probability`);
  return value;
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
