import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AppError, commonError } from '../errors/app-error';
import { AuthenticatedRequest, effectiveStatus } from './principal';

/**
 * Refuses writes by suspended or banned users with a 403 that tells them why (and until when),
 * and, when the site requires it (REQUIRE_EMAIL_VERIFICATION), by users who have not verified
 * their email yet. Reused by every route through which a reader acts: posting, reacting,
 * flagging, notes, profile edits.
 */
@Injectable()
export class ActiveUserGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw commonError('UNAUTHENTICATED', 'Sign in to do this.');
    const status = effectiveStatus(user);
    if (status === 'BANNED') {
      throw new AppError(403, 'USER_BANNED', `Your account is banned: ${user.statusReason ?? 'no reason given'}`, {
        reason: user.statusReason,
      });
    }
    if (status === 'SUSPENDED') {
      const until = user.suspendedUntil?.toISOString() ?? null;
      throw new AppError(403, 'USER_SUSPENDED', `Your account is suspended until ${until}: ${user.statusReason ?? 'no reason given'}`, {
        reason: user.statusReason,
        until,
      });
    }
    if (this.config.requireEmailVerification && !user.emailVerified) {
      throw new AppError(403, 'EMAIL_NOT_VERIFIED', 'Verify your email address first: follow the link we sent you (POST /api/me/email-verification sends a new one).');
    }
    return true;
  }
}

/** Marks a route as a write that sanctioned users may not make. */
export const RequireActiveUser = (): MethodDecorator & ClassDecorator => applyDecorators(UseGuards(ActiveUserGuard));
