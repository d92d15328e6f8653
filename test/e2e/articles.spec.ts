import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';

let admin: { Authorization: string };

function article(n: number, extra: Record<string, unknown> = {}) {
  return {
    url: `https://news.example/world/story-${n}`,
    title: `Story number ${n}`,
    publishedAt: new Date(Date.UTC(2026, 10, 1, 12, n)).toISOString(),
    ...extra,
  };
}

describe('articles API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ARTICLE_URL_HOSTS: 'embed.example', COMMENTS_CLOSE_AFTER_DAYS: '10' });
    admin = (await createUser(t.prisma, { role: 'ADMIN' })).auth;
  });
  afterAll(() => t.close());

  it('creates an article with tags, a derived slug and a default closing time', async () => {
    const res = await request(t.http)
      .post('/api/articles')
      .set(admin)
      .send(article(1, { tags: ['Syria', 'Islamic State'], authorName: 'Mara Quint', section: 'Middle East' }))
      .expect(201);
    expect(res.body).toMatchObject({
      slug: 'story-number-1',
      url: 'https://news.example/world/story-1',
      section: 'Middle East',
      author: { name: 'Mara Quint', bio: null },
      tags: [
        { slug: 'islamic-state', name: 'Islamic State' },
        { slug: 'syria', name: 'Syria' },
      ],
      comments: { enabled: true, moderationMode: 'POST', closesAt: '2026-11-11T12:01:00.000Z' },
    });
    const byId = await request(t.http).get(`/api/articles/${res.body.id}`).expect(200);
    const bySlug = await request(t.http).get('/api/articles/story-number-1').expect(200);
    expect(bySlug.body).toEqual(byId.body);
  });

  it('reports comments closed once the closing time has passed', async () => {
    const res = await request(t.http)
      .post('/api/articles')
      .set(admin)
      .send(article(2, { commentsCloseAt: '2020-01-01T00:00:00Z' }))
      .expect(201);
    expect(res.body.comments).toMatchObject({ open: false, enabled: true });
    const never = await request(t.http).post('/api/articles').set(admin).send(article(3, { commentsCloseAt: null })).expect(201);
    expect(never.body.comments).toMatchObject({ open: true, closesAt: null });
  });

  it('lists newest first with an opaque cursor and filters by tag and section', async () => {
    for (let n = 10; n < 15; n++) {
      await request(t.http)
        .post('/api/articles')
        .set(admin)
        .send(article(n, { tags: ['Paging'], section: n % 2 ? 'Odd' : 'Even' }))
        .expect(201);
    }
    const first = await request(t.http).get('/api/articles?tag=paging&limit=2').expect(200);
    expect(first.body.items.map((a: { slug: string }) => a.slug)).toEqual(['story-number-14', 'story-number-13']);
    const second = await request(t.http).get(`/api/articles?tag=paging&limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((a: { slug: string }) => a.slug)).toEqual(['story-number-12', 'story-number-11']);
    const last = await request(t.http).get(`/api/articles?tag=paging&limit=2&cursor=${second.body.nextCursor}`).expect(200);
    expect(last.body.items.map((a: { slug: string }) => a.slug)).toEqual(['story-number-10']);
    expect(last.body.nextCursor).toBeNull();
    const odd = await request(t.http).get('/api/articles?section=Odd&tag=paging').expect(200);
    expect(odd.body.items.map((a: { slug: string }) => a.slug)).toEqual(['story-number-13', 'story-number-11']);
  });

  it('updates only the fields given and replaces tags when given', async () => {
    const created = await request(t.http).post('/api/articles').set(admin).send(article(20, { tags: ['A tag'] })).expect(201);
    const res = await request(t.http)
      .patch(`/api/articles/${created.body.id}`)
      .set(admin)
      .send({ title: 'Renamed', moderationMode: 'PRE', commentsOpen: false, tags: ['Other tag'] })
      .expect(200);
    expect(res.body).toMatchObject({
      title: 'Renamed',
      slug: 'story-number-20',
      url: 'https://news.example/world/story-20',
      comments: { open: false, enabled: false, moderationMode: 'PRE' },
      tags: [{ slug: 'other-tag', name: 'Other tag' }],
    });
  });

  it('deletes an article', async () => {
    const created = await request(t.http).post('/api/articles').set(admin).send(article(21)).expect(201);
    await request(t.http).delete(`/api/articles/${created.body.id}`).set(admin).expect(204);
    await request(t.http).get(`/api/articles/${created.body.id}`).expect(404);
    await request(t.http).delete(`/api/articles/${created.body.id}`).set(admin).expect(404);
  });

  it('finds or creates by canonical URL: anyone on an allowed host, admins anywhere', async () => {
    const url = 'https://embed.example/live/blog?utm_source=x#top';
    const made = await request(t.http).post('/api/articles/resolve').send({ url, title: 'Live blog' }).expect(201);
    expect(made.body.url).toBe('https://embed.example/live/blog');
    const again = await request(t.http).post('/api/articles/resolve').send({ url: 'https://EMBED.example/live/blog' }).expect(200);
    expect(again.body.id).toBe(made.body.id);
    const refused = await request(t.http).post('/api/articles/resolve').send({ url: 'https://elsewhere.example/x' }).expect(403);
    expect(refused.body.code).toBe('ARTICLE_URL_HOST_NOT_ALLOWED');
    await request(t.http).post('/api/articles/resolve').set(admin).send({ url: 'https://elsewhere.example/x' }).expect(201);
  });

  it('answers a duplicate slug or URL with 409 and changes nothing', async () => {
    await request(t.http).post('/api/articles').set(admin).send(article(30, { slug: 'taken' })).expect(201);
    const slug = await request(t.http).post('/api/articles').set(admin).send(article(31, { slug: 'taken' })).expect(409);
    expect(slug.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(slug.body).toMatchObject({ status: 409, code: 'ARTICLE_SLUG_TAKEN' });
    const url = await request(t.http).post('/api/articles').set(admin).send(article(30, { slug: 'other' })).expect(409);
    expect(url.body.code).toBe('ARTICLE_URL_TAKEN');
    await request(t.http).get('/api/articles/other').expect(404);
  });

  it('refuses writes when not signed in (401), with a bad token (401) or by a reader (403)', async () => {
    const none = await request(t.http).post('/api/articles').send(article(40)).expect(401);
    expect(none.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await request(t.http).post('/api/articles').set('Authorization', 'Bearer wrong-token').send(article(40)).expect(401);
    const reader = await createUser(t.prisma);
    const forbidden = await request(t.http).post('/api/articles').set(reader.auth).send(article(40)).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
  });

  it('answers malformed JSON, unknown fields and bad values with 400 problem details', async () => {
    const bad = await request(t.http)
      .post('/api/articles')
      .set(admin)
      .set('Content-Type', 'application/json')
      .send('{"title": ')
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'MALFORMED_JSON', status: 400, type: expect.stringMatching(/^urn:parley:problem:/) });
    const unknown = await request(t.http).post('/api/articles').set(admin).send({ ...article(41), owner: 'me' }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'owner', message: expect.stringContaining('should not exist') }]);
    const values = await request(t.http)
      .post('/api/articles')
      .set(admin)
      .send({ url: 'javascript:alert(1)', title: '', publishedAt: 'yesterday' })
      .expect(400);
    expect(values.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['publishedAt', 'title', 'url']);
    await request(t.http).get('/api/articles?limit=101').expect(400);
    await request(t.http).get('/api/articles?cursor=not-a-cursor').expect(400);
  });

  it('answers an oversized body with 413', async () => {
    const huge = { ...article(42), body: 'x'.repeat(300 * 1024) };
    const res = await request(t.http).post('/api/articles').set(admin).send(huge).expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes and ids with 404 problem details carrying the request id', async () => {
    const res = await request(t.http).get('/api/nothing-here').set('x-request-id', 'req-123').expect(404);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: 'req-123' });
    await request(t.http).get('/api/articles/00000000-0000-0000-0000-000000000000').expect(404);
    await request(t.http).patch('/api/articles/not-a-uuid').set(admin).send({ title: 'x' }).expect(404);
  });
});
