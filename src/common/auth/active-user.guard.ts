import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { AppError, commonError } from '../errors/app-error';
import { AuthenticatedRequest, effectiveStatus } from './principal';

/**
 * Refuses writes by suspended or banned users with a 403 that tells them why (and until when).
 * Reused by every route through which a reader acts: posting, reacting, flagging, profile edits.
 */
@Injectable()
export class ActiveUserGuard implements CanActivate {
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
    return true;
  }
}

/** Marks a route as a write that sanctioned users may not make. */
export const RequireActiveUser = (): MethodDecorator & ClassDecorator => applyDecorators(UseGuards(ActiveUserGuard));
