import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { WebAsset, WebAssets } from './web-assets';

/**
 * Serves the front end beside the API: built assets (the embed script and hashed files) and the
 * pages Parley renders itself (the demo article, the console). These are plain Express
 * handlers in front of Nest's router, so they are not API routes: no permission map entry, no
 * OpenAPI operation. Each kind of response gets its own security headers here; the API keeps
 * `default-src 'none'`.
 */

/** A page Parley renders: HTML for the request (every value in it escaped by the renderer). */
export type PageRenderer = (req: Request) => Promise<string>;

/** Stable names (embed.js) are revalidated after five minutes so a new release reaches readers soon. */
const REVALIDATE = 'public, max-age=300, stale-while-revalidate=3600';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Pages load scripts, styles and data only from Parley itself; nothing inline (Lit's adopted
 * stylesheets are not inline styles), no plugins, no framing, no form posts.
 */
export const PAGE_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

const pageHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: PAGE_POLICY } });

// Assets are loaded by news sites on other origins: the resource policy must allow that (a
// same-origin CORP would make the browser refuse embed.js), and CORS lets sites use SRI.
const assetHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
});

export function webRoutes(assets: WebAssets, pages: Record<string, PageRenderer>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const asset = assets.get(req.path);
    if (asset) return assetHeaders(req, res, () => sendAsset(req, res, asset));
    const page = pages[req.path];
    if (page) return pageHeaders(req, res, () => void sendPage(req, res, page));
    next();
  };
}

function sendAsset(req: Request, res: Response, asset: WebAsset): void {
  res.setHeader('Content-Type', asset.type);
  res.setHeader('Cache-Control', asset.immutable ? IMMUTABLE : REVALIDATE);
  res.setHeader('ETag', asset.etag);
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Vary', 'Accept-Encoding');
  if (matchesEtag(req.headers['if-none-match'], asset.etag)) {
    res.status(304).end();
    return;
  }
  const gzip = asset.gzip !== null && acceptsGzip(req.headers['accept-encoding']);
  const body = gzip ? (asset.gzip as Buffer) : asset.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
}

async function sendPage(req: Request, res: Response, render: PageRenderer): Promise<void> {
  let html: string;
  try {
    html = await render(req);
  } catch {
    // Express's own error page would show a stack trace; the API's problem documents are for
    // API clients. A person gets a short page (the cause is a database outage in practice).
    res.status(503).setHeader('Retry-After', '5').type('text/plain').end('Parley cannot show this page right now. Try again in a moment.');
    return;
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.status(200).end(req.method === 'HEAD' ? undefined : html);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding.trim().toLowerCase() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
