import { spamProbability } from './spam-model';

/**
 * Automated scoring behind a pluggable interface. Providers may be slow or down (the hosted
 * toxicity API most sites used is being shut down): scoring is bounded by a timeout, never
 * throws, and its outcome is recorded with the comment's check run.
 */
export interface CommentScorer {
  readonly name: string;
  score(text: string, signal: AbortSignal): Promise<{ spam: number | null; abuse: number | null }>;
}

export interface ScoreOutcome {
  provider: string;
  status: 'ok' | 'timeout' | 'error';
  spam: number | null;
  abuse: number | null;
  ms: number;
}

/** The built-in spam model (logistic regression over hashed n-grams); runs in-process. */
export class LocalSpamScorer implements CommentScorer {
  readonly name = 'local-spam';

  async score(text: string): Promise<{ spam: number | null; abuse: number | null }> {
    return { spam: spamProbability(text), abuse: null };
  }
}

/** Runs a scorer for at most timeoutMs; a provider that ignores the abort signal still cannot delay the caller. */
export async function scoreWithTimeout(scorer: CommentScorer, text: string, timeoutMs: number): Promise<ScoreOutcome> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const result = await Promise.race([scorer.score(text, controller.signal), timeout]);
    if (result === 'timeout') {
      controller.abort();
      return { provider: scorer.name, status: 'timeout', spam: null, abuse: null, ms: elapsed() };
    }
    return { provider: scorer.name, status: 'ok', spam: result.spam, abuse: result.abuse, ms: elapsed() };
  } catch {
    return { provider: scorer.name, status: 'error', spam: null, abuse: null, ms: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}
