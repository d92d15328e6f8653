import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One fixed window per key: INCR, and on the first hit of a window PEXPIRE, in one script so two
 * instances can never both see "first hit" or leave a counter without expiry. Returns the count
 * so far (this request included) and the milliseconds until the window ends.
 */
const FIXED_WINDOW_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if hits == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
`;

export interface RedisThrottlerStorageOptions {
  /** Prepended to every key, e.g. `parley:rl:`. */
  keyPrefix: string;
  /** A command slower than this counts as Redis being down (the request is let through). */
  commandTimeoutMs?: number;
  /** How long start-up waits for the first connection before going on without it. */
  connectWaitMs?: number;
}

const ALLOW: StorageRecord = { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
const WARN_EVERY_MS = 30_000;

/**
 * Rate-limit counters in Redis, so every instance behind the load balancer enforces one limit.
 *
 * Fails open: when Redis cannot be reached (not connected, connection lost, or slower than
 * `commandTimeoutMs`) the request is allowed and a warning is logged, at most every 30 s. The
 * limits are abuse protection, not correctness: a Redis outage must never turn into readers being
 * unable to post or sign in, nor into 500s. The commands fail fast instead of queueing (no
 * offline queue, no retries), so an outage adds no latency to requests either; the client keeps
 * reconnecting in the background and limits apply again as soon as Redis is back.
 *
 * `blockDuration` is not used: a caller over the limit is refused until the window ends, which is
 * exactly what Retry-After announces.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly connectWaitMs: number;
  /** When each kind of warning was last logged (each at most every 30 s). */
  private readonly warnedAt = new Map<'connection' | 'fail-open', number>();
  private closed = false;

  constructor(url: string, options: RedisThrottlerStorageOptions) {
    this.keyPrefix = options.keyPrefix;
    this.connectWaitMs = options.connectWaitMs ?? 1000;
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2000,
      // disconnect() leaves a timer this long even when the socket is already gone (Redis down);
      // the default 2 s would hold the process open that long after shutdown.
      disconnectTimeout: 200,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    this.redis.defineCommand('parleyRateLimitHit', { numberOfKeys: 1, lua: FIXED_WINDOW_SCRIPT });
    // Without a listener ioredis prints every failed reconnect attempt itself.
    this.redis.on('error', (err: Error) => this.warn('connection', `Redis for rate limits: ${err.message}`));
    this.redis.on('ready', () => {
      if (this.warnedAt.size > 0) this.logger.log('Redis for rate limits is reachable again; limits are enforced');
      this.warnedAt.clear();
    });
  }

  /** Connects before the app serves, but never fails or long delays start-up when Redis is down. */
  async onModuleInit(): Promise<void> {
    if (this.redis.status !== 'wait') return;
    const connected = this.redis.connect().then(
      () => true,
      () => false,
    );
    const waited = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), this.connectWaitMs).unref());
    if (!(await Promise.race([connected, waited]))) {
      this.logger.warn('Redis for rate limits is not reachable at start; requests are not limited until it is');
    }
  }

  async increment(key: string, ttl: number, limit: number): Promise<StorageRecord> {
    try {
      const [hits, ttlMs] = await (this.redis as Redis & { parleyRateLimitHit(key: string, ttlMs: number): Promise<[number, number]> })
        .parleyRateLimitHit(this.keyPrefix + key, Math.max(1, Math.round(ttl)));
      const secondsLeft = Math.max(1, Math.ceil(ttlMs / 1000));
      const isBlocked = hits > limit;
      return { totalHits: hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
    } catch (err) {
      // Fail open (see the class comment).
      this.warn('fail-open', `rate limit not enforced, Redis unavailable: ${err instanceof Error ? err.message : String(err)}`);
      return ALLOW;
    }
  }

  /**
   * Closes the connection and stops reconnecting, waiting (briefly) until nothing of the client is
   * left: a connected client quits; an attempt in flight is dropped and its socket waited for; a
   * pending reconnect is cancelled (there is no socket then, and ioredis stays "reconnecting").
   */
  async onModuleDestroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const status = this.redis.status;
    if (status === 'end' || status === 'wait') {
      this.redis.disconnect();
      return;
    }
    const ended = new Promise<void>((resolve) => {
      this.redis.once('end', () => resolve());
      setTimeout(resolve, 1000).unref();
    });
    if (status === 'ready') {
      await this.redis.quit().catch(() => this.redis.disconnect());
      await ended;
      return;
    }
    this.redis.disconnect();
    if (status !== 'reconnecting') await ended;
  }

  private warn(kind: 'connection' | 'fail-open', message: string): void {
    if (this.closed) return;
    const now = Date.now();
    if (now - (this.warnedAt.get(kind) ?? 0) < WARN_EVERY_MS) return;
    this.warnedAt.set(kind, now);
    this.logger.warn(message);
  }
}
