import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role, UserStatus } from '../../generated/prisma/enums';

/** The signed-in user of a request, resolved once by the global auth guard. */
export interface Principal {
  id: string;
  sessionId: string;
  role: Role;
  displayName: string;
  status: UserStatus;
  statusReason: string | null;
  suspendedUntil: Date | null;
  premoderated: boolean;
  /** The email was proven through a link, or the account signs in through the site (which vouches for it). */
  emailVerified: boolean;
  createdAt: Date;
  /** When the session was last marked used (at most every few minutes). */
  sessionLastUsedAt: Date;
}

export interface AuthenticatedRequest {
  user?: Principal;
}

/** The principal, or undefined on routes open to anonymous readers. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined => ctx.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** Effective status: a suspension whose end has passed no longer applies. */
export function effectiveStatus(p: Pick<Principal, 'status' | 'suspendedUntil'>, now = new Date()): UserStatus {
  if (p.status === 'SUSPENDED' && p.suspendedUntil !== null && p.suspendedUntil <= now) return 'ACTIVE';
  return p.status;
}

export function isStaff(role: Role): boolean {
  return role === 'MODERATOR' || role === 'ADMIN';
}
