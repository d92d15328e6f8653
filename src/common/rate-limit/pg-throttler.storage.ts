import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { runHot } from '../../database/hot-statement';
import type { PrismaService } from '../../database/prisma.service';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const ALLOW: ThrottlerStorageRecord = { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
const WARN_EVERY_MS = 30_000;
/**
 * Expired counters are deleted at most this often per instance, by a counting request (no timer:
 * an idle instance has nothing to sweep, and nothing of it runs after shutdown).
 */
const SWEEP_EVERY_MS = 60_000;

/**
 * Rate-limit counters in PostgreSQL (the UNLOGGED table rate_limit_counters), so that every
 * instance on one database enforces one limit without Redis. The same fixed window as the Redis
 * storage: the first hit opens a window of the limit's length, every hit counts, and the window's
 * end is what Retry-After announces. The database's clock decides, so instances' clocks may differ.
 *
 * Fails open like the Redis storage: when the statement fails the request is allowed (with a
 * warning at most every 30 s); the request then meets the database's trouble on its own.
 */
export class PgThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private warnedAt = 0;
  private sweptAt = Date.now();

  constructor(private readonly prisma: PrismaService) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    if (Date.now() - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = Date.now();
      void this.sweep();
    }
    try {
      const [row] = await runHot<{ hits: number; msLeft: number }>(this.prisma, {
        name: 'rate-limit-hit',
        bench: 'bench/load.mjs',
        text: `INSERT INTO rate_limit_counters AS c (key, hits, expires_at)
               VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
               ON CONFLICT (key) DO UPDATE SET
                 hits = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.hits + 1 END,
                 expires_at = CASE WHEN c.expires_at <= now() THEN EXCLUDED.expires_at ELSE c.expires_at END
               RETURNING c.hits, (extract(epoch FROM c.expires_at - now()) * 1000)::float8 AS "msLeft"`,
        values: [key, Math.max(1, Math.round(ttl))],
      });
      const secondsLeft = Math.max(1, Math.ceil(row.msLeft / 1000));
      const isBlocked = row.hits > limit;
      return { totalHits: row.hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
    } catch (err) {
      this.warn(`rate limit not enforced, PostgreSQL unavailable: ${err instanceof Error ? err.message : String(err)}`);
      return ALLOW;
    }
  }

  /** Deletes the counters whose window has ended. */
  async sweep(): Promise<number> {
    try {
      return await this.prisma.$executeRaw`DELETE FROM rate_limit_counters WHERE expires_at < now()`;
    } catch {
      return 0;
    }
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(message);
  }
}
