import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { EventRelay } from '../../src/modules/events/event-relay';
import { CacheInvalidator } from '../../src/modules/http-cache/cache-invalidator';
import { MetricsService } from '../../src/modules/metrics/metrics.service';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser, TestUser } from '../helpers/factories';

const PUBLIC = 'public, max-age=5, stale-while-revalidate=30';

/** How many public reads of a route were answered one way (parley_http_cache_total). */
async function cacheCount(t: TestApp, route: string, outcome: string): Promise<number> {
  const { values } = await t.app.get(MetricsService).httpCache.get();
  return values.find((v) => v.labels.route === route && v.labels.outcome === outcome)?.value ?? 0;
}

/** An article whose thread page is a few kilobytes of JSON (past the compression threshold). */
async function articleWithComments(t: TestApp, author: TestUser, count: number) {
  const article = await createArticle(t.prisma);
  const comments = [];
  for (let i = 0; i < count; i++) {
    const text = `Comment ${i}: the bridge at the river crossing was reported taken, nobody has confirmed it independently yet.`;
    comments.push(await createComment(t.prisma, { articleId: article.id, authorId: author.id, bodySource: text, bodyHtml: `<p>${text}</p>` }));
  }
  return { article, comments };
}

describe('caching headers on public reads', () => {
  let t: TestApp;
  let author: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://news.example' });
    author = await createUser(t.prisma);
  });
  afterAll(() => t.close());

  it('keeps the CORS headers of the news site’s pages beside its own Vary', async () => {
    const { article } = await articleWithComments(t, author, 1);
    const res = await request(t.http).get(`/api/articles/${article.id}/comments`).set('Origin', 'https://news.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://news.example');
    expect(res.headers.vary).toBe('Origin, Authorization, Accept-Encoding');
  });

  it('gives anonymous thread pages, articles and counts a strong ETag, public Cache-Control and 304 on If-None-Match', async () => {
    const { article } = await articleWithComments(t, author, 2);
    for (const url of [`/api/articles/${article.id}/comments`, `/api/articles/${article.slug}`, `/api/comment-counts?articles=${article.id}`]) {
      const res = await request(t.http).get(url).expect(200);
      expect({ url, cacheControl: res.headers['cache-control'], vary: res.headers.vary }).toEqual({ url, cacheControl: PUBLIC, vary: 'Origin, Authorization, Accept-Encoding' });
      // supertest asks for gzip: the validator names that coding.
      expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}(-gzip)?"$/);
      const again = await request(t.http).get(url).set('If-None-Match', `"other", ${res.headers.etag}`).expect(304);
      expect(again.text).toBe('');
      expect(again.headers.etag).toBe(res.headers.etag);
      expect(again.headers['cache-control']).toBe(PUBLIC);
      await request(t.http).get(url).set('If-None-Match', '"something-else"').expect(200);
    }
  });

  it('changes the ETag when the page changes', async () => {
    const { article } = await articleWithComments(t, author, 1);
    const before = await request(t.http).get(`/api/articles/${article.id}/comments`).expect(200);
    await createComment(t.prisma, { articleId: article.id, authorId: author.id });
    const after = await request(t.http).get(`/api/articles/${article.id}/comments`).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('never shares a signed-in view: no-store, no ETag, and the author’s held comment only there', async () => {
    const watched = await createUser(t.prisma, { premoderated: true });
    const { article } = await articleWithComments(t, author, 1);
    const held = await request(t.http).post(`/api/articles/${article.id}/comments`).set(watched.auth).send({ body: 'Is there any independent source for the crossing?' }).expect(201);
    expect(held.body.awaitingReview).toBe(true);
    const own = await request(t.http).get(`/api/articles/${article.id}/comments`).set(watched.auth).expect(200);
    expect(own.headers['cache-control']).toBe('no-store');
    expect(own.headers.vary).toContain('Authorization');
    expect(own.headers.etag).toBeUndefined();
    expect(own.body.awaitingReview.map((c: { id: string }) => c.id)).toEqual([held.body.id]);
    const anonymous = await request(t.http).get(`/api/articles/${article.id}/comments`).expect(200);
    expect(anonymous.headers['cache-control']).toBe(PUBLIC);
    expect(anonymous.text).not.toContain(held.body.id);
  });

  it('keeps errors out of shared caches (Express’s own weak ETag on them is harmless under no-store)', async () => {
    const missing = await request(t.http).get('/api/articles/no-such-article/comments').expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    const bad = await request(t.http).get('/api/comment-counts?articles=nope').expect(400);
    expect(bad.headers['cache-control']).toBe('no-store');
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the micro-cache', () => {
  let t: TestApp;
  let author: TestUser;

  beforeAll(async () => {
    // A TTL far longer than the test: whatever changes a cached page here is an invalidation.
    t = await startTestApp({ MICRO_CACHE_TTL_MS: '600000' });
    author = await createUser(t.prisma);
    // The invalidator's first pass starts it at the outbox head.
    await t.app.get(CacheInvalidator).runOnce();
  });
  afterAll(() => t.close());

  /** Stamps committed events, then lets this instance's invalidator read them. */
  async function deliverEvents(): Promise<void> {
    await t.app.get(EventRelay).runOnce();
    await t.app.get(CacheInvalidator).runOnce();
  }

  it('answers a repeated anonymous read without reading the database again, until an event of the article', async () => {
    const { article, comments } = await articleWithComments(t, author, 3);
    const url = `/api/articles/${article.id}/comments`;
    const misses = await cacheCount(t, 'thread', 'miss');
    const first = await request(t.http).get(url).expect(200);
    expect(first.text).toContain('Comment 0:');
    // Changed behind the application's back: no event, so only a new database read can show it.
    await t.prisma.comment.update({ where: { id: comments[0].id }, data: { bodyHtml: '<p>Rewritten without an event</p>' } });
    const second = await request(t.http).get(url).expect(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await cacheCount(t, 'thread', 'miss')).toBe(misses + 1);
    // A signed-in reader bypasses the cache and sees the row as it is.
    const signedIn = await request(t.http).get(url).set(author.auth).expect(200);
    expect(signedIn.text).toContain('Rewritten without an event');

    // An event about another article leaves this page alone.
    const other = await createArticle(t.prisma);
    await request(t.http).post(`/api/articles/${other.id}/comments`).set(author.auth).send({ body: 'A reply somewhere else entirely.' }).expect(201);
    await deliverEvents();
    expect((await request(t.http).get(url).expect(200)).text).toBe(first.text);

    const posted = await request(t.http).post(`/api/articles/${article.id}/comments`).set(author.auth).send({ body: 'Now confirmed by two agencies.' }).expect(201);
    await deliverEvents();
    const after = await request(t.http).get(url).expect(200);
    expect(after.text).toContain(posted.body.id);
    expect(after.text).toContain('Rewritten without an event');
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('keeps the cached page when the event is a comment readers cannot see', async () => {
    const watched = await createUser(t.prisma, { premoderated: true });
    const { article, comments } = await articleWithComments(t, author, 1);
    const url = `/api/articles/${article.id}/comments`;
    const first = await request(t.http).get(url).expect(200);
    await t.prisma.comment.update({ where: { id: comments[0].id }, data: { bodyHtml: '<p>Changed quietly</p>' } });
    const held = await request(t.http).post(`/api/articles/${article.id}/comments`).set(watched.auth).send({ body: 'Held for review, surely.' }).expect(201);
    expect(held.body.awaitingReview).toBe(true);
    await deliverEvents();
    const anonymous = await request(t.http).get(url).expect(200);
    expect(anonymous.text).toBe(first.text);
    const own = await request(t.http).get(url).set(watched.auth).expect(200);
    expect(own.body.awaitingReview.map((c: { id: string }) => c.id)).toEqual([held.body.id]);
  });

  it('builds a cold page once for many concurrent anonymous readers', async () => {
    const { article } = await articleWithComments(t, author, 5);
    const url = `/api/articles/${article.id}/comments?limit=20&sort=oldest`;
    const before = { miss: await cacheCount(t, 'thread', 'miss'), hit: await cacheCount(t, 'thread', 'hit'), shared: await cacheCount(t, 'thread', 'shared') };
    const responses = await Promise.all(Array.from({ length: 12 }, () => request(t.http).get(url).expect(200)));
    expect(new Set(responses.map((r) => r.headers.etag)).size).toBe(1);
    expect(await cacheCount(t, 'thread', 'miss')).toBe(before.miss + 1);
    const reused = (await cacheCount(t, 'thread', 'hit')) - before.hit + (await cacheCount(t, 'thread', 'shared')) - before.shared;
    expect(reused).toBe(11);
    // The same query in another order is the same entry.
    await request(t.http).get(`/api/articles/${article.id}/comments?sort=oldest&limit=20`).expect(200);
    expect(await cacheCount(t, 'thread', 'miss')).toBe(before.miss + 1);
  });

  it('does not fill the cache from a HEAD or an error', async () => {
    const { article } = await articleWithComments(t, author, 1);
    const url = `/api/articles/${article.id}`;
    const misses = await cacheCount(t, 'article', 'miss');
    const head = await request(t.http).head(url).expect(200);
    expect(head.headers.etag).toMatch(/^"/);
    expect(head.text).toBeUndefined();
    await request(t.http).get(url).expect(200);
    expect(await cacheCount(t, 'article', 'miss')).toBe(misses + 2);

    const notStored = await cacheCount(t, 'article', 'not_stored');
    await request(t.http).get('/api/articles/not-there-yet').expect(404);
    await createArticle(t.prisma, { slug: 'not-there-yet' });
    const found = await request(t.http).get('/api/articles/not-there-yet').expect(200);
    expect(found.headers['cache-control']).toBe(PUBLIC);
    expect(await cacheCount(t, 'article', 'not_stored')).toBe(notStored + 1);
  });
});

/** A raw GET (supertest would decompress): status, headers and the bytes as sent. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each([
  ['without the micro-cache', '0'],
  ['with the micro-cache', '600000'],
])('compression %s', (_name, ttl) => {
  let t: TestApp;
  let port: number;
  let author: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ MICRO_CACHE_TTL_MS: ttl, HTTP_COMPRESSION_MIN_BYTES: '2kb' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    author = await createUser(t.prisma);
  });
  afterAll(() => t.close());

  it('sends brotli or gzip as the client asks, past the threshold only', async () => {
    const { article } = await articleWithComments(t, author, 20);
    const path = `/api/articles/${article.id}/comments`;
    const plain = await rawGet(port, path, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(2048);

    const br = await rawGet(port, path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(br.headers.etag).toBe(`${String(plain.headers.etag).slice(0, -1)}-br"`);

    const gzip = await rawGet(port, path, { 'Accept-Encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    // A validator of any coding of the same body revalidates.
    expect((await rawGet(port, path, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(br.headers.etag) })).status).toBe(304);

    expect((await rawGet(port, path, { 'Accept-Encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    const signedIn = await rawGet(port, path, { 'Accept-Encoding': 'gzip', Authorization: author.auth.Authorization });
    expect(signedIn.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(signedIn.body).toString('utf8')).items).toHaveLength(20);

    const small = await rawGet(port, `/api/comment-counts?articles=${article.id}`, { 'Accept-Encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(2048);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
