import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { parseBearer } from '../../common/auth/bearer';
import { ROUTE_ACCESS, routeKey } from '../../common/auth/permissions';
import { AuthenticatedRequest, Principal } from '../../common/auth/principal';
import { commonError } from '../../common/errors/app-error';
import { authError } from './auth.errors';
import { AuthService } from './auth.service';

/** Reads open to anyone. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** Routes that issue a session or act on a mailed link: a token sent along with them is not what they act on. */
const SIGN_IN_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/sso',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'POST /api/auth/verify-email',
  'POST /api/notifications/unsubscribe',
]);

/**
 * The one global guard for identity and access: resolves the bearer token to a user, then
 * applies the permission map. Anonymous where sign-in is needed → 401; signed in without the
 * role → 403. A route missing from the map is refused.
 *
 * On a public read (and on sign-in itself) an expired, revoked or malformed token makes the
 * caller anonymous instead of failing: an embed keeps a stale token long after its session ended,
 * and the thread must still load for it as for any reader. Everything else still answers 401, so
 * a write never runs as someone other than the caller meant.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const routePath = (req.route as { path?: string } | undefined)?.path ?? req.path;
    // HEAD is GET without the body (RFC 9110): the same access, so caches and probes may use it.
    const key = routeKey(req.method === 'HEAD' ? 'GET' : req.method, routePath);
    const access = ROUTE_ACCESS[key];
    // The scrape endpoint's bearer is the metrics token, not a session: its controller checks it.
    if (access === 'METRICS_TOKEN') return true;
    const staleMeansAnonymous = access === 'PUBLIC' && (SAFE_METHODS.has(req.method) || SIGN_IN_ROUTES.has(key));
    const user = await this.identify(req, staleMeansAnonymous);
    if (user) req.user = user;
    if (access === undefined) throw commonError('FORBIDDEN', 'This route has no access rule.');
    if (access === 'PUBLIC') return true;
    if (!req.user) throw commonError('UNAUTHENTICATED', 'Sign in to do this.');
    if (access === 'SIGNED_IN' || access.includes(req.user.role)) return true;
    throw commonError('FORBIDDEN', 'Your role does not allow this.');
  }

  /** The user the request's token belongs to; null without a token, or with an unusable one where that is allowed. */
  private async identify(req: Request, staleMeansAnonymous: boolean): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (header === undefined) return null;
    const token = parseBearer(header);
    if (token === null) {
      if (staleMeansAnonymous) return null;
      throw authError('INVALID_SESSION', 'Send the session token as `Authorization: Bearer <token>`.');
    }
    const user = await this.auth.authenticate(token);
    if (!user && !staleMeansAnonymous) throw authError('INVALID_SESSION', 'The session token is invalid, expired or revoked; sign in again.');
    return user;
  }
}
