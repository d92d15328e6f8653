/**
 * The one place that reads process.env. Everything is parsed and validated once at boot into a
 * typed, frozen AppConfig; a bad value stops the process with a message naming the setting.
 */

import { parseTrustProxy, TrustProxy } from '../common/http/trust-proxy';
import { parseRateLimitConfig, RateLimitConfig } from '../common/rate-limit/rate-limit.config';

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Public base URL printed at start; defaults to http://localhost:<port>. */
  readonly publicUrl: string;
  /** Null means: start the embedded PostgreSQL under embeddedPgDir. */
  readonly databaseUrl: string | null;
  readonly databasePoolSize: number;
  /** Longest any one statement of a request may run (reads and writes); PostgreSQL cancels it after. */
  readonly databaseStatementTimeoutMs: number;
  /** The same bound for desk and reporting queries (campaigns, monthly figures, note scoring). */
  readonly databaseReportTimeoutMs: number;
  readonly embeddedPgDir: string;
  readonly embeddedPgPort: number;
  readonly seedDemoData: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  /** Sessions (bearer tokens) expire this long after sign-in. */
  readonly sessionTtlHours: number;
  readonly passwordMinLength: number;
  /** argon2id cost: memory in KiB and iterations. */
  readonly passwordHashMemoryKib: number;
  readonly passwordHashIterations: number;
  /** HS256 secret the news site signs sign-on tokens with; null disables POST /api/auth/sso. */
  readonly ssoSecret: string | null;
  /** Longest lifetime (exp - iat) accepted for a sign-on token. */
  readonly ssoMaxTokenAgeSeconds: number;
  /** First admin, created at start when no admin exists yet. */
  readonly bootstrapAdmin: { email: string; password: string; displayName: string } | null;
  /** Comment sections close this many days after publication unless set per article; 0 = never. */
  readonly commentsCloseAfterDays: number;
  /** Longest comment body, in characters (code points) after trimming. */
  readonly commentMaxLength: number;
  /** Authors may edit a comment for this long after posting. */
  readonly commentEditWindowSeconds: number;
  /** Replies shown inline under a comment on a thread page: levels deep, and how many in all. */
  readonly threadReplyDepth: number;
  readonly threadRepliesPerComment: number;
  readonly moderation: ModerationSettings;
  readonly rateLimits: RateLimitConfig;
  /** Hosts whose article URLs anyone may register lazily (the embed's find-or-create). */
  readonly articleUrlHosts: readonly string[];
  /** Origins (scheme://host[:port]) whose pages may call the API from the browser; empty = none. */
  readonly corsOrigins: readonly string[];
  /** Bearer token required by GET /metrics; null leaves it open (for a private network). */
  readonly metricsToken: string | null;
  /** On SIGTERM, how long in-flight requests may take before connections are cut. */
  readonly shutdownGraceSeconds: number;
  /** Which proxies' X-Forwarded-For to believe for the client address (false: the socket's address). */
  readonly trustProxy: TrustProxy;
}

export interface ModerationSettings {
  /** Hold comments of authors with fewer approved comments than this; 0 = off. */
  newCommenterApprovedComments: number;
  /** Comments with links are held for authors with fewer approved comments than this. */
  linksTrustedAfterApproved: number;
  /** Suspect words: hold the comment, or publish it with a system flag. */
  suspectWordsAction: 'hold' | 'flag';
  /** The optional starter word list (naughty-words, less what news needs): off, or the kind its entries get. */
  starterWords: 'off' | 'SUSPECT' | 'BANNED';
  /** Same author, same text within this many seconds: withheld as a repeat. */
  repeatWindowSeconds: number;
  /** Withhold when at least this share of the author's decided comments in 7 days were rejected. */
  historyRejectionRate: number;
  historyMinDecided: number;
  /** Automatic scoring: 'local' (built-in spam and abuse models) or 'off'. */
  scorer: 'local' | 'off';
  scorerTimeoutMs: number;
  /** Withhold when the spam probability is at least this. */
  spamThreshold: number;
  /** Publish with a system flag (for review) when the spam probability is at least this; 0 = off. */
  spamFlagThreshold: number;
  /** Withhold when the abuse probability is at least this. */
  abuseHoldThreshold: number;
  /** Publish with a system flag (for review) when the abuse probability is at least this; 0 = off. */
  abuseFlagThreshold: number;
  /** Weighted sum of open flags that withholds a published comment (about three established readers). */
  flagHideThreshold: number;
  /** Flags from accounts younger than this weigh nothing toward hiding. */
  newAccountHours: number;
  /** An account created among this many others within accountBurstMinutes is a burst account. */
  accountBurstSize: number;
  accountBurstMinutes: number;
  /** This many flags on one article within flagBurstSeconds raise an alert. */
  flagBurstCount: number;
  flagBurstSeconds: number;
  /** How long a moderator's claim on a queue item lasts. */
  claimSeconds: number;
  /** How long an instance reuses computed queue counts. */
  queueCountsCacheMs: number;
  /** Misinformation desk response-time targets, and when unsettled verdicts come back. */
  deskTargetHours: number;
  deskUrgentTargetHours: number;
  verdictReviewDays: number;
  /** Who may write context notes: account age in days and approved comments. */
  notesMinAccountDays: number;
  notesMinApproved: number;
  /** Raters with fewer ratings are left out of the note scoring fit. */
  notesMinRatingsPerRater: number;
  /** Net helpful ratings a shown note needs from each side of the raters' factor. */
  notesMinMinorityHelpful: number;
  /** Ratings later than this after a note was written do not count towards a rater's track record. */
  notesValidRatingHours: number;
  /** Minutes between scheduled scoring runs; 0 = on demand only. */
  notesScoringIntervalMinutes: number;
}

