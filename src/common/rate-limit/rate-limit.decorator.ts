import { SetMetadata } from '@nestjs/common';
import type { LimitName } from './rate-limit.config';

export const RATE_LIMITS = 'parley:rate-limits';

/** Applies a named rate limit to a route; routes without it are not limited. */
export const RateLimit = (name: LimitName): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMITS, name);
