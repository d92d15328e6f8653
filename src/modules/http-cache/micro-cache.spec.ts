import { CachedResponse } from './cached-response';
import { ANY_ARTICLE, MicroCache } from './micro-cache';
import { cacheKeyOf, publicRouteOf } from './public-routes';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function response(text: string, tags: string[] = [A]): CachedResponse {
  return new CachedResponse(Buffer.from(text), 'application/json; charset=utf-8', tags);
}

/** A cache on a clock the test moves by hand. */
function cacheAt(limits: Partial<{ ttlMs: number; maxEntries: number; maxBytes: number }> = {}) {
  const clock = { now: 1000 };
  const cache = new MicroCache({ ttlMs: 1000, maxEntries: 100, maxBytes: 1_000_000, ...limits }, () => clock.now);
  return { cache, clock };
}

describe('MicroCache', () => {
  it('serves an entry until its TTL has passed', async () => {
    const { cache, clock } = cacheAt();
    await cache.fill('/a', Promise.resolve(response('{"a":1}')));
    clock.now += 999;
    expect(cache.get('/a')?.body.toString()).toBe('{"a":1}');
    clock.now += 1;
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('lets concurrent misses wait for the one build, and stores nothing for a failed or empty build', async () => {
    const { cache } = cacheAt();
    let finish!: (r: CachedResponse | null) => void;
    const filled = cache.fill('/a', new Promise((resolve) => (finish = resolve)));
    const waiting = cache.pending('/a');
    expect(waiting).toBeDefined();
    finish(response('{"built":"once"}'));
    expect((await waiting)?.body.toString()).toBe('{"built":"once"}');
    await filled;
    expect(cache.pending('/a')).toBeUndefined();
    await cache.fill('/b', Promise.resolve(null));
    await cache.fill('/c', Promise.reject(new Error('database away')));
    expect([cache.get('/b'), cache.get('/c')]).toEqual([undefined, undefined]);
  });

  it('ends the entries of an invalidated article and those whose article is unknown, not others', async () => {
    const { cache } = cacheAt();
    await cache.fill('/a', Promise.resolve(response('a', [A])));
    await cache.fill('/b', Promise.resolve(response('b', [B])));
    await cache.fill('/both', Promise.resolve(response('ab', [A, B])));
    await cache.fill('/slug', Promise.resolve(response('?', [ANY_ARTICLE])));
    cache.invalidate([A]);
    expect(['/a', '/b', '/both', '/slug'].map((k) => cache.get(k) !== undefined)).toEqual([false, true, false, false]);
    cache.invalidateAll();
    expect(cache.get('/b')).toBeUndefined();
  });

  it('does not store a build that an invalidation of its article overtook', async () => {
    const { cache } = cacheAt();
    let finishA!: (r: CachedResponse) => void;
    let finishB!: (r: CachedResponse) => void;
    const a = cache.fill('/a', new Promise((resolve) => (finishA = resolve)));
    const b = cache.fill('/b', new Promise((resolve) => (finishB = resolve)));
    cache.invalidate([A]);
    finishA(response('old a', [A]));
    finishB(response('b', [B]));
    await Promise.all([a, b]);
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/b')?.body.toString()).toBe('b');
    // Once nothing is in flight, a new build of the same article is stored again.
    await cache.fill('/a', Promise.resolve(response('new a', [A])));
    expect(cache.get('/a')?.body.toString()).toBe('new a');
  });

  it('evicts the least recently used entry past the entry limit', async () => {
    const { cache } = cacheAt({ maxEntries: 2 });
    await cache.fill('/1', Promise.resolve(response('1')));
    await cache.fill('/2', Promise.resolve(response('2')));
    cache.get('/1');
    await cache.fill('/3', Promise.resolve(response('3')));
    expect(['/1', '/2', '/3'].map((k) => cache.get(k) !== undefined)).toEqual([true, false, true]);
  });

  it('counts compressed copies against the byte limit and never keeps an entry larger than the limit', async () => {
    const big = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, text: 'the crossing was retaken '.repeat(3) })) });
    const { cache } = cacheAt({ maxBytes: big.length + 10 });
    const entry = response(big);
    await cache.fill('/big', Promise.resolve(entry));
    expect(cache.size.bytes).toBe(big.length);
    const { added } = entry.encoded('gzip');
    cache.grew(entry, added);
    // Body and copy together pass the limit: the entry itself goes (nothing older to evict).
    expect(cache.get('/big')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
    await cache.fill('/huge', Promise.resolve(response(big + big)));
    expect(cache.get('/huge')).toBeUndefined();
  });
});

describe('CachedResponse validators', () => {
  it('matches If-None-Match lists, weak forms and every coding of the same body', () => {
    const r = response('{"x":1}');
    expect(r.matches(`"nope", ${r.etagFor(null)}`)).toBe(true);
    expect(r.matches(`W/${r.etagFor('gzip')}`)).toBe(true);
    expect(r.matches(r.etagFor('br'))).toBe(true);
    expect(r.matches('*')).toBe(true);
    expect(r.matches(response('{"x":2}').etagFor(null))).toBe(false);
    expect(r.matches(undefined)).toBe(false);
  });
});

describe('public routes', () => {
  it.each([
    ['/api/articles/' + A + '/comments', 'thread', '{}', [A]],
    ['/api/articles/some-slug/comments', 'thread', `{"article":{"id":"${B}","title":"x"}}`, [B]],
    ['/api/articles/some-slug/comments', 'thread', '{"items":[]}', [ANY_ARTICLE]],
    ['/api/articles/some-slug', 'article', `{"id":"${B}","slug":"some-slug"}`, [B]],
    ['/api/articles/%E0%A4%A/comments', 'thread', '{}', [ANY_ARTICLE]],
  ])('%s is the %s route showing %j', (path, name, body, tags) => {
    const route = publicRouteOf(path);
    expect(route?.name).toBe(name);
    expect(route?.tags(new URLSearchParams(), body)).toEqual(tags);
  });

  it('tags comment counts with the articles asked for', () => {
    const route = publicRouteOf('/api/comment-counts');
    expect(route?.tags(new URLSearchParams(`articles=${A},${B.toUpperCase()}`), '{}')).toEqual([A, B]);
  });

  it.each(['/api/articles', '/api/articles/x/live', '/api/comments/' + A, '/api/me'])('%s is not shared', (path) => {
    expect(publicRouteOf(path)).toBeNull();
  });

  it('keys by path and sorted query', () => {
    expect(cacheKeyOf('/p', new URLSearchParams('b=2&a=1'))).toBe('/p?a=1&b=2');
    expect(cacheKeyOf('/p', new URLSearchParams(''))).toBe('/p');
  });
});
