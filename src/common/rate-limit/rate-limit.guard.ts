import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { LimitName } from '../../config/rate-limit.config';
import { commonError } from '../errors/app-error';
import { RATE_LIMIT_KEY } from './rate-limit.decorator';
import { RateLimitedRequest, userOrIp } from './rate-limit.keys';

/**
 * @nestjs/throttler's guard with Parley's rules:
 * - only routes marked @RateLimit(name) are looked at; the throttlers themselves (see
 *   rate-limit.module.ts) each apply to one name only;
 * - callers are counted per user when signed in, per IP otherwise (`getTracker`); it must run
 *   after the authentication guard, which sets `req.user`;
 * - one counter per limit and caller, shared by every route under that limit (`generateKey`),
 *   instead of throttler's default of one per handler;
 * - a refusal is a RATE_LIMITED problem (429) with Retry-After, rendered by ProblemFilter.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Undecorated routes (and non-HTTP contexts) skip every throttler without touching storage. */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return routeLimit(this.reflector, context) === undefined;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return userOrIp(req as RateLimitedRequest);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  /**
   * Retry-After is whole seconds, rounded up, until a request from this caller would be let
   * through again. Storages report that as `timeToBlockExpire` (already in seconds, rounded up):
   * throttler's in-memory storage (used with blockDuration 0) gives the time until the oldest
   * counted request leaves the window; the Redis storage the time until the fixed window ends.
   */
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire || detail.ttl / 1000));
    throw commonError(
      'RATE_LIMITED',
      `Too many requests; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      { retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }
}

/** The name given to @RateLimit on the handler, else on its controller. */
export function routeLimit(reflector: Reflector, context: ExecutionContext): LimitName | undefined {
  return reflector.getAllAndOverride<LimitName | undefined>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]);
}
