import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, Personas } from '../helpers/factories';

/** Reproductions of issue 13's bad-input reports, one by one (the generic walk is request-validation.spec.ts). */
describe('bad input is named for what it is', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp({ COMMENT_MAX_LENGTH: '10000' });
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  const firstError = (res: request.Response) => (res.body as { errors?: { field: string; message: string }[] }).errors?.[0];

  it('answers PATCH /api/tags/{slug} with a null slug or name with 400, and leaves the tag as it was', async () => {
    await request(t.http).post('/api/tags').set(p.admin.auth).send({ name: 'Deir ez-Zor' }).expect(201);
    for (const body of [{ slug: null }, { name: null }, { name: 'Renamed', slug: null }]) {
      const res = await request(t.http).patch('/api/tags/deir-ez-zor').set(p.admin.auth).send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(firstError(res)?.message).toMatch(/^(slug|name) must not be null$/);
    }
    const tag = await request(t.http).get('/api/tags/deir-ez-zor').expect(200);
    expect(tag.body).toMatchObject({ slug: 'deir-ez-zor', name: 'Deir ez-Zor' });
  });

  it('still lets null clear an article field documented as nullable', async () => {
    const article = await createArticle(t.prisma, { section: 'Middle East', standfirst: 'Old standfirst' });
    const res = await request(t.http).patch(`/api/articles/${article.id}`).set(p.admin.auth).send({ section: null, standfirst: null }).expect(200);
    expect(res.body).toMatchObject({ section: null, standfirst: null });
  });

  it('says a comment body is missing, null, of the wrong type, empty or over COMMENT_MAX_LENGTH, naming the real limit', async () => {
    const article = await createArticle(t.prisma);
    const post = (body: unknown) => request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send(body as object);
    const cases: [unknown, RegExp][] = [
      [{}, /^body is required$/],
      [{ body: null }, /^body must not be null$/],
      [{ body: 42 }, /^body must be a string$/],
      [{ body: ['a'] }, /^body must be a string$/],
      [{ body: '' }, /^body should not be empty$/],
      [{ body: ' \u200b\n ' }, /^The comment is empty\.$/],
      [{ body: 'x'.repeat(10_001) }, /limited to 10000 characters/],
      [{ body: 'x'.repeat(250_000) }, /limited to 10000 characters/],
    ];
    for (const [body, message] of cases) {
      const started = Date.now();
      const res = await post(body);
      // Refused before any check runs: the link test alone once took a minute on 250,000 characters.
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(res.status).toBe(400);
      expect(firstError(res)?.message).toMatch(message);
      expect(JSON.stringify(res.body)).not.toMatch(/200,?000|shorter than/);
    }
    expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(0);
  });

  it('names a missing field as missing and a mistyped one as mistyped, not by its length limit', async () => {
    const missing = await request(t.http).post('/api/tags').set(p.admin.auth).send({}).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'name', message: 'name is required' }]);
    const typed = await request(t.http).post('/api/tags').set(p.admin.auth).send({ name: 7 }).expect(400);
    expect(typed.body.errors).toEqual([{ field: 'name', message: 'name must be a string' }]);
    const long = await request(t.http).post('/api/tags').set(p.admin.auth).send({ name: 'n'.repeat(61) }).expect(400);
    expect(long.body.errors).toEqual([{ field: 'name', message: 'name must be shorter than or equal to 60 characters' }]);
    const register = await request(t.http).post('/api/auth/register').send({ email: 5, password: null }).expect(400);
    expect(register.body.errors).toEqual([
      { field: 'email', message: 'email must be a string' },
      { field: 'password', message: 'password must not be null' },
      { field: 'displayName', message: 'displayName is required' },
    ]);
  });

  it('answers form-encoded, text/plain and untyped bodies with 415 problems, before anything is stored', async () => {
    const before = await t.prisma.tag.count();
    const sends = [
      request(t.http).post('/api/tags').set(p.admin.auth).type('form').send('name=Raqqa'),
      request(t.http).post('/api/tags').set(p.admin.auth).set('content-type', 'text/plain').send('{"name":"Raqqa"}'),
      request(t.http).post('/api/tags').set(p.admin.auth).set('content-type', 'multipart/form-data; boundary=x').send('--x--'),
      request(t.http).post('/api/auth/login').unset('content-type').send(Buffer.from('{"email":"a@b.example","password":"x"}')),
    ];
    for (const pending of sends) {
      const res = await pending;
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(res.body.detail).toContain('application/json');
    }
    expect(await t.prisma.tag.count()).toBe(before);
    // JSON with a vendor suffix is JSON; a request without a body needs no type at all.
    await request(t.http).post('/api/tags').set(p.admin.auth).set('content-type', 'application/merge-patch+json').send('{"name":"Raqqa"}').expect(201);
    await request(t.http).post('/api/auth/logout').set(p.otherReader.auth).expect(204);
  });
});
