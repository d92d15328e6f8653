import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { CachedResponse, compress, ContentCoding } from './cached-response';
import { MicroCache } from './micro-cache';
import { cacheKeyOf, PublicRoute, publicRouteOf } from './public-routes';


type Outcome = 'hit' | 'shared' | 'miss' | 'private' | 'not_stored';

/**
 * The HTTP side of public reads (thread pages, articles, comment counts), ahead of Nest's router:
 *
 * - Anonymous answers are the same for everyone: a strong ETag, `Cache-Control: public,
 *   max-age, stale-while-revalidate` so a CDN or reverse proxy may share them, 304 on a matching
 *   If-None-Match, and the micro-cache (one build per key per TTL on this instance, concurrent
 *   misses waiting for that one build).
 * - Signed-in answers show the reader their own held comments: `no-store`, never shared.
 * - Errors and anything but a 200 stay `no-store`, built anew every time.
 * - Bodies past the threshold go out gzip or brotli when the client accepts it; a cached entry
 *   keeps its compressed copies, so a hot page is compressed once per coding, not per request.
 *
 * The handler's own answer is taken where Nest hands it to Express (`res.send`), so nothing in
 * the controllers or mappers knows about caching.
 */
@Injectable()
export class PublicCache {
  readonly cache: MicroCache;
  /**
   * The request headers answers differ by, which a cache in front must key on: Origin too when
   * CORS is on (the cors middleware varies on it only when a request sends one, but a shared
   * copy made without it must not reach a page of the site, nor the other way round).
   */
  private readonly vary: string[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    const s = config.httpCache;
    this.vary = [...(config.corsOrigins.length > 0 ? ['Origin'] : []), 'Authorization', 'Accept-Encoding'];
    this.cache = new MicroCache({ ttlMs: s.microCacheTtlMs, maxEntries: s.microCacheMaxEntries, maxBytes: s.microCacheMaxBytes });
  }

  handler(): RequestHandler {
    return (req, res, next) => void this.handle(req, res, next);
  }

  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const route = publicRouteOf(req.path);
    if (!route) return next();
    for (const header of this.vary) res.vary(header);
    // Until a 200 for an anonymous reader replaces it: errors and signed-in views are never kept.
    res.setHeader('Cache-Control', 'no-store');
    if (req.headers.authorization !== undefined) {
      this.count(route, 'private');
      this.capture(req, res, route, 'private');
      return next();
    }
    const query = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
    const key = cacheKeyOf(req.path, query);
    if (!this.cache.enabled) {
      this.capture(req, res, route, 'public');
      return next();
    }
    const fresh = this.cache.get(key);
    if (fresh) {
      this.count(route, 'hit', res);
      return this.send(req, res, fresh, 'public');
    }
    const pending = this.cache.pending(key);
    const shared = pending ? await pending : null;
    if (shared) {
      this.count(route, 'shared', res);
      return this.send(req, res, shared, 'public');
    }
    // A HEAD answer is built by the same handler but never fills the cache; nor does a request
    // that waited for a build which stored nothing (an error: each such request asks anew).
    const built = this.capture(req, res, route, 'public', query);
    if (req.method === 'GET' && !pending) void this.cache.fill(key, built);
    this.count(route, 'miss');
    next();
  }

  /**
   * Takes over the handler's answer: a 200 string body becomes a CachedResponse, sent by `send`;
   * anything else goes out as the handler made it. Resolves with the response (null when not a
   * 200, or when the connection closed first).
   */
  private capture(req: Request, res: Response, route: PublicRoute, view: 'public' | 'private', query?: URLSearchParams): Promise<CachedResponse | null> {
    return new Promise((resolve) => {
      const original = res.send.bind(res);
      res.once('close', () => resolve(null));
      res.send = (body?: unknown): Response => {
        res.send = original;
        const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : null;
        if (res.statusCode !== 200 || text === null) {
          resolve(null);
          if (view === 'public') this.count(route, 'not_stored');
          return original(body);
        }
        const type = String(res.getHeader('Content-Type') ?? 'application/json; charset=utf-8');
        const response = new CachedResponse(Buffer.from(text, 'utf8'), type, route.tags(query ?? new URLSearchParams(), text));
        resolve(response);
        this.send(req, res, response, view);
        return res;
      };
    });
  }

  /** Writes a 200 (or 304) from a CachedResponse with the headers of its view. */
  private send(req: Request, res: Response, response: CachedResponse, view: 'public' | 'private'): void {
    const s = this.config.httpCache;
    const coding = this.codingFor(req, response);
    if (view === 'public') {
      res.setHeader('Cache-Control', `public, max-age=${s.publicMaxAgeSeconds}, stale-while-revalidate=${s.publicStaleWhileRevalidateSeconds}`);
      res.setHeader('ETag', response.etagFor(coding));
      if (response.matches(req.headers['if-none-match'])) {
        res.status(304).end();
        return;
      }
    }
    let body = response.body;
    if (coding !== null) {
      if (view === 'public') {
        const { body: copy, added } = response.encoded(coding);
        if (added > 0) this.cache.grew(response, added);
        body = copy;
      } else body = compress(response.body, coding);
      res.setHeader('Content-Encoding', coding);
    }
    res.status(200);
    res.setHeader('Content-Type', response.contentType);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private codingFor(req: Request, response: CachedResponse): ContentCoding | null {
    const s = this.config.httpCache;
    if (!s.compression || response.body.length < s.compressionMinBytes || !req.headers['accept-encoding']) return null;
    // Brotli whenever it is accepted at all: smaller at about gzip's CPU at the quality used.
    if (req.acceptsEncodings('br') === 'br') return 'br';
    return req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
  }

  private count(route: PublicRoute, outcome: Outcome, res?: Response): void {
    // Answered before Nest's router: name the route for the request-duration metric.
    if (res) res.locals.metricsRoute = route.pattern;
    this.metrics.httpCache.inc({ route: route.name, outcome });
  }
}