const starterKind = (v: 'off' | 'suspect' | 'banned') => (v === 'off' ? 'off' : v === 'suspect' ? 'SUSPECT' : 'BANNED');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | null {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? null : raw;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, protocols: readonly string[]): string | null {
    const raw = this.optional(name);
    if (raw === null) return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return null;
    }
  }

  list(name: string): string[] {
    const raw = this.optional(name);
    if (raw === null) return [];
    return raw
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0);
  }

  /** A comma-separated list of web origins; each must be exactly scheme://host[:port]. */
  origins(name: string): string[] {
    const raw = this.optional(name);
    if (raw === null) return [];
    const origins: string[] = [];
    for (const item of raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
      let origin: string | null = null;
      try {
        const parsed = new URL(item);
        if (['http:', 'https:'].includes(parsed.protocol) && parsed.origin === item.replace(/\/+$/, '').toLowerCase()) origin = parsed.origin;
      } catch {
        origin = null;
      }
      if (origin === null) this.problems.push(`${name}: "${item}" is not an origin such as https://news.example`);
      else origins.push(origin);
    }
    return origins;
  }

  bytes(name: string, fallback: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
    if (!match) {
      this.problems.push(`${name} must be a size such as 65536, 64kb or 1mb (got "${raw}")`);
      return fallback;
    }
    const unit = (match[2] ?? 'b').toLowerCase();
    const factor = unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1;
    return Number(match[1]) * factor;
  }
}

