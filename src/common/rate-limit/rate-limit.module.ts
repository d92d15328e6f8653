import { ExecutionContext, Module } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ThrottlerModule, ThrottlerModuleOptions, ThrottlerOptions, ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { LimitName, LimitSpec, RateLimitConfig } from '../../config/rate-limit.config';
import { PrismaService } from '../../database/prisma.service';
import { PgThrottlerStorage } from './pg-throttler.storage';
import { RateLimitGuard, routeLimit } from './rate-limit.guard';
import { clientIp, emailTracker, loginEmail, RateLimitedRequest } from './rate-limit.keys';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** Prefix of every Redis key (tests override the provider to keep runs apart). */
export const RATE_LIMIT_KEY_PREFIX = Symbol('RATE_LIMIT_KEY_PREFIX');
export const DEFAULT_KEY_PREFIX = 'parley:rl:';
/** The counter storage: Redis when REDIS_URL is set, else PostgreSQL, or throttler's in-process storage (RATE_LIMIT_STORE=memory). */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/**
 * The throttlers, one per named limit; `login` has two (per IP, and per email) and both apply.
 * Each only looks at routes marked with its name. blockDuration 0: a caller over the limit is
 * refused only until the window lets a request through again, not for an extra penalty period.
 */
export function throttlersFor(limits: RateLimitConfig['limits'], reflector: Reflector): ThrottlerOptions[] {
  const throttler = (
    name: string,
    limitName: LimitName,
    spec: LimitSpec,
    extra: Pick<ThrottlerOptions, 'getTracker'> & { skip?: (req: RateLimitedRequest) => boolean } = {},
  ): ThrottlerOptions => ({
    name,
    limit: spec.limit,
    ttl: spec.windowMs,
    blockDuration: 0,
    getTracker: extra.getTracker,
    skipIf: (context: ExecutionContext) =>
      routeLimit(reflector, context) !== limitName ||
      (extra.skip?.(context.switchToHttp().getRequest<RateLimitedRequest>()) ?? false),
  });
  return [
    // Tracker: the guard's getTracker (user, else IP).
    throttler('post', 'post', limits.post),
    throttler('flag', 'flag', limits.flag),
    throttler('react', 'react', limits.react),
    // By address even when a session token is sent: one address trying many accounts.
    throttler('login-ip', 'login', limits.login, { getTracker: (req) => clientIp(req) }),
    // By the email tried, from any address: many addresses trying one account. A body without an
    // email is refused by validation anyway; it must not land in one shared "no email" counter.
    throttler('login-email', 'login', limits.login, { getTracker: (req) => emailTracker(req), skip: (req) => loginEmail(req) === null }),
  ];
}

/** Owns the storage, so Nest runs its lifecycle hooks (the Redis connection is closed on shutdown). */
@Module({
  providers: [
    { provide: RATE_LIMIT_KEY_PREFIX, useValue: DEFAULT_KEY_PREFIX },
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [APP_CONFIG, RATE_LIMIT_KEY_PREFIX, ModuleRef],
      useFactory: (config: AppConfig, keyPrefix: string, modules: ModuleRef): ThrottlerStorage => {
        const { store, redisUrl } = config.rateLimits;
        if (store === 'redis' && redisUrl) return new RedisThrottlerStorage(redisUrl, { keyPrefix });
        // Looked up only when needed: an app without a database (rate-limit tests) keeps memory.
        if (store === 'postgres') return new PgThrottlerStorage(modules.get(PrismaService, { strict: false }));
        return new ThrottlerStorageService();
      },
    },
  ],
  exports: [RATE_LIMIT_STORAGE],
})
class RateLimitStorageModule {}

/**
 * Rate limits on routes marked @RateLimit(name). Import it once in AppModule and register the
 * guard after the authentication guard:
 *   { provide: APP_GUARD, useExisting: RateLimitGuard }
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [APP_CONFIG, Reflector, RATE_LIMIT_STORAGE],
      useFactory: (config: AppConfig, reflector: Reflector, storage: ThrottlerStorage): ThrottlerModuleOptions => ({
        throttlers: throttlersFor(config.rateLimits.limits, reflector),
        storage,
        // Throttler's own headers are X-RateLimit-*-<name> on every limited response and
        // Retry-After-<name> (not Retry-After) for named throttlers; the guard sets Retry-After.
        setHeaders: false,
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
