/** Named rate limits. `login` applies twice: per IP and per email. */
export const LIMIT_NAMES = ['post', 'flag', 'react', 'login'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export interface RateLimitConfig {
  /** Shared counters for several instances; null keeps them in this process. */
  redisUrl: string | null;
  limits: Record<LimitName, { limit: number; windowMs: number }>;
}

const DEFAULTS: Record<LimitName, string> = { post: '1/3s', flag: '2/3s', react: '2/1s', login: '5/60s' };

/** Reads REDIS_URL and RATE_LIMIT_<NAME>=<count>/<seconds>s (e.g. `1/3s`). */
export function parseRateLimitConfig(env: Record<string, string | undefined>, problems: string[]): RateLimitConfig {
  const limits = {} as RateLimitConfig['limits'];
  for (const name of LIMIT_NAMES) {
    const variable = `RATE_LIMIT_${name.toUpperCase()}`;
    const raw = env[variable] || DEFAULTS[name];
    const match = /^(\d+)\/(\d+)s$/.exec(raw.trim());
    const limit = match ? Number(match[1]) : 0;
    const seconds = match ? Number(match[2]) : 0;
    if (!match || limit < 1 || seconds < 1 || seconds > 86400) {
      problems.push(`${variable} must look like 5/60s (count per seconds), got "${raw}"`);
      limits[name] = parse(DEFAULTS[name]);
    } else {
      limits[name] = { limit, windowMs: seconds * 1000 };
    }
  }
  let redisUrl: string | null = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push('REDIS_URL must start with redis:// or rediss://');
    redisUrl = null;
  }
  return { redisUrl, limits };
}

function parse(spec: string): { limit: number; windowMs: number } {
  const [count, seconds] = spec.replace('s', '').split('/').map(Number);
  return { limit: count, windowMs: seconds * 1000 };
}
