import type { NextFunction, Request, Response } from 'express';

/** Routes whose answers are about one account (session tokens, profile, export) whatever the caller sends. */
const PERSONAL_PATHS = /^\/api\/(?:me|auth)(?:\/|$)/;

/**
 * `Cache-Control: no-store` on every per-user response: anything under /api/me and /api/auth
 * (tokens, profile, data export) and any request made with credentials, whose answer may include
 * what only that user sees (their held comments, their reactions). No browser or proxy cache may
 * keep them. Anonymous public reads get their caching headers from modules/http-cache.
 */
export function noStoreForPersonalResponses(req: Request, res: Response, next: NextFunction): void {
  if (req.headers.authorization !== undefined || PERSONAL_PATHS.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
