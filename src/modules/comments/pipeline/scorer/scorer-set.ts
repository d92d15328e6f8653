import { configuredRemote, remoteSettings, SCORER_NAMES, ScorerName, ScorerSettings } from '../../../../config/scorers.config';
import { CircuitBreaker } from './circuit-breaker';
import { LlmScorer } from './providers/llm';
import { OpenAiModerationScorer } from './providers/openai-moderation';
import { PerspectiveScorer } from './providers/perspective';
import { CommentScorer, LocalModels, LocalScorer, ScoreOutcome, scoreWithTimeout, SHIPPED_MODELS } from './scorer';

interface Entry {
  scorer: CommentScorer;
  timeoutMs: number;
  breaker: CircuitBreaker;
}

/**
 * Every configured provider, each with its own time limit and circuit breaker. `score` runs the
 * named ones side by side and resolves with one outcome per name, never rejecting: a slow,
 * failing or skipped provider is an outcome like any other, and posting goes on.
 */
export class ScorerSet {
  private readonly entries = new Map<ScorerName, Entry>();

  constructor(
    settings: ScorerSettings,
    models: () => LocalModels = () => SHIPPED_MODELS,
    now: () => number = Date.now,
    /** Replaces a provider (tests and benchmarks); the breaker and time limit stay the configured ones. */
    overrides: Partial<Record<ScorerName, CommentScorer>> = {},
  ) {
    for (const name of SCORER_NAMES) {
      if (!configuredRemote(settings, name) && !overrides[name]) continue;
      const timeoutMs = name === 'local' ? settings.scorerTimeoutMs : remoteSettings(settings, name).timeoutMs;
      const scorer = overrides[name] ?? createScorer(settings, name, models);
      this.entries.set(name, { scorer, timeoutMs, breaker: new CircuitBreaker(settings.breakerFailures, settings.breakerCooldownMs, now) });
    }
  }

  /** The providers that can run (local always; a remote one once its URL is set). */
  get available(): ScorerName[] {
    return [...this.entries.keys()];
  }

  breakerState(name: ScorerName): 'closed' | 'open' | 'half-open' | null {
    return this.entries.get(name)?.breaker.state ?? null;
  }

  async score(text: string, names: readonly ScorerName[]): Promise<ScoreOutcome[]> {
    return Promise.all(names.map((name) => this.scoreOne(text, name)));
  }

  private async scoreOne(text: string, name: ScorerName): Promise<ScoreOutcome> {
    const entry = this.entries.get(name);
    if (!entry) return { provider: name, status: 'skipped', spam: null, abuse: null, ms: 0, error: 'not configured' };
    if (!entry.breaker.allow()) {
      return { provider: name, status: 'skipped', spam: null, abuse: null, ms: 0, version: entry.scorer.version, error: 'circuit breaker open' };
    }
    const outcome = await scoreWithTimeout(entry.scorer, text, entry.timeoutMs);
    entry.breaker.record(outcome.status === 'ok');
    return outcome;
  }
}

function createScorer(settings: ScorerSettings, name: ScorerName, models: () => LocalModels): CommentScorer {
  if (name === 'local') return new LocalScorer(models);
  const remote = remoteSettings(settings, name);
  const withUrl = { ...remote, url: remote.url as string };
  if (name === 'perspective') return new PerspectiveScorer(withUrl);
  if (name === 'openai-moderation') return new OpenAiModerationScorer(withUrl);
  return new LlmScorer(withUrl);
}

/** The score queues sort by: the highest spam or abuse probability among the answers (0 when none). */
export function sortScore(outcomes: readonly ScoreOutcome[]): number {
  let best = 0;
  for (const o of outcomes) if (o.status === 'ok') best = Math.max(best, o.spam ?? 0, o.abuse ?? 0);
  return best;
}

/**
 * Which scorers run for an article: its own list when set (stored comma-separated, '' = none), else
 * its section's (MOD_SCORER_BY_SECTION), else the site's.
 */
export function scorersFor(
  article: { scorers: string | null | undefined; section: string | null | undefined },
  site: { scorers: readonly ScorerName[]; bySection: ReadonlyMap<string, readonly ScorerName[]> },
): readonly ScorerName[] {
  if (article.scorers === null || article.scorers === undefined) {
    return (article.section !== null && article.section !== undefined && site.bySection.get(article.section)) || site.scorers;
  }
  return article.scorers === '' ? [] : (article.scorers.split(',') as ScorerName[]);
}
