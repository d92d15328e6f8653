import { ANY_ARTICLE } from './micro-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public reads whose anonymous answers are the same for every reader, so that caches may
 * share them: a thread page, an article, comment counts. Each names the articles an answer shows
 * (for invalidation by their events); when that cannot be told (an article addressed by slug
 * whose id is not found at the head of the body), the entry is tagged ANY_ARTICLE and any event
 * ends it: never stale, only less often reused.
 */
export interface PublicRoute {
  name: 'thread' | 'article' | 'counts';
  /** The route as Nest declares it (the metrics label of an answer from the micro-cache). */
  pattern: string;
  /** The articles the body shows. */
  tags(query: URLSearchParams, body: string): string[];
}

/** The article id at the start of a body: `{"id":"…"` (an article) or `{"article":{"id":"…"` (a thread page). */
function leadingArticleId(body: string, prefix: string): string | null {
  const head = body.slice(0, prefix.length + 40);
  if (!head.startsWith(prefix)) return null;
  const id = head.slice(prefix.length, prefix.length + 36);
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** A path segment as the router sees it; a malformed escape is left as written (it is no UUID either way). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function byPathOrBody(segment: string, body: string, prefix: string): string[] {
  if (UUID.test(segment)) return [segment.toLowerCase()];
  return [leadingArticleId(body, prefix) ?? ANY_ARTICLE];
}

const THREAD = /^\/api\/articles\/([^/]+)\/comments\/?$/;
const ARTICLE = /^\/api\/articles\/([^/]+)\/?$/;
const COUNTS = /^\/api\/comment-counts\/?$/;

/** The route of a path, or null when its answers are not shared. */
export function publicRouteOf(path: string): PublicRoute | null {
  const thread = THREAD.exec(path);
  if (thread) return { name: 'thread', pattern: '/api/articles/:id/comments', tags: (_q, body) => byPathOrBody(decoded(thread[1]), body, '{"article":{"id":"') };
  const article = ARTICLE.exec(path);
  if (article) return { name: 'article', pattern: '/api/articles/:idOrSlug', tags: (_q, body) => byPathOrBody(decoded(article[1]), body, '{"id":"') };
  if (COUNTS.test(path)) {
    return {
      name: 'counts',
      pattern: '/api/comment-counts',
      tags: (query) => {
        const ids = (query.get('articles') ?? '').split(',').filter((id) => UUID.test(id));
        return ids.length > 0 ? ids.map((id) => id.toLowerCase()) : [ANY_ARTICLE];
      },
    };
  }
  return null;
}

/**
 * The micro-cache key of a request: the path and its query parameters in sorted order, so
 * `?a=1&b=2` and `?b=2&a=1` share an entry. The host is left out: one instance serves one site.
 */
export function cacheKeyOf(path: string, query: URLSearchParams): string {
  const sorted = new URLSearchParams(query);
  sorted.sort();
  const q = sorted.toString();
  return q === '' ? path : `${path}?${q}`;
}
