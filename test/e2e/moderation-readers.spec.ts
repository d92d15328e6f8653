import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

/** What readers and authors see of moderation in threads: featured comments, and their own rejected ones. */
describe('moderation as readers and authors see it', () => {
  let t: TestApp;
  let p: Personas;
  // Readers of each test's own: the posting checks read the author's history of rejections.
  let reader: TestUser;
  let otherReader: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
    await request(t.http).post('/api/moderation/words').set(p.admin.auth).send({ phrase: 'grenade lobber', kind: 'BANNED' }).expect(201);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    reader = await createUser(t.prisma, { displayName: 'Lena Reader' });
    otherReader = await createUser(t.prisma, { displayName: 'Omar Reader' });
  });

  function post(user: TestUser, articleId: string, body: string) {
    return request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body });
  }

  it('marks featured comments for readers in thread pages, replies and permalinks', async () => {
    const article = await createArticle(t.prisma);
    const top = (await post(reader, article.id, 'An ordinary top comment').expect(201)).body.id as string;
    const picked = (await post(otherReader, article.id, 'A well-sourced explanation').expect(201)).body.id as string;
    const reply = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(otherReader.auth).send({ body: 'A reply worth featuring', parentId: top }).expect(201)).body.id as string;
    for (const id of [picked, reply]) {
      await request(t.http).post(`/api/moderation/comments/${id}/decisions`).set(p.moderator.auth).send({ action: 'FEATURE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(201);
    }
    const page = await request(t.http).get(`/api/articles/${article.id}/comments?sort=oldest`).expect(200);
    expect(page.body.items.map((c: { id: string; featured: boolean; replies: { id: string; featured: boolean }[] }) => [c.id, c.featured, c.replies.map((r) => [r.id, r.featured])])).toEqual([
      [top, false, [[reply, true]]],
      [picked, true, []],
    ]);
    expect((await request(t.http).get(`/api/comments/${picked}`).expect(200)).body.comment.featured).toBe(true);
    expect((await request(t.http).get(`/api/comments/${top}/replies`).expect(200)).body.items[0]).toMatchObject({ id: reply, featured: true });
    await request(t.http).post(`/api/moderation/comments/${picked}/decisions`).set(p.moderator.auth).send({ action: 'UNFEATURE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(201);
    expect((await request(t.http).get(`/api/comments/${picked}`).set(reader.auth).expect(200)).body.comment.featured).toBe(false);
  });

  it('shows authors their own rejected comments in place, marked, with the statement of reasons, and nobody else', async () => {
    const article = await createArticle(t.prisma);
    const postAs = async (who: TestUser, body: string, parentId?: string) =>
      (await request(t.http).post(`/api/articles/${article.id}/comments`).set(who.auth).send({ body, ...(parentId ? { parentId } : {}) }).expect(201)).body.id as string;
    const first = await postAs(reader, 'First, fine.');
    const removed = await postAs(reader, 'Second, about to be removed.');
    const underRemoved = await postAs(otherReader, 'A reply under the removed one.', removed);
    const last = await postAs(reader, 'Third, fine.');
    const removedReply = await postAs(reader, 'A reply of mine, about to be removed.', first);
    const banned = await postAs(reader, 'You grenade lobber.');
    const reject = (id: string, reason: string, message: string) =>
      request(t.http).post(`/api/moderation/comments/${id}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason, message }).expect(201);
    await reject(removed, 'HATE', 'Slurs are not allowed here.');
    await reject(removedReply, 'OFF_TOPIC', 'Keep to the article.');
    await request(t.http).post(`/api/comments/${removed}/appeal`).set(reader.auth).send({ text: 'I quoted someone.' }).expect(201);

    type Item = { id: string; state: string; html: string | null; rejection?: Record<string, unknown>; replies: Item[] };
    const thread = async (who: TestUser | null, query = 'sort=oldest') => {
      const req = request(t.http).get(`/api/articles/${article.id}/comments?${query}`);
      return (await (who ? req.set(who.auth) : req).expect(200)).body as { items: Item[]; nextCursor: string | null };
    };
    const mine = await thread(reader);
    expect(mine.items.map((i) => [i.id, i.state, i.replies.map((r) => [r.id, r.state])])).toEqual([
      [first, 'visible', [[removedReply, 'rejected']]],
      [removed, 'rejected', []], // its subtree stays hidden, from its author too
      [last, 'visible', []],
      [banned, 'rejected', []],
    ]);
    const byId = new Map(mine.items.flatMap((i) => [i, ...i.replies]).map((i) => [i.id, i]));
    expect(byId.get(removed)).toMatchObject({
      html: '<p>Second, about to be removed.</p>',
      rejection: { by: 'moderator', reason: 'HATE', message: 'Slurs are not allowed here.', decidedAt: expect.any(String), canAppeal: false, appealStatus: 'OPEN' },
    });
    expect(byId.get(removedReply)?.rejection).toMatchObject({ by: 'moderator', reason: 'OFF_TOPIC', message: 'Keep to the article.', canAppeal: true, appealStatus: null });
    expect(byId.get(banned)?.rejection).toMatchObject({ by: 'checks', reason: 'BANNED_WORD', decidedAt: null, canAppeal: false });
    expect(byId.get(first)?.rejection).toBeUndefined();
    // In place whatever the order, and across pages.
    expect((await thread(reader, 'sort=newest')).items.map((i) => i.id)).toEqual([banned, last, removed, first]);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await thread(reader, `sort=oldest&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual([first, removed, last, banned]);
    const permalink = await request(t.http).get(`/api/comments/${removed}`).set(reader.auth).expect(200);
    expect(permalink.body.comment).toMatchObject({ state: 'rejected', rejection: { reason: 'HATE' } });
    await request(t.http).get(`/api/comments/${underRemoved}`).set(otherReader.auth).expect(404);

    // Nobody else sees them: not other readers, not anonymous readers, not staff.
    for (const who of [otherReader, null, p.moderator]) {
      const theirs = await thread(who);
      expect(theirs.items.map((i) => [i.id, i.replies.map((r) => r.id)])).toEqual([[first, []], [last, []]]);
      expect(JSON.stringify(theirs)).not.toMatch(/rejection|about to be removed|grenade/);
    }
    for (const id of [removed, removedReply, banned]) await request(t.http).get(`/api/comments/${id}`).set(otherReader.auth).expect(404);
    await request(t.http).get(`/api/comments/${first}/replies`).set(otherReader.auth).expect(200, { items: [], nextCursor: null });
    expect((await request(t.http).get(`/api/comments/${first}/replies`).set(reader.auth).expect(200)).body.items).toEqual([
      expect.objectContaining({ id: removedReply, state: 'rejected', rejection: expect.objectContaining({ reason: 'OFF_TOPIC' }) }),
    ]);
  });
});
