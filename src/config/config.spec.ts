import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      embeddedPgDir: '.data/postgres',
      seedDemoData: true,
      bodyLimitBytes: 256 * 1024,
      commentsCloseAfterDays: 14,
      articleUrlHosts: [],
      publicUrl: 'http://localhost:3000',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: '80' }, { port: 80, publicUrl: 'http://localhost:80' }],
    [{ DATABASE_URL: 'postgresql://u@db:5432/p' }, { databaseUrl: 'postgresql://u@db:5432/p' }],
    [{ BODY_LIMIT: '1mb' }, { bodyLimitBytes: 1024 * 1024 }],
    [{ BODY_LIMIT: '64kb' }, { bodyLimitBytes: 65536 }],
    [{ SEED_DEMO_DATA: 'off' }, { seedDemoData: false }],
    [{ ARTICLE_URL_HOSTS: 'News.Example, www.news.example ,' }, { articleUrlHosts: ['news.example', 'www.news.example'] }],
    [{ PUBLIC_URL: 'https://talk.news.example/' }, { publicUrl: 'https://talk.news.example' }],
    [{ CORS_ORIGINS: 'https://News.example, http://localhost:8080/' }, { corsOrigins: ['https://news.example', 'http://localhost:8080'] }],
    [{ METRICS_TOKEN: 'scrape-me-0123456789' }, { metricsToken: 'scrape-me-0123456789' }],
    [{ SHUTDOWN_GRACE_SECONDS: '30' }, { shutdownGraceSeconds: 30 }],
    [{}, { trustProxy: false }],
    [{ TRUST_PROXY: 'false' }, { trustProxy: false }],
    [{ TRUST_PROXY: '0' }, { trustProxy: false }],
    [{ TRUST_PROXY: '2' }, { trustProxy: 2 }],
    [{ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::/8,192.168.1.7, 172.16.0.0/255.240.0.0' }, { trustProxy: ['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.7', '172.16.0.0/255.240.0.0'] }],
    [{}, { moderation: expect.objectContaining({ abuseHoldThreshold: 0.9, abuseFlagThreshold: 0.75, spamThreshold: 0.98, spamFlagThreshold: 0.8, starterWords: 'off' }) }],
    [{ MOD_ABUSE_HOLD_PERCENT: '95', MOD_ABUSE_FLAG_PERCENT: '0' }, { moderation: expect.objectContaining({ abuseHoldThreshold: 0.95, abuseFlagThreshold: 0 }) }],
    [{ MOD_SPAM_FLAG_PERCENT: '0', MOD_STARTER_WORDS: 'banned' }, { moderation: expect.objectContaining({ spamFlagThreshold: 0, starterWords: 'BANNED' }) }],
    [{ MOD_STARTER_WORDS: 'suspect' }, { moderation: expect.objectContaining({ starterWords: 'SUSPECT' }) }],
    [{}, { moderation: expect.objectContaining({ scorers: ['local'], breakerFailures: 5, breakerCooldownMs: 30000, modelDir: 'models', modelCheckSeconds: 30 }) }],
    [{ MOD_SCORER: 'off' }, { moderation: expect.objectContaining({ scorers: [] }) }],
    [
      { MOD_SCORER: 'Local, perspective', MOD_SCORER_PERSPECTIVE_URL: 'https://analyzer.example/v1alpha1/', MOD_SCORER_PERSPECTIVE_HOLD_PERCENT: '0' },
      { moderation: expect.objectContaining({ scorers: ['local', 'perspective'], perspective: expect.objectContaining({ url: 'https://analyzer.example/v1alpha1', hold: 0, flag: 0.75, timeoutMs: 1000 }) }) },
    ],
    [
      { MOD_SCORER: 'llm', MOD_SCORER_LLM_URL: 'http://127.0.0.1:8080/v1', MOD_SCORER_LLM_MODEL: 'qwen', MOD_SCORER_LLM_TIMEOUT_MS: '5000' },
      { moderation: expect.objectContaining({ scorers: ['llm'], llm: expect.objectContaining({ model: 'qwen', timeoutMs: 5000, key: null }) }) },
    ],
    [{ MOD_SCORER_OPENAI_MODERATION_URL: 'https://api.openai.com/v1' }, { moderation: expect.objectContaining({ scorers: ['local'], openaiModeration: expect.objectContaining({ model: 'omni-moderation-latest' }) }) }],
    [{}, { moderation: expect.objectContaining({ factCheckOrgName: 'Parley fact-check desk', factCheckOrgUrl: null, factCheckPageUrl: null }) }],
    [
      { FACTCHECK_ORG_NAME: 'The Daily Example', FACTCHECK_ORG_URL: 'https://news.example', FACTCHECK_PAGE_URL: 'https://news.example/fact-checks/{id}' },
      { moderation: expect.objectContaining({ factCheckOrgName: 'The Daily Example', factCheckOrgUrl: 'https://news.example', factCheckPageUrl: 'https://news.example/fact-checks/{id}' }) },
    ],
  ])('reads %j', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
    [{ SEED_DEMO_DATA: 'maybe' }, 'SEED_DEMO_DATA'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SSO_SECRET: 'short' }, 'SSO_SECRET'],
    [{ CORS_ORIGINS: 'news.example' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://news.example/embed' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ ADMIN_EMAIL: 'a@b.example' }, 'ADMIN_PASSWORD'],
    [{ COMMENTS_CLOSE_AFTER_DAYS: '-1' }, 'COMMENTS_CLOSE_AFTER_DAYS'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '11' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'proxy.internal' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.300' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'fd00::/129' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/8/8' }, 'TRUST_PROXY'],
    [{ MOD_ABUSE_HOLD_PERCENT: '0' }, 'MOD_ABUSE_HOLD_PERCENT'],
    [{ MOD_ABUSE_HOLD_PERCENT: '101' }, 'MOD_ABUSE_HOLD_PERCENT'],
    [{ MOD_ABUSE_FLAG_PERCENT: '-1' }, 'MOD_ABUSE_FLAG_PERCENT'],
    [{ MOD_SPAM_FLAG_PERCENT: 'high' }, 'MOD_SPAM_FLAG_PERCENT'],
    [{ MOD_STARTER_WORDS: 'on' }, 'MOD_STARTER_WORDS'],
    [{ MOD_SCORER: 'local,toxicity' }, 'MOD_SCORER'],
    [{ MOD_SCORER: 'off,local' }, 'MOD_SCORER'],
    [{ MOD_SCORER: 'perspective' }, 'MOD_SCORER_PERSPECTIVE_URL'],
    [{ MOD_SCORER_LLM_URL: 'http://127.0.0.1:8080/v1' }, 'MOD_SCORER_LLM_MODEL'],
    [{ MOD_SCORER_OPENAI_MODERATION_URL: 'ftp://x' }, 'MOD_SCORER_OPENAI_MODERATION_URL'],
    [{ MOD_SCORER_BREAKER_FAILURES: '0' }, 'MOD_SCORER_BREAKER_FAILURES'],
    [{ FACTCHECK_ORG_URL: 'news.example' }, 'FACTCHECK_ORG_URL'],
    [{ FACTCHECK_PAGE_URL: 'https://news.example/fact-checks' }, 'FACTCHECK_PAGE_URL'],
    [{ FACTCHECK_PAGE_URL: 'ftp://news.example/{id}' }, 'FACTCHECK_PAGE_URL'],
  ])('refuses %j, naming the setting', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });

  it('refuses production without METRICS_TOKEN, in one line', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      new ConfigError(['METRICS_TOKEN must be set when NODE_ENV=production (without it GET /metrics is open to anyone who can reach the service)']),
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^Invalid configuration: METRICS_TOKEN must be set[^\n]*$/);
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: 'scrape-me-0123456789' }).metricsToken).toBe('scrape-me-0123456789');
    expect(loadConfig({ NODE_ENV: 'development' }).metricsToken).toBeNull();
  });

  it('reads replica URLs and refuses a read-your-writes window shorter than lag plus one check', () => {
    const urls = 'postgres://r:pw@replica-1:5432/parley, postgresql://r:pw@replica-2/parley';
    const config = loadConfig({ DATABASE_REPLICA_URLS: urls });
    expect(config.databaseReplicaUrls).toEqual(['postgres://r:pw@replica-1:5432/parley', 'postgresql://r:pw@replica-2/parley']);
    expect([config.replicaMaxLagMs, config.replicaCheckIntervalMs, config.readYourWritesMs]).toEqual([2000, 1000, 5000]);
    expect(loadConfig({}).databaseReplicaUrls).toEqual([]);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: urls, REPLICA_MAX_LAG_MS: '4500' })).toThrow('READ_YOUR_WRITES_MS (5000) must be at least');
    // Without replicas the window has nothing to guard.
    expect(loadConfig({ REPLICA_MAX_LAG_MS: '4500' }).readYourWritesMs).toBe(5000);
  });

  it('names a bad replica URL by its position, never printing it (it carries a password)', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r:pw@ok/db,mysql://r:s3cret@bad/db' })).toThrow(
      new ConfigError(['DATABASE_REPLICA_URLS: entry 2 must be a URL starting with postgres:// or postgresql://']),
    );
  });
});
