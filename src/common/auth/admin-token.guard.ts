import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { commonError } from '../errors/app-error';

const ADMIN_ONLY = 'parley:admin-only';

/** Marks a route as an admin write. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Until accounts exist, admin writes need `Authorization: Bearer <ADMIN_TOKEN>`.
 * With no ADMIN_TOKEN configured, admin writes are refused outright.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<Request & { parleyAdmin?: boolean }>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const valid = token !== '' && this.config.adminToken !== null && sameSecret(token, this.config.adminToken);
    req.parleyAdmin = valid;
    if (!adminOnly) return true;
    if (!token) throw commonError('UNAUTHENTICATED', 'This action needs an admin token (Authorization: Bearer …).');
    if (!valid) throw commonError('UNAUTHENTICATED', 'The token given is not valid.');
    return true;
  }
}

/** True when the request carried the admin token (for routes open to all that admins may do more on). */
export const IsAdmin = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): boolean => ctx.switchToHttp().getRequest<{ parleyAdmin?: boolean }>().parleyAdmin === true,
);
