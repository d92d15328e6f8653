import { EnvReader } from './env-reader';

/** The automatic scorers a site can run on each comment (MOD_SCORER lists them). */
export const SCORER_NAMES = ['local', 'perspective', 'openai-moderation', 'llm'] as const;
export type ScorerName = (typeof SCORER_NAMES)[number];
export type RemoteScorerName = Exclude<ScorerName, 'local'>;

/** One remote provider: where it is, how long to wait, and what its scores do. */
export interface RemoteScorerSettings {
  /** Base URL (…/v1alpha1 for Perspective, …/v1 for the OpenAI-compatible ones); null = not configured. */
  url: string | null;
  key: string | null;
  model: string | null;
  timeoutMs: number;
  /** Withhold when one of its scores is at least this; 0 = never hold. */
  hold: number;
  /** Publish with a system flag at this score; 0 = never flag. Both 0: the score only sorts the queues. */
  flag: number;
}

/** Read by comments/pipeline/scorer and the score and retrain commands. */
export interface ScorerSettings {
  /** The site's scorers, in order (MOD_SCORER, a comma-separated list; `off` = none). */
  scorers: ScorerName[];
  /**
   * Sections with scorers of their own (MOD_SCORER_BY_SECTION), by the articles' `section`: between
   * the site's and an article's own setting, which still wins.
   */
  bySection: ReadonlyMap<string, ScorerName[]>;
  /** Time limit of the local scorer, and the default for remote ones. */
  scorerTimeoutMs: number;
  /** A provider's breaker opens after this many consecutive failures (timeouts or errors)… */
  breakerFailures: number;
  /** …and stays open (the provider is skipped) this long before one trial call. */
  breakerCooldownMs: number;
  perspective: RemoteScorerSettings;
  openaiModeration: RemoteScorerSettings;
  llm: RemoteScorerSettings;
  /** Where `npm run retrain` writes model files. */
  modelDir: string;
  /** How often each instance checks PostgreSQL for a newer retrained model; 0 = never (keep the shipped models). */
  modelCheckSeconds: number;
}

const ENV_PREFIX: Record<RemoteScorerName, string> = {
  perspective: 'MOD_SCORER_PERSPECTIVE',
  'openai-moderation': 'MOD_SCORER_OPENAI_MODERATION',
  llm: 'MOD_SCORER_LLM',
};

function readRemote(r: EnvReader, name: RemoteScorerName, defaultTimeout: number, defaultModel: string | null): RemoteScorerSettings {
  const p = ENV_PREFIX[name];
  return {
    url: r.url(`${p}_URL`, ['http:', 'https:'])?.replace(/\/+$/, '') ?? null,
    key: r.optional(`${p}_KEY`),
    model: r.optional(`${p}_MODEL`) ?? defaultModel,
    timeoutMs: r.int(`${p}_TIMEOUT_MS`, defaultTimeout, 1, 60000),
    hold: r.int(`${p}_HOLD_PERCENT`, 90, 0, 100) / 100,
    flag: r.int(`${p}_FLAG_PERCENT`, 75, 0, 100) / 100,
  };
}

/** `off` or a list of scorer names; null when a name is unknown. */
function parseScorerList(items: string[]): ScorerName[] | null {
  if (items.length === 1 && items[0] === 'off') return [];
  if (items.some((s) => !(SCORER_NAMES as readonly string[]).includes(s))) return null;
  return [...new Set(items)] as ScorerName[];
}

function readScorerList(r: EnvReader): ScorerName[] {
  const items = r.list('MOD_SCORER');
  if (items.length === 0) return ['local'];
  const scorers = parseScorerList(items);
  if (scorers === null) {
    r.problems.push(`MOD_SCORER must be "off" or a comma-separated list of ${SCORER_NAMES.join(', ')} (got "${r.env.MOD_SCORER}")`);
    return ['local'];
  }
  return scorers;
}

/** `politics=local,perspective;sport=off`: sections separated by `;`, each `name=list`. */
function readBySection(r: EnvReader): Map<string, ScorerName[]> {
  const bySection = new Map<string, ScorerName[]>();
  const raw = r.optional('MOD_SCORER_BY_SECTION');
  if (raw === null) return bySection;
  for (const part of raw.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const section = eq < 0 ? '' : part.slice(0, eq).trim();
    const scorers = eq < 0 ? null : parseScorerList(part.slice(eq + 1).split(',').map((s) => s.trim()).filter(Boolean));
    if (section === '' || scorers === null || bySection.has(section)) {
      r.problems.push(
        `MOD_SCORER_BY_SECTION must be "section=scorers" entries separated by ";", each section once, scorers "off" or a comma-separated list of ${SCORER_NAMES.join(', ')} (got "${part.trim()}")`,
      );
      continue;
    }
    bySection.set(section, scorers);
  }
  return bySection;
}

export function readScorerSettings(r: EnvReader): ScorerSettings {
  const scorers = readScorerList(r);
  const scorerTimeoutMs = r.int('MOD_SCORER_TIMEOUT_MS', 200, 1, 10000);
  const remoteTimeout = Math.max(scorerTimeoutMs, 1000);
  const settings: ScorerSettings = {
    scorers,
    bySection: readBySection(r),
    scorerTimeoutMs,
    breakerFailures: r.int('MOD_SCORER_BREAKER_FAILURES', 5, 1, 1000),
    breakerCooldownMs: r.int('MOD_SCORER_BREAKER_COOLDOWN_MS', 30000, 0, 3600000),
    perspective: readRemote(r, 'perspective', remoteTimeout, null),
    openaiModeration: readRemote(r, 'openai-moderation', remoteTimeout, 'omni-moderation-latest'),
    llm: readRemote(r, 'llm', Math.max(scorerTimeoutMs, 3000), null),
    modelDir: r.string('MOD_MODEL_DIR', 'models'),
    modelCheckSeconds: r.int('MOD_MODEL_CHECK_SECONDS', 30, 0, 86400),
  };
  for (const name of SCORER_NAMES) {
    if (name === 'local' || configuredRemote(settings, name)) continue;
    if (scorers.includes(name)) r.problems.push(`MOD_SCORER lists ${name}, but ${ENV_PREFIX[name]}_URL is not set`);
    for (const [section, list] of settings.bySection) {
      if (list.includes(name)) r.problems.push(`MOD_SCORER_BY_SECTION gives section "${section}" ${name}, but ${ENV_PREFIX[name]}_URL is not set`);
    }
  }
  if (settings.llm.url && !settings.llm.model) r.problems.push('MOD_SCORER_LLM_URL is set, but MOD_SCORER_LLM_MODEL is not');
  return settings;
}

/** A remote provider's settings by its name. */
export function remoteSettings(s: ScorerSettings, name: RemoteScorerName): RemoteScorerSettings {
  return name === 'perspective' ? s.perspective : name === 'openai-moderation' ? s.openaiModeration : s.llm;
}

/** Whether a provider can run: local always; a remote one once its URL is set. */
export function configuredRemote(s: ScorerSettings, name: ScorerName): boolean {
  return name === 'local' || remoteSettings(s, name).url !== null;
}
