/**
 * Rate-limit settings (read by common/rate-limit), parsed by loadConfig into `config.rateLimits`.
 * Nothing here reads process.env: the environment is handed in.
 */

/** The named limits a route can opt into with @RateLimit(name). `login` is counted per IP and per email. */
export const LIMIT_NAMES = ['post', 'flag', 'react', 'login'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export interface LimitSpec {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  /** redis:// or rediss:// URL: counters shared by every instance in Redis. */
  redisUrl: string | null;
  /**
   * Where counters live: Redis when REDIS_URL is set; else PostgreSQL (shared by every instance on
   * the database), or process memory when RATE_LIMIT_STORE=memory (one instance only).
   */
  store: 'redis' | 'postgres' | 'memory';
  limits: Record<LimitName, LimitSpec>;
}

export const DEFAULT_LIMITS: Readonly<Record<LimitName, string>> = {
  post: '1/3s',
  flag: '2/3s',
  react: '2/1s',
  login: '5/60s',
};

const MAX_COUNT = 1_000_000;
const MAX_WINDOW_SECONDS = 86_400;
const SPEC = /^(\d{1,7})\/(\d{1,6})s$/;

/** `5/60s` → 5 per 60 000 ms; null when malformed or out of range. */
export function parseLimitSpec(raw: string): LimitSpec | null {
  const match = SPEC.exec(raw.trim());
  if (!match) return null;
  const limit = Number(match[1]);
  const seconds = Number(match[2]);
  if (limit < 1 || limit > MAX_COUNT || seconds < 1 || seconds > MAX_WINDOW_SECONDS) return null;
  return { limit, windowMs: seconds * 1000 };
}

/**
 * Reads REDIS_URL, RATE_LIMIT_STORE and RATE_LIMIT_POST / _FLAG / _REACT / _LOGIN (`<count>/<seconds>s`, e.g. `1/3s`).
 * Unset or empty variables take the defaults; a bad value adds a message naming the variable to
 * `problems` (and the default is used so parsing can go on and report every problem at once).
 */
export function parseRateLimitConfig(env: Record<string, string | undefined>, problems: string[]): RateLimitConfig {
  const limits = {} as Record<LimitName, LimitSpec>;
  for (const name of LIMIT_NAMES) {
    const variable = `RATE_LIMIT_${name.toUpperCase()}`;
    const raw = env[variable];
    const parsed = raw === undefined || raw.trim() === '' ? parseLimitSpec(DEFAULT_LIMITS[name]) : parseLimitSpec(raw);
    if (parsed === null) {
      problems.push(
        `${variable} must be <count>/<seconds>s, e.g. ${DEFAULT_LIMITS[name]}, with a count from 1 to ${MAX_COUNT} ` +
          `and 1 to ${MAX_WINDOW_SECONDS} seconds (got "${raw}")`,
      );
    }
    limits[name] = parsed ?? (parseLimitSpec(DEFAULT_LIMITS[name]) as LimitSpec);
  }
  const redis = redisUrl(env.REDIS_URL, problems);
  return { redisUrl: redis, store: store(env.RATE_LIMIT_STORE, redis !== null, problems), limits };
}

function store(raw: string | undefined, hasRedis: boolean, problems: string[]): RateLimitConfig['store'] {
  const value = (raw ?? '').trim();
  if (value === '') return hasRedis ? 'redis' : 'postgres';
  if (value === 'redis' && hasRedis) return 'redis';
  if ((value === 'postgres' || value === 'memory') && !hasRedis) return value;
  problems.push(
    hasRedis
      ? `RATE_LIMIT_STORE must be unset or "redis" when REDIS_URL is set (got "${value}")`
      : `RATE_LIMIT_STORE must be "postgres" (the default) or "memory" (got "${value}"; "redis" needs REDIS_URL)`,
  );
  return hasRedis ? 'redis' : 'postgres';
}

function redisUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    // The value is not echoed: a Redis URL may carry a password.
    problems.push('REDIS_URL must be a URL starting with redis:// or rediss:// and naming a host');
    return null;
  }
  return value;
}
