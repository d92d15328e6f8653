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

/** What a provider answers: its scores, and (an LLM) one of Parley's reason codes with a one-line rationale. */
export interface ScorerAnswer extends CommentScores {
  reason?: string | null;
  rationale?: string | null;
  /** The model that answered, when the provider says (else the scorer's own `version`). */
  version?: string;
}

export interface CommentScorer {
  readonly name: string;
  /** The model version(s) that score, recorded with each outcome so decisions can be traced to a model. */
  readonly version?: string;
  /** Should stop work and reject when `signal` aborts; scoreWithTimeout copes if it does not. */
  score(text: string, signal: AbortSignal): Promise<ScorerAnswer>;
}

export interface ScoreOutcome {
  provider: string;
  /** `skipped`: the provider's circuit breaker was open, so it was not called. */
  status: 'ok' | 'timeout' | 'error' | 'skipped';
  spam: number | null;
  abuse: number | null;
  /** Time the caller waited, in whole milliseconds. */
  ms: number;
  /** The scorer's model version(s), when it says. */
  version?: string;
  /** A Parley reason code the provider chose (the LLM scorer), and its one-line rationale for the moderator. */
  reason?: string;
  rationale?: string;
  /** What went wrong, for a timeout, an error or a skip (short; never the provider's whole answer). */
  error?: string;
}

/** Reads the local models at call time, so a retrained model that an instance loads is used from the next comment on. */
export interface LocalModels {
  spamProbability(text: string): number;
  abuseProbability(text: string): number;
  readonly version: string;
}

/** The models shipped in the repository. */
export const SHIPPED_MODELS: LocalModels = {
  spamProbability,
  abuseProbability,
  version: `spam ${SPAM_MODEL_INFO.trainedAt.slice(0, 10)}, abuse ${ABUSE_MODEL_INFO.version}`,
};

/** The built-in models (logistic regression over hashed n-grams), in-process: spam and abuse. */
export class LocalScorer implements CommentScorer {
  readonly name = 'local';

  constructor(private readonly models: () => LocalModels = () => SHIPPED_MODELS) {}

  get version(): string {
    return this.models().version;
  }

  async score(text: string, signal?: AbortSignal): Promise<ScorerAnswer> {
    signal?.throwIfAborted();
    const models = this.models();
    return { spam: models.spamProbability(text), abuse: models.abuseProbability(text), version: models.version };
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
  const outcome = (status: ScoreOutcome['status'], answer: ScorerAnswer | null = null, error?: string): ScoreOutcome => {
    const v = typeof answer?.version === 'string' ? answer.version : version;
    return {
      provider,
      status,
      spam: answer?.spam ?? null,
      abuse: answer?.abuse ?? null,
      ms: Math.round(performance.now() - started),
      ...(v === undefined ? {} : { version: v }),
      ...(typeof answer?.reason === 'string' ? { reason: answer.reason } : {}),
      ...(typeof answer?.rationale === 'string' ? { rationale: answer.rationale } : {}),
      ...(error === undefined ? {} : { error: error.slice(0, 200) }),
    };
  };

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
      return outcome('timeout', null, `no answer within ${timeoutMs} ms`);
    }
    const answer = result as Partial<ScorerAnswer> | null | undefined;
    if (!answer || !isScore(answer.spam ?? null) || !isScore(answer.abuse ?? null)) return outcome('error', null, 'the answer holds no valid scores');
    return outcome('ok', { ...answer, spam: answer.spam ?? null, abuse: answer.abuse ?? null });
  } catch (err) {
    return outcome('error', null, err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
}
