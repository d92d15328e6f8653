import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppError } from '../errors/app-error';

/**
 * @nestjs/throttler's guard, answering in Parley's problem format with a Retry-After header.
 * It runs after the auth guard, so limits are per user when signed in and per IP otherwise.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new AppError(429, 'RATE_LIMITED', `Too many requests; try again in ${retryAfter} s.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
  }
}
