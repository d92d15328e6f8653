import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { parseBearer } from '../../common/auth/bearer';
import { AuthenticatedRequest } from '../../common/auth/principal';
import { ROUTE_ACCESS, routeKey } from '../../common/auth/permissions';
import { commonError } from '../../common/errors/app-error';
import { authError } from './auth.errors';
import { AuthService } from './auth.service';

/**
 * The one global guard for identity and access: resolves the bearer token to a user, then
 * applies the permission map. Anonymous where sign-in is needed → 401; signed in without the
 * role → 403. A route missing from the map is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const routePath = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const access = ROUTE_ACCESS[routeKey(req.method, routePath)];
    // The scrape endpoint's bearer is the metrics token, not a session: its controller checks it.
    if (access === 'METRICS_TOKEN') return true;
    const token = bearerToken(req);
    if (token !== null) {
      const user = await this.auth.authenticate(token);
      if (!user) throw authError('INVALID_SESSION', 'The session token is invalid, expired or revoked; sign in again.');
      req.user = user;
    }
    if (access === undefined) throw commonError('FORBIDDEN', 'This route has no access rule.');
    if (access === 'PUBLIC') return true;
    if (!req.user) throw commonError('UNAUTHENTICATED', 'Sign in to do this.');
    if (access === 'SIGNED_IN' || access.includes(req.user.role)) return true;
    throw commonError('FORBIDDEN', 'Your role does not allow this.');
  }
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const token = parseBearer(header);
  if (token === null) throw authError('INVALID_SESSION', 'Send the session token as `Authorization: Bearer <token>`.');
  return token;
}
