import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser, TestUser } from '../helpers/factories';

/**
 * A reader whose session ended (expired, revoked by logout, or a token that never existed) still
 * reads public pages as an anonymous reader; anything that would act as them is still a 401.
 */
describe('a stale session token on public reads', () => {
  let t: TestApp;
  let author: TestUser;
  let expired: TestUser;
  let revoked: TestUser;
  let articleId: string;
  let commentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t.prisma);
    expired = await createUser(t.prisma);
    await t.prisma.session.updateMany({ where: { userId: expired.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    revoked = await createUser(t.prisma);
    await request(t.http).post('/api/auth/logout').set(revoked.auth).expect(204);
    const article = await createArticle(t.prisma);
    articleId = article.id;
    commentId = (await createComment(t.prisma, { articleId, authorId: author.id, bodySource: 'Has this been verified?', bodyHtml: '<p>Has this been verified?</p>' })).id;
  });
  afterAll(() => t.close());

  const staleHeaders = () => [
    ['expired', expired.auth.Authorization],
    ['revoked', revoked.auth.Authorization],
    ['unknown', 'Bearer plt_never-issued'],
    ['malformed', 'Basic dXNlcjpwYXNz'],
  ];

  const publicReads = () => [
    `/api/articles/${articleId}`,
    '/api/articles',
    `/api/articles/${articleId}/comments`,
    `/api/comments/${commentId}`,
    `/api/comments/${commentId}/replies`,
    `/api/comment-counts?articles=${articleId}`,
    `/api/comments/${commentId}/notes`,
    `/api/articles/${articleId}/transparency`,
    '/api/tags',
  ];

  it('answers every public read as it answers an anonymous reader', async () => {
    for (const path of publicReads()) {
      const anonymous = await request(t.http).get(path).expect(200);
      for (const [kind, header] of staleHeaders()) {
        const res = await request(t.http).get(path).set('Authorization', header);
        expect({ path, kind, status: res.status }).toEqual({ path, kind, status: 200 });
        expect(res.body).toEqual(anonymous.body);
      }
    }
  });

  it('lets a reader with a stale token sign in again', async () => {
    await request(t.http).post('/api/auth/register').set('Authorization', expired.auth.Authorization).send({ email: 'back@example.org', password: 'Quartz-lantern-river-9', displayName: 'Back Again' }).expect(201);
    await request(t.http).post('/api/auth/login').set('Authorization', revoked.auth.Authorization).send({ email: 'back@example.org', password: 'Quartz-lantern-river-9' }).expect(200);
  });

  it('still answers writes and signed-in reads with 401, storing nothing', async () => {
    for (const [kind, header] of staleHeaders()) {
      const post = await request(t.http).post(`/api/articles/${articleId}/comments`).set('Authorization', header).send({ body: 'Posting as whom?' });
      expect({ kind, status: post.status, code: post.body.code }).toEqual({ kind, status: 401, code: 'INVALID_SESSION' });
      const react = await request(t.http).put(`/api/comments/${commentId}/reactions/RESPECT`).set('Authorization', header);
      expect({ kind, status: react.status }).toEqual({ kind, status: 401 });
      const me = await request(t.http).get('/api/me').set('Authorization', header);
      expect({ kind, status: me.status }).toEqual({ kind, status: 401 });
      // A public write acts as the caller too, so it is not downgraded either.
      const resolve = await request(t.http).post('/api/articles/resolve').set('Authorization', header).send({ url: 'https://news.example/a/stale' });
      expect({ kind, status: resolve.status }).toEqual({ kind, status: 401 });
    }
    expect(await t.prisma.comment.count({ where: { articleId } })).toBe(1);
    expect(await t.prisma.reaction.count()).toBe(0);
  });
});
