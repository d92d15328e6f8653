import { ConfigError, loadConfig } from './config';
import { parseLimitSpec, parseRateLimitConfig } from './rate-limit.config';

function parse(env: Record<string, string | undefined>) {
  const problems: string[] = [];
  const config = parseRateLimitConfig(env, problems);
  return { config, problems };
}

describe('parseRateLimitConfig', () => {
  it('defaults to counters in PostgreSQL and the documented limits', () => {
    const { config, problems } = parse({});
    expect(problems).toEqual([]);
    expect(config).toEqual({
      redisUrl: null,
      store: 'postgres',
      limits: {
        post: { limit: 1, windowMs: 3000 },
        flag: { limit: 2, windowMs: 3000 },
        react: { limit: 2, windowMs: 1000 },
        login: { limit: 5, windowMs: 60000 },
      },
    });
  });

  it('treats empty values as unset', () => {
    const { config, problems } = parse({ REDIS_URL: '', RATE_LIMIT_POST: '', RATE_LIMIT_LOGIN: '  ' });
    expect(problems).toEqual([]);
    expect(config.redisUrl).toBeNull();
    expect(config.limits.post).toEqual({ limit: 1, windowMs: 3000 });
    expect(config.limits.login).toEqual({ limit: 5, windowMs: 60000 });
  });

  it('reads each limit as <count>/<seconds>s', () => {
    const { config, problems } = parse({
      RATE_LIMIT_POST: '3/10s',
      RATE_LIMIT_FLAG: '10/60s',
      RATE_LIMIT_REACT: ' 20/1s ',
      RATE_LIMIT_LOGIN: '10000/86400s',
    });
    expect(problems).toEqual([]);
    expect(config.limits).toEqual({
      post: { limit: 3, windowMs: 10000 },
      flag: { limit: 10, windowMs: 60000 },
      react: { limit: 20, windowMs: 1000 },
      login: { limit: 10000, windowMs: 86400000 },
    });
  });

  it.each(['5', '5/60', '5/60ms', '5/1m', '0/3s', '5/0s', '-1/3s', '1.5/3s', '1/2.5s', 'five/60s', '5 / 60s', '1/86401s', '1000001/1s', '/3s'])(
    'rejects %j, naming the variable, and keeps the default',
    (value) => {
      const { config, problems } = parse({ RATE_LIMIT_FLAG: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^RATE_LIMIT_FLAG must be <count>\/<seconds>s/);
      expect(problems[0]).toContain(`"${value}"`);
      expect(config.limits.flag).toEqual({ limit: 2, windowMs: 3000 });
    },
  );

  it('reports every bad variable at once, adding to the problems already found', () => {
    const problems = ['PORT must be a whole number'];
    parseRateLimitConfig({ RATE_LIMIT_POST: 'x', RATE_LIMIT_REACT: 'y', RATE_LIMIT_LOGIN: 'z', REDIS_URL: 'http://cache' }, problems);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('PORT must be a whole number');
    expect(problems.slice(1).map((p) => p.split(' ')[0])).toEqual(['RATE_LIMIT_POST', 'RATE_LIMIT_REACT', 'RATE_LIMIT_LOGIN', 'REDIS_URL']);
  });

  it.each(['redis://127.0.0.1:6379', 'redis://cache:6379/2', 'rediss://user:secret@cache.example:6380/0', 'redis://cache'])(
    'accepts REDIS_URL %s',
    (url) => {
      const { config, problems } = parse({ REDIS_URL: url });
      expect(problems).toEqual([]);
      expect(config.redisUrl).toBe(url);
    },
  );

  it.each(['http://cache:6379', 'cache:6379', '127.0.0.1:6379', 'redis://', 'not a url', 'memcached://cache'])('rejects REDIS_URL %j', (url) => {
    const { config, problems } = parse({ REDIS_URL: url });
    expect(config.redisUrl).toBeNull();
    expect(problems).toEqual(['REDIS_URL must be a URL starting with redis:// or rediss:// and naming a host']);
  });

  it('never repeats a REDIS_URL (it may carry a password) in its message', () => {
    const { problems } = parse({ REDIS_URL: 'http://user:hunter2hunter2@cache' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});

describe('RATE_LIMIT_STORE', () => {
  it('is Redis with REDIS_URL, else PostgreSQL, or memory when asked', () => {
    expect(parse({ REDIS_URL: 'redis://cache:6379' }).config.store).toBe('redis');
    expect(parse({ RATE_LIMIT_STORE: 'memory' }).config.store).toBe('memory');
    expect(parse({ RATE_LIMIT_STORE: 'postgres' }).config.store).toBe('postgres');
  });

  it('refuses a store that cannot be had', () => {
    expect(parse({ RATE_LIMIT_STORE: 'redis' }).problems).toEqual([expect.stringMatching(/RATE_LIMIT_STORE must be "postgres".*"redis" needs REDIS_URL/)]);
    expect(parse({ REDIS_URL: 'redis://cache:6379', RATE_LIMIT_STORE: 'memory' }).problems).toEqual([expect.stringMatching(/must be unset or "redis" when REDIS_URL is set/)]);
    expect(parse({ RATE_LIMIT_STORE: 'disk' }).problems).toHaveLength(1);
  });
});

describe('loadConfig with rate limits', () => {
  it('exposes them as config.rateLimits', () => {
    const config = loadConfig({ REDIS_URL: 'redis://cache:6379', RATE_LIMIT_POST: '2/5s' });
    expect(config.rateLimits.redisUrl).toBe('redis://cache:6379');
    expect(config.rateLimits.limits.post).toEqual({ limit: 2, windowMs: 5000 });
  });

  it('stops start-up on a bad value, naming the variable', () => {
    expect(() => loadConfig({ RATE_LIMIT_LOGIN: '5 per minute' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_LOGIN: '5 per minute' })).toThrow(/RATE_LIMIT_LOGIN must be/);
  });
});

describe('parseLimitSpec', () => {
  it('converts seconds to milliseconds', () => {
    expect(parseLimitSpec('1/3s')).toEqual({ limit: 1, windowMs: 3000 });
    expect(parseLimitSpec('5/60s')).toEqual({ limit: 5, windowMs: 60000 });
  });
  it('returns null for anything else', () => {
    expect(parseLimitSpec('1/3')).toBeNull();
    expect(parseLimitSpec('')).toBeNull();
  });
});
