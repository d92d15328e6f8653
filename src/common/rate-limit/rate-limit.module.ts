import { Module } from '@nestjs/common';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { RATE_LIMITS } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';

type Req = { user?: { id: string }; ip?: string; body?: { email?: unknown } };

const reflector = new Reflector();

/** Only routes marked with @RateLimit(name) count toward that limit. */
function onlyFor(limit: string) {
  return (ctx: ExecutionContext): boolean => reflector.getAllAndOverride<string>(RATE_LIMITS, [ctx.getHandler(), ctx.getClass()]) !== limit;
}

function byUserOrIp(req: Req): Promise<string> {
  return Promise.resolve(req.user ? `user:${req.user.id}` : `ip:${req.ip ?? 'unknown'}`);
}

/** The email's hash, never the address itself, keys the per-email login limit. */
function byEmail(req: Req): Promise<string> {
  const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
  return Promise.resolve(`email:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`);
}

function throttlers(config: AppConfig): ThrottlerOptions[] {
  const l = config.rateLimits.limits;
  const named = (name: string, limit: { limit: number; windowMs: number }, skipFor: string, getTracker = byUserOrIp): ThrottlerOptions => ({
    name,
    limit: limit.limit,
    ttl: limit.windowMs,
    blockDuration: limit.windowMs,
    skipIf: onlyFor(skipFor),
    getTracker: getTracker as ThrottlerOptions['getTracker'],
    // One counter per limit and caller across every route that shares the limit (PUT and DELETE
    // of a reaction count together), not throttler's default of one per handler.
    generateKey: (_ctx, tracker, throttlerName) => `${throttlerName}:${tracker}`,
  });
  return [
    named('post', l.post, 'post'),
    named('flag', l.flag, 'flag'),
    named('react', l.react, 'react'),
    named('login-ip', l.login, 'login', (req: Req) => Promise.resolve(`ip:${req.ip ?? 'unknown'}`)),
    named('login-email', l.login, 'login', byEmail),
  ];
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: throttlers(config),
        setHeaders: false,
        storage: config.rateLimits.redisUrl ? new RedisThrottlerStorage(config.rateLimits.redisUrl) : undefined,
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
