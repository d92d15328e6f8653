import { ABUSE_MODEL_INFO, abuseProbability } from './abuse-model';
import { SPAM_MODEL_INFO, spamProbability } from './spam-model';

/**
 * Automated scoring behind a pluggable interface. The hosted toxicity API most comment systems
 * used is being shut down, so scores come from a local model or from any provider that implements
 * CommentScorer. Providers may be slow or down: scoreWithTimeout bounds every call, never throws,
 * and reports what happened, so posting never waits on a provider.
 */

/** Probabilities in [0, 1]; null when the provider does not score that dimension. */
export interface CommentScores {
  spam: number | null;
  abuse: number | null;
}

export interface CommentScorer {
  readonly name: string;
  /** The model version(s) that score, recorded with each outcome so decisions can be traced to a model. */
  readonly version?: string;
  /** Should stop work and reject when `signal` aborts; scoreWithTimeout copes if it does not. */
  score(text: string, signal: AbortSignal): Promise<{ spam: number | null; abuse: number | null }>;
}

export interface ScoreOutcome {
  provider: string;
  status: 'ok' | 'timeout' | 'error';
  spam: number | null;
  abuse: number | null;
  /** Time the caller waited, in whole milliseconds. */
  ms: number;
  /** The scorer's model version(s), when it says. */
  version?: string;
}

/** The built-in models (logistic regression over hashed n-grams), in-process: spam and abuse. */
export class LocalScorer implements CommentScorer {
  readonly name = 'local';
  readonly version = `spam ${SPAM_MODEL_INFO.trainedAt.slice(0, 10)}, abuse ${ABUSE_MODEL_INFO.version}`;

  async score(text: string, signal?: AbortSignal): Promise<{ spam: number | null; abuse: number | null }> {
    signal?.throwIfAborted();
    return { spam: spamProbability(text), abuse: abuseProbability(text) };
  }
}

const isScore = (x: unknown): x is number | null => x === null || (typeof x === 'number' && x >= 0 && x <= 1);

/**
 * Runs a scorer for at most timeoutMs (a negative or non-finite limit counts as 0). Resolves with
 * 'ok' and the scores, 'timeout' (the signal is aborted and a late answer is ignored, even from a
 * provider that never looks at its signal), or 'error' (the provider threw, rejected, or answered
 * with something that is not a score). Never rejects.
 *
 * A provider that blocks the event loop synchronously cannot be interrupted by any timer; the
 * built-in model takes microseconds, and remote providers are asynchronous by nature.
 */
export async function scoreWithTimeout(scorer: CommentScorer, text: string, timeoutMs: number): Promise<ScoreOutcome> {
  const started = performance.now();
  const provider = typeof scorer?.name === 'string' ? scorer.name : 'unknown';
  const version = typeof scorer?.version === 'string' ? scorer.version : undefined;
  const outcome = (status: ScoreOutcome['status'], scores: CommentScores | null = null): ScoreOutcome => ({
    provider,
    status,
    spam: scores?.spam ?? null,
    abuse: scores?.abuse ?? null,
    ms: Math.round(performance.now() - started),
    ...(version === undefined ? {} : { version }),
  });

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const TIMED_OUT = Symbol('timeout');
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 0);
  });

  let pending: Promise<unknown>;
  try {
    pending = Promise.resolve(scorer.score(text, controller.signal));
  } catch (err) {
    pending = Promise.reject(err);
  }

  try {
    const result = await Promise.race([pending, deadline]);
    if (result === TIMED_OUT) {
      controller.abort(new Error(`scorer ${provider} timed out after ${timeoutMs} ms`));
      return outcome('timeout');
    }
    const scores = result as Partial<CommentScores> | null | undefined;
    if (!scores || !isScore(scores.spam ?? null) || !isScore(scores.abuse ?? null)) return outcome('error');
    return outcome('ok', { spam: scores.spam ?? null, abuse: scores.abuse ?? null });
  } catch {
    return outcome('error');
  } finally {
    clearTimeout(timer);
  }
}
