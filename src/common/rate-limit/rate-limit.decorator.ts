import { SetMetadata } from '@nestjs/common';
import type { LimitName } from '../../config/rate-limit.config';

/** Metadata key holding the name of the limit a route (or a whole controller) opts into. */
export const RATE_LIMIT_KEY = 'parley:rate-limit';

/**
 * Puts a route (or every route of a controller) under a named limit from `config.rateLimits`.
 * Routes without it are never limited. All routes under the same name share one counter per
 * caller: PUT and DELETE of a reaction together count toward `react`.
 */
export const RateLimit = (name: LimitName): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT_KEY, name);