export function loadConfig(env: Env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const port = r.int('PORT', 3000, 0, 65535);
  const ssoSecret = r.optional('SSO_SECRET');
  if (ssoSecret !== null && ssoSecret.length < 32) r.problems.push('SSO_SECRET must be at least 32 characters long');
  const metricsToken = r.optional('METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16) r.problems.push('METRICS_TOKEN must be at least 16 characters long');
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if ('problem' in trustProxy) r.problems.push(trustProxy.problem);
  if (metricsToken === null && nodeEnv === 'production') {
    r.problems.push('METRICS_TOKEN must be set when NODE_ENV=production (without it GET /metrics is open to anyone who can reach the service)');
  }
  const adminEmail = r.optional('ADMIN_EMAIL');
  const adminPassword = r.optional('ADMIN_PASSWORD');
  if ((adminEmail === null) !== (adminPassword === null)) {
    r.problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const config: AppConfig = {
    env: nodeEnv,
    port,
    host: r.string('HOST', '0.0.0.0'),
    publicUrl: r.string('PUBLIC_URL', `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 500),
    databaseStatementTimeoutMs: r.int('DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
    databaseReportTimeoutMs: r.int('DATABASE_REPORT_TIMEOUT_MS', 20_000, 100, 600_000),
    embeddedPgDir: r.string('EMBEDDED_PG_DIR', '.data/postgres'),
    embeddedPgPort: r.int('EMBEDDED_PG_PORT', 54329, 1, 65535),
    seedDemoData: r.bool('SEED_DEMO_DATA', true),
    logLevel: r.oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    bodyLimitBytes: r.bytes('BODY_LIMIT', 256 * 1024),
    sessionTtlHours: r.int('SESSION_TTL_HOURS', 720, 1, 24 * 365),
    passwordMinLength: r.int('PASSWORD_MIN_LENGTH', 10, 8, 128),
    passwordHashMemoryKib: r.int('PASSWORD_HASH_MEMORY_KIB', 19456, 1024, 1048576),
    passwordHashIterations: r.int('PASSWORD_HASH_ITERATIONS', 2, 1, 20),
    ssoSecret,
    ssoMaxTokenAgeSeconds: r.int('SSO_MAX_TOKEN_AGE_SECONDS', 600, 10, 86400),
    bootstrapAdmin:
      adminEmail && adminPassword
        ? { email: adminEmail.toLowerCase(), password: adminPassword, displayName: r.string('ADMIN_DISPLAY_NAME', 'Admin') }
        : null,
    commentsCloseAfterDays: r.int('COMMENTS_CLOSE_AFTER_DAYS', 14, 0, 36500),
    articleUrlHosts: r.list('ARTICLE_URL_HOSTS'),
    corsOrigins: r.origins('CORS_ORIGINS'),
    metricsToken,
    shutdownGraceSeconds: r.int('SHUTDOWN_GRACE_SECONDS', 10, 0, 600),
    trustProxy: 'value' in trustProxy ? trustProxy.value : false,
    moderation: {
      newCommenterApprovedComments: r.int('MOD_NEW_COMMENTER_APPROVED', 0, 0, 1000),
      linksTrustedAfterApproved: r.int('MOD_LINKS_TRUSTED_AFTER', 1, 0, 1000),
      suspectWordsAction: r.oneOf('MOD_SUSPECT_WORDS_ACTION', 'flag', ['hold', 'flag'] as const),
      starterWords: starterKind(r.oneOf('MOD_STARTER_WORDS', 'off', ['off', 'suspect', 'banned'] as const)),
      repeatWindowSeconds: r.int('MOD_REPEAT_WINDOW_SECONDS', 360, 0, 86400),
      historyRejectionRate: r.int('MOD_HISTORY_REJECTION_PERCENT', 30, 1, 100) / 100,
      historyMinDecided: r.int('MOD_HISTORY_MIN_DECIDED', 3, 1, 1000),
      scorer: r.oneOf('MOD_SCORER', 'local', ['local', 'off'] as const),
      scorerTimeoutMs: r.int('MOD_SCORER_TIMEOUT_MS', 200, 1, 10000),
      spamThreshold: r.int('MOD_SPAM_THRESHOLD_PERCENT', 98, 1, 100) / 100,
      spamFlagThreshold: r.int('MOD_SPAM_FLAG_PERCENT', 80, 0, 100) / 100,
      abuseHoldThreshold: r.int('MOD_ABUSE_HOLD_PERCENT', 90, 1, 100) / 100,
      abuseFlagThreshold: r.int('MOD_ABUSE_FLAG_PERCENT', 75, 0, 100) / 100,
      flagHideThreshold: r.int('FLAG_HIDE_THRESHOLD', 6, 1, 1000),
      newAccountHours: r.int('FLAG_NEW_ACCOUNT_HOURS', 24, 0, 8760),
      accountBurstSize: r.int('FLAG_ACCOUNT_BURST_SIZE', 5, 2, 10000),
      accountBurstMinutes: r.int('FLAG_ACCOUNT_BURST_MINUTES', 10, 1, 1440),
      flagBurstCount: r.int('FLAG_BURST_COUNT', 10, 2, 10000),
      flagBurstSeconds: r.int('FLAG_BURST_SECONDS', 300, 10, 86400),
      claimSeconds: r.int('MOD_CLAIM_SECONDS', 300, 10, 3600),
      queueCountsCacheMs: r.int('MOD_QUEUE_COUNTS_CACHE_MS', 2000, 0, 60000),
      deskTargetHours: r.int('DESK_TARGET_HOURS', 24, 1, 720),
      deskUrgentTargetHours: r.int('DESK_URGENT_TARGET_HOURS', 1, 1, 720),
      verdictReviewDays: r.int('VERDICT_REVIEW_DAYS', 7, 1, 365),
      notesMinAccountDays: r.int('NOTES_MIN_ACCOUNT_DAYS', 7, 0, 3650),
      notesMinApproved: r.int('NOTES_MIN_APPROVED', 3, 0, 10000),
      notesMinRatingsPerRater: r.int('NOTES_MIN_RATINGS_PER_RATER', 10, 1, 1000),
      notesMinMinorityHelpful: r.int('NOTES_MIN_MINORITY_HELPFUL', 4, 0, 1000),
      notesValidRatingHours: r.int('NOTES_VALID_RATING_HOURS', 48, 1, 87600),
      notesScoringIntervalMinutes: r.int('NOTES_SCORING_INTERVAL_MINUTES', 60, 0, 10080),
    },
    rateLimits: parseRateLimitConfig(env, r.problems),
    commentMaxLength: r.int('COMMENT_MAX_LENGTH', 10000, 1, 100000),
    commentEditWindowSeconds: r.int('COMMENT_EDIT_WINDOW_SECONDS', 300, 0, 86400),
    threadReplyDepth: r.int('THREAD_REPLY_DEPTH', 3, 0, 10),
    threadRepliesPerComment: r.int('THREAD_REPLIES_PER_COMMENT', 5, 0, 50),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}
