import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas } from '../helpers/factories';

describe('threaded discussion', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp({ COMMENT_EDIT_WINDOW_SECONDS: '300', THREAD_REPLY_DEPTH: '2', THREAD_REPLIES_PER_COMMENT: '3' });
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  async function post(user: { auth: Record<string, string> }, articleId: string, body: string, parentId?: string) {
    const res = await request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body, parentId });
    expect(res.status).toBe(201);
    return res.body as { id: string; html: string; depth: number };
  }

  async function count(articleId: string): Promise<number> {
    return (await request(t.http).get(`/api/articles/${articleId}`).expect(200)).body.comments.count;
  }

  it('posts a comment rendered to safe HTML, keeps the source, and counts it', async () => {
    const article = await createArticle(t.prisma);
    const res = await request(t.http)
      .post(`/api/articles/${article.id}/comments`)
      .set(p.reader.auth)
      .send({ body: '  Has this been **independently verified**?\n\n> town X has fallen\n\n<script>alert(1)</script>  ' })
      .expect(201);
    expect(res.body).toMatchObject({ state: 'visible', depth: 0, parentId: null, author: { id: p.reader.id, displayName: 'Lena Reader', role: 'READER' } });
    expect(res.body.html).toContain('<strong>independently verified</strong>');
    expect(res.body.html).toContain('<blockquote>');
    expect(res.body.html).not.toContain('<script');
    const stored = await t.prisma.comment.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored.bodySource.startsWith('Has this been')).toBe(true);
    expect(await count(article.id)).toBe(1);
  });

  it('nests replies, pages top comments with first replies in thread order, and loads more replies', async () => {
    const article = await createArticle(t.prisma);
    const a = await post(p.reader, article.id, 'A');
    const a1 = await post(p.otherReader, article.id, 'A1', a.id);
    const a1x = await post(p.reader, article.id, 'A1x', a1.id);
    await post(p.otherReader, article.id, 'A1x-deep', a1x.id);
    const a2 = await post(p.otherReader, article.id, 'A2', a.id);
    await post(p.otherReader, article.id, 'A3', a.id);
    const b = await post(p.otherReader, article.id, 'B');
    expect(a1x.depth).toBe(2);

    const page = await request(t.http).get(`/api/articles/${article.id}/comments?sort=oldest&limit=1`).expect(200);
    expect(page.body.article.commentCount).toBe(7);
    const [top] = page.body.items;
    expect(top.id).toBe(a.id);
    // Depth cap 2 and three replies in thread order: A1, A1x, A2 (A1x-deep is too deep, A3 past the cap).
    expect(top.replies.map((r: { id: string }) => r.id)).toEqual([a1.id, a2.id]);
    expect(top.replies[0].replies.map((r: { id: string }) => r.id)).toEqual([a1x.id]);
    expect(top.replies[0].replies[0].moreReplies).toBe(true);
    expect(top.moreReplies).toBe(true);
    expect(top.replyCount).toBe(3);

    const next = await request(t.http).get(`/api/articles/${article.id}/comments?sort=oldest&limit=1&cursor=${page.body.nextCursor}`).expect(200);
    expect(next.body.items.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect(next.body.nextCursor).toBeNull();

    const more = await request(t.http).get(`/api/comments/${a.id}/replies?limit=2`).expect(200);
    expect(more.body.items.map((c: { id: string }) => c.id)).toEqual([a1.id, a2.id]);
    const rest = await request(t.http).get(`/api/comments/${a.id}/replies?limit=2&cursor=${more.body.nextCursor}`).expect(200);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('sorts top comments newest, by replies and by respect', async () => {
    const article = await createArticle(t.prisma);
    const first = await post(p.reader, article.id, 'first');
    const second = await post(p.reader, article.id, 'second');
    await post(p.otherReader, article.id, 'reply', first.id);
    await request(t.http).put(`/api/comments/${second.id}/reactions/RESPECT`).set(p.otherReader.auth).expect(200);
    const ids = async (sort: string) =>
      (await request(t.http).get(`/api/articles/${article.id}/comments?sort=${sort}`).expect(200)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('newest')).toEqual([second.id, first.id]);
    expect(await ids('oldest')).toEqual([first.id, second.id]);
    expect(await ids('replies')).toEqual([first.id, second.id]);
    expect(await ids('respect')).toEqual([second.id, first.id]);
    await request(t.http).get(`/api/articles/${article.id}/comments?sort=loudest`).expect(400);
  });

  it('gives a permalink with the chain of ancestors', async () => {
    const article = await createArticle(t.prisma);
    const a = await post(p.reader, article.id, 'root');
    const b = await post(p.otherReader, article.id, 'child', a.id);
    const c = await post(p.reader, article.id, 'grandchild', b.id);
    const res = await request(t.http).get(`/api/comments/${c.id}`).expect(200);
    expect(res.body.comment.id).toBe(c.id);
    expect(res.body.ancestors.map((x: { id: string }) => x.id)).toEqual([a.id, b.id]);
  });

  it('hides pending comments from everyone but their author, who sees them marked', async () => {
    const article = await createArticle(t.prisma, { moderationMode: 'PRE' });
    const c = await post(p.reader, article.id, 'held for review');
    expect(await count(article.id)).toBe(0);
    const own = await request(t.http).get(`/api/articles/${article.id}/comments`).set(p.reader.auth).expect(200);
    expect(own.body.awaitingReview).toEqual([expect.objectContaining({ id: c.id, awaitingReview: true, state: 'awaiting-review' })]);
    const other = await request(t.http).get(`/api/articles/${article.id}/comments`).set(p.otherReader.auth).expect(200);
    expect(other.body.items).toEqual([]);
    expect(other.body.awaitingReview).toEqual([]);
    await request(t.http).get(`/api/comments/${c.id}`).expect(404);
    await request(t.http).get(`/api/comments/${c.id}`).set(p.reader.auth).expect(200);
    const reply = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.otherReader.auth).send({ body: 'x', parentId: c.id }).expect(409);
    expect(reply.body.code).toBe('PARENT_UNAVAILABLE');
  });

  it('pre-moderates a user switched to pre-moderation', async () => {
    const article = await createArticle(t.prisma);
    const watched = await createUser(t.prisma, { premoderated: true });
    const res = await post(watched, article.id, 'watched');
    expect(res).toMatchObject({ state: 'awaiting-review', awaitingReview: true });
    expect(await count(article.id)).toBe(0);
  });

  it('refuses comments on closed articles with the reason', async () => {
    const disabled = await createArticle(t.prisma, { commentsOpen: false });
    const closed = await createArticle(t.prisma, { commentsCloseAt: new Date(Date.now() - 1000) });
    const r1 = await request(t.http).post(`/api/articles/${disabled.id}/comments`).set(p.reader.auth).send({ body: 'x' }).expect(409);
    expect(r1.body).toMatchObject({ code: 'COMMENTS_CLOSED', reason: 'DISABLED' });
    const r2 = await request(t.http).post(`/api/articles/${closed.id}/comments`).set(p.reader.auth).send({ body: 'x' }).expect(409);
    expect(r2.body).toMatchObject({ code: 'COMMENTS_CLOSED', reason: 'CLOSING_TIME' });
  });

  it('validates bodies and parents', async () => {
    const article = await createArticle(t.prisma);
    const other = await createArticle(t.prisma);
    const foreign = await post(p.reader, other.id, 'elsewhere');
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: '   \n  ' }).expect(400);
    const long = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'é'.repeat(10001) }).expect(400);
    expect(long.body.code).toBe('BODY_TOO_LONG');
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: '🙂'.repeat(10000) }).expect(201);
    const wrong = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'x', parentId: foreign.id }).expect(404);
    expect(wrong.body.code).toBe('PARENT_NOT_FOUND');
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'x', parentId: 'nope' }).expect(400);
    await request(t.http).post('/api/articles/00000000-0000-4000-8000-000000000000/comments').set(p.reader.auth).send({ body: 'x' }).expect(404);
    await request(t.http).post(`/api/articles/${article.id}/comments`).send({ body: 'anonymous' }).expect(401);
  });

  it('lets authors edit within the window, keeps every revision, and marks the comment edited', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(p.reader, article.id, 'first version');
    const edited = await request(t.http).patch(`/api/comments/${c.id}`).set(p.reader.auth).send({ body: 'second *version*' }).expect(200);
    expect(edited.body).toMatchObject({ edited: true, html: expect.stringContaining('<em>version</em>') });
    await request(t.http).patch(`/api/comments/${c.id}`).set(p.otherReader.auth).send({ body: 'hijack' }).expect(403);
    const history = await request(t.http).get(`/api/comments/${c.id}/revisions`).set(p.moderator.auth).expect(200);
    expect(history.body.map((r: { body: string }) => r.body)).toEqual(['first version', 'second *version*']);
    await request(t.http).get(`/api/comments/${c.id}/revisions`).set(p.reader.auth).expect(403);
    // The window closes 300 s after posting: move the comment's posting time back instead of
    // waiting (a 2 s window made the first edit itself a race against a slow machine).
    await t.prisma.comment.update({ where: { id: c.id }, data: { createdAt: new Date(Date.now() - 301_000) } });
    const late = await request(t.http).patch(`/api/comments/${c.id}`).set(p.reader.auth).send({ body: 'too late' }).expect(409);
    expect(late.body.code).toBe('EDIT_WINDOW_CLOSED');
  });

  it('gives the author, and nobody else, the Markdown source of their comment to edit it', async () => {
    const article = await createArticle(t.prisma);
    const body = 'Has this been **independently verified**?\n\n> town X has fallen';
    const posted = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body }).expect(201);
    expect(posted.body.source).toBe(body);
    const source = await request(t.http).get(`/api/comments/${posted.body.id}/source`).set(p.reader.auth).expect(200);
    expect(source.body).toEqual({ id: posted.body.id, revision: 1, body, editable: true, editableUntil: expect.any(String) });
    const edited = await request(t.http).patch(`/api/comments/${posted.body.id}`).set(p.reader.auth).send({ body: `${body}\n\nEdited: *yes*` }).expect(200);
    expect(edited.body.source).toBe(`${body}\n\nEdited: *yes*`);
    expect((await request(t.http).get(`/api/comments/${posted.body.id}/source`).set(p.reader.auth).expect(200)).body).toMatchObject({ revision: 2, body: `${body}\n\nEdited: *yes*` });
    // Nobody else gets the source: not in their responses, not from the route.
    await request(t.http).get(`/api/comments/${posted.body.id}/source`).set(p.otherReader.auth).expect(404);
    await request(t.http).get(`/api/comments/${posted.body.id}/source`).set(p.moderator.auth).expect(404);
    await request(t.http).get(`/api/comments/${posted.body.id}/source`).expect(401);
    for (const who of [p.reader, p.otherReader]) {
      const page = await request(t.http).get(`/api/articles/${article.id}/comments`).set(who.auth).expect(200);
      expect(page.body.items[0].source).toBeUndefined();
    }
    await request(t.http).delete(`/api/comments/${posted.body.id}`).set(p.reader.auth).expect(204);
    await request(t.http).get(`/api/comments/${posted.body.id}/source`).set(p.reader.auth).expect(404);
  });

  it('turns a deleted comment with replies into a tombstone and removes one without', async () => {
    const article = await createArticle(t.prisma);
    const parent = await post(p.reader, article.id, 'parent');
    const child = await post(p.otherReader, article.id, 'a reply that keeps its place', parent.id);
    const lone = await post(p.reader, article.id, 'lone');
    expect(await count(article.id)).toBe(3);
    await request(t.http).delete(`/api/comments/${parent.id}`).set(p.otherReader.auth).expect(403);
    await request(t.http).delete(`/api/comments/${parent.id}`).set(p.reader.auth).expect(204);
    await request(t.http).delete(`/api/comments/${lone.id}`).set(p.reader.auth).expect(204);
    await request(t.http).delete(`/api/comments/${lone.id}`).set(p.reader.auth).expect(204);
    expect(await count(article.id)).toBe(1);
    const page = await request(t.http).get(`/api/articles/${article.id}/comments`).expect(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({ id: parent.id, state: 'deleted', html: null, author: null, replies: [expect.objectContaining({ id: child.id, state: 'visible' })] }),
    ]);
    await request(t.http).get(`/api/comments/${lone.id}`).expect(404);
  });

  it('returns the first result for a retry with the same Idempotency-Key and never duplicates', async () => {
    const article = await createArticle(t.prisma);
    const send = () =>
      request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).set('Idempotency-Key', 'retry-key-0001').send({ body: 'once' });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(1);
    expect(await count(article.id)).toBe(1);
    const reuse = await request(t.http)
      .post(`/api/articles/${article.id}/comments`)
      .set(p.reader.auth)
      .set('Idempotency-Key', 'retry-key-0001')
      .send({ body: 'another text' })
      .expect(422);
    expect(reuse.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).set('Idempotency-Key', 'bad key!').send({ body: 'x' }).expect(400);
  });

  it('counts reactions exactly under 50 concurrent requests and keeps DISAGREE for moderators', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(p.reader, article.id, 'react to me');
    const users = await Promise.all(Array.from({ length: 50 }, () => createUser(t.prisma)));
    const results = await Promise.all(
      users.flatMap((u) => [
        request(t.http).put(`/api/comments/${c.id}/reactions/RESPECT`).set(u.auth),
        request(t.http).put(`/api/comments/${c.id}/reactions/RESPECT`).set(u.auth),
      ]),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.respectCount).toBe(50);
    expect(await t.prisma.reaction.count({ where: { commentId: c.id } })).toBe(50);
    await Promise.all(users.slice(0, 20).map((u) => request(t.http).delete(`/api/comments/${c.id}/reactions/RESPECT`).set(u.auth).expect(200)));
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: c.id } })).respectCount).toBe(30);

    const d = await request(t.http).put(`/api/comments/${c.id}/reactions/DISAGREE`).set(p.otherReader.auth).expect(200);
    expect(d.body.disagreeCount).toBeUndefined();
    expect(d.body.viewerReactions).toEqual(['DISAGREE']);
    const asReader = await request(t.http).get(`/api/comments/${c.id}`).set(p.otherReader.auth).expect(200);
    expect(asReader.body.comment.disagreeCount).toBeUndefined();
    const asModerator = await request(t.http).get(`/api/comments/${c.id}`).set(p.moderator.auth).expect(200);
    expect(asModerator.body.comment.disagreeCount).toBe(1);
    await request(t.http).put(`/api/comments/${c.id}/reactions/LIKE`).set(p.otherReader.auth).expect(404);
    await request(t.http).put(`/api/comments/${c.id}/reactions/RESPECT`).set(p.reader.auth).expect(403);
  });

  it('returns many articles’ comment counts at once', async () => {
    const a = await createArticle(t.prisma);
    const b = await createArticle(t.prisma);
    await post(p.reader, a.id, 'one');
    await post(p.reader, a.id, 'two');
    const res = await request(t.http).get(`/api/comment-counts?articles=${a.id},${b.id}`).expect(200);
    expect(res.body.items).toEqual(expect.arrayContaining([{ articleId: a.id, count: 2 }, { articleId: b.id, count: 0 }]));
    await request(t.http).get('/api/comment-counts?articles=x,y').expect(400);
  });

  it('refuses suspended and banned users with the reason', async () => {
    const article = await createArticle(t.prisma);
    const banned = await createUser(t.prisma, { status: 'BANNED', statusReason: 'spam' });
    const res = await request(t.http).post(`/api/articles/${article.id}/comments`).set(banned.auth).send({ body: 'x' }).expect(403);
    expect(res.body).toMatchObject({ code: 'USER_BANNED', reason: 'spam' });
  });
});

describe('account deletion and comments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps comments under "Deleted user", or erases their text on request', async () => {
    const article = await createArticle(t.prisma);
    const keeper = await createUser(t.prisma);
    const eraser = await createUser(t.prisma);
    const kept = await request(t.http).post(`/api/articles/${article.id}/comments`).set(keeper.auth).send({ body: 'I stay' }).expect(201);
    const erased = await request(t.http).post(`/api/articles/${article.id}/comments`).set(eraser.auth).send({ body: 'erase me' }).expect(201);
    await request(t.http).delete('/api/me').set(keeper.auth).expect(204);
    await request(t.http).delete('/api/me?eraseComments=true').set(eraser.auth).expect(204);
    const keptView = await request(t.http).get(`/api/comments/${kept.body.id}`).expect(200);
    expect(keptView.body.comment).toMatchObject({ html: expect.stringContaining('I stay'), author: { displayName: 'Deleted user' } });
    await request(t.http).get(`/api/comments/${erased.body.id}`).expect(404);
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: erased.body.id } });
    expect(row).toMatchObject({ status: 'DELETED', bodySource: '' });
    expect((await request(t.http).get(`/api/articles/${article.id}`)).body.comments.count).toBe(1);
  });
});
