import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';

/**
 * An AbortSignal that fires when the client goes away before its response is complete (closed
 * tab, proxy timeout). Handlers pass it to long database work so that PostgreSQL stops working
 * for nobody (see BoundedQueries).
 */
export function clientGoneSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  if (res.destroyed) controller.abort();
  else res.once('close', () => !res.writableFinished && controller.abort());
  return controller.signal;
}

export const ClientGone = createParamDecorator((_: unknown, ctx: ExecutionContext): AbortSignal => clientGoneSignal(ctx.switchToHttp().getResponse<Response>()));
