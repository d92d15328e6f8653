import type { NextFunction, Request, Response } from 'express';
import { commonError } from '../errors/app-error';
import { sendProblem } from '../errors/problem';

const JSON_MEDIA_TYPE = /^application\/(?:json|[^\s/;]+\+json)$/;

/** Whether the request carries a body at all (a POST without one, e.g. logout, is fine). */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * One-click unsubscribe (RFC 8058): mail programs POST `List-Unsubscribe=One-Click` form-encoded
 * to the link. That body is never read (the token is in the URL), so it is let through here.
 */
const FORM_POSTS = new Set(['/api/notifications/unsubscribe']);
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/**
 * Every request body Parley reads is JSON. Without this, a form-encoded or text/plain body was
 * silently left unparsed and the request failed validation as if every field were missing (400
 * "name is required"), which hid the real mistake. Such bodies are refused with 415 before any
 * parsing, and the problem says what to send instead.
 */
export function jsonBodiesOnly(req: Request, res: Response, next: NextFunction): void {
  // A body on GET or HEAD has no meaning and is never read, as before.
  if (req.method === 'GET' || req.method === 'HEAD' || !hasBody(req)) return next();
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_MEDIA_TYPE.test(mediaType)) return next();
  if (mediaType === FORM_MEDIA_TYPE && req.method === 'POST' && FORM_POSTS.has(req.path)) return next();
  const sent = mediaType === '' ? 'no Content-Type' : `Content-Type ${mediaType}`;
  const error = commonError('UNSUPPORTED_MEDIA_TYPE', `Request bodies must be JSON (Content-Type: application/json); this one has ${sent}.`);
  sendProblem(res, error, req.originalUrl.split('?')[0], req.id as string | undefined);
}
