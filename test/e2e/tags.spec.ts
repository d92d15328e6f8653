import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';

let admin: { Authorization: string };

describe('tags API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await createUser(t.prisma, { role: 'ADMIN' })).auth;
  });
  afterAll(() => t.close());

  it('creates, lists with article counts, shows a tag with its articles, renames and deletes', async () => {
    await request(t.http).post('/api/tags').set(admin).send({ name: 'Iraq' }).expect(201);
    for (const n of [1, 2, 3]) {
      await request(t.http)
        .post('/api/articles')
        .set(admin)
        .send({ url: `https://news.example/${n}`, title: `Report ${n}`, tags: ['iraq'], publishedAt: `2026-01-0${n}T00:00:00Z` })
        .expect(201);
    }
    const list = await request(t.http).get('/api/tags').expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ slug: 'iraq', name: 'Iraq', articleCount: 3 })]);

    const page = await request(t.http).get('/api/tags/iraq?limit=2').expect(200);
    expect(page.body).toMatchObject({ slug: 'iraq', articleCount: 3 });
    expect(page.body.articles.items.map((a: { title: string }) => a.title)).toEqual(['Report 3', 'Report 2']);
    const rest = await request(t.http).get(`/api/tags/iraq?limit=2&cursor=${page.body.articles.nextCursor}`).expect(200);
    expect(rest.body.articles.items.map((a: { title: string }) => a.title)).toEqual(['Report 1']);

    const renamed = await request(t.http).patch('/api/tags/iraq').set(admin).send({ name: 'Iraq (country)', slug: 'iraq-country' }).expect(200);
    expect(renamed.body).toMatchObject({ slug: 'iraq-country', name: 'Iraq (country)', articleCount: 3 });
    await request(t.http).get('/api/tags/iraq').expect(404);

    await request(t.http).delete('/api/tags/iraq-country').set(admin).expect(204);
    const after = await request(t.http).get('/api/articles?limit=5').expect(200);
    expect(after.body.items).toHaveLength(3);
    expect(after.body.items.every((a: { tags: unknown[] }) => a.tags.length === 0)).toBe(true);
  });

  it('answers a duplicate slug with 409, a missing tag with 404 and bad input with 400', async () => {
    await request(t.http).post('/api/tags').set(admin).send({ name: 'Sudan' }).expect(201);
    const dup = await request(t.http).post('/api/tags').set(admin).send({ name: 'SUDAN' }).expect(409);
    expect(dup.body.code).toBe('TAG_SLUG_TAKEN');
    await request(t.http).post('/api/tags').set(admin).send({ name: 'Ukraine' }).expect(201);
    const clash = await request(t.http).patch('/api/tags/ukraine').set(admin).send({ slug: 'sudan' }).expect(409);
    expect(clash.body.code).toBe('TAG_SLUG_TAKEN');
    await request(t.http).patch('/api/tags/nope').set(admin).send({ name: 'x' }).expect(404);
    await request(t.http).delete('/api/tags/nope').set(admin).expect(404);
    const bad = await request(t.http).post('/api/tags').set(admin).send({ name: 'Ok', slug: 'Not A Slug' }).expect(400);
    expect(bad.body.errors[0].field).toBe('slug');
    const arabic = await request(t.http).post('/api/tags').set(admin).send({ name: 'سوريا' }).expect(400);
    expect(arabic.body.code).toBe('TAG_NAME_UNUSABLE');
    await request(t.http).post('/api/tags').set(admin).send({ name: 'سوريا', slug: 'syria' }).expect(201);
    await request(t.http).post('/api/tags').send({ name: 'Anon' }).expect(401);
  });
});
