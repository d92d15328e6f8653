import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

const OLD = new Date(Date.now() - 400 * 86_400_000);

describe('moderation: checks, flags, queues, decisions, appeals', () => {
  let t: TestApp;
  let p: Personas;
  // Every test writes as readers of its own: posting checks and flag weights read the author's and
  // the reporter's history, so a shared reader would carry one test's outcome (which side won a
  // race, say) into the next test's checks.
  let reader: TestUser;
  let otherReader: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ FLAG_BURST_COUNT: '10', MOD_SCORER: 'local' });
    p = await createPersonas(t.prisma);
    await request(t.http).post('/api/moderation/words').set(p.admin.auth).send({ phrase: 'grenade lobber', kind: 'BANNED' }).expect(201);
    await request(t.http).post('/api/moderation/words').set(p.admin.auth).send({ phrase: 'crisis actor', kind: 'SUSPECT' }).expect(201);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    reader = await createUser(t.prisma, { displayName: 'Lena Reader' });
    otherReader = await createUser(t.prisma, { displayName: 'Omar Reader' });
  });

  let establishedCount = 0;
  /**
   * A reader with full standing. Each is created a day apart from the others: accounts created
   * within FLAG_ACCOUNT_BURST_MINUTES of each other count as a burst, and their flags weigh nothing.
   */
  async function established(): Promise<TestUser> {
    establishedCount += 1;
    const u = await createUser(t.prisma, { createdAt: new Date(OLD.getTime() - establishedCount * 86_400_000) });
    // Ten approved comments make full standing.
    const article = await createArticle(t.prisma);
    for (let i = 0; i < 10; i++) {
      await createComment(t.prisma, { articleId: article.id, authorId: u.id, status: 'APPROVED', bodySource: 'ok', bodyHtml: '<p>ok</p>' });
    }
    return u;
  }

  function post(user: TestUser, articleId: string, body: string) {
    return request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body });
  }

  it('rejects banned words, even obfuscated, and tells the author why', async () => {
    const article = await createArticle(t.prisma);
    const res = await post(reader, article.id, 'what a gr3nade  l.o.b.b.e.r').expect(201);
    expect(res.body).toMatchObject({ state: 'rejected', moderation: { status: 'REJECTED', reasons: ['BANNED_WORD'], message: expect.stringContaining('grenade lobber') } });
    await request(t.http).get(`/api/comments/${res.body.id}`).set(otherReader.auth).expect(404);
  });

  it('flags suspect words without holding, and withholds links from new commenters', async () => {
    const article = await createArticle(t.prisma);
    const suspect = await post(reader, article.id, 'Obviously a crisis actor.').expect(201);
    expect(suspect.body).toMatchObject({ state: 'visible', moderation: { reasons: ['SUSPECT_WORD'] } });
    const newbie = await createUser(t.prisma);
    const link = await post(newbie, article.id, 'Source: https://example.org/report').expect(201);
    expect(link.body).toMatchObject({ state: 'awaiting-review', moderation: { status: 'WITHHELD', reasons: expect.arrayContaining(['LINKS_NEW_COMMENTER']) } });
    const queue = await request(t.http).get(`/api/moderation/queues/reported?article=${article.id}`).set(p.moderator.auth).expect(200);
    expect(queue.body.items.map((i: { comment: { id: string } }) => i.comment.id)).toEqual([suspect.body.id]);
  });

  it('holds every comment with a link on an article an admin set to holdLinks, whoever posts it', async () => {
    const created = await request(t.http).post('/api/articles').set(p.admin.auth).send({ url: 'https://news.example/hold-links', title: 'Links held here', holdLinks: true }).expect(201);
    expect(created.body.comments).toMatchObject({ holdLinks: true });
    const trusted = await established();
    const held = await post(trusted, created.body.id, 'Full report: https://observatory.example/r/12').expect(201);
    expect(held.body.moderation).toMatchObject({ status: 'WITHHELD', reasons: ['LINKS'] });
    const patched = await request(t.http).patch(`/api/articles/${created.body.id}`).set(p.admin.auth).send({ holdLinks: false }).expect(200);
    expect(patched.body.comments).toMatchObject({ holdLinks: false });
    const published = await post(trusted, created.body.id, 'Second source: https://observatory.example/r/13').expect(201);
    expect(published.body.moderation).toMatchObject({ status: 'PUBLISHED', reasons: [] });
    const bad = await request(t.http).patch(`/api/articles/${created.body.id}`).set(p.admin.auth).send({ holdLinks: null }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'holdLinks' })]);
    expect((await request(t.http).get(`/api/articles/${created.body.id}`).expect(200)).body.comments.holdLinks).toBe(false);
  });

  it('withholds a repeat of the same text within minutes', async () => {
    const article = await createArticle(t.prisma);
    await post(otherReader, article.id, 'Same words twice').expect(201);
    const again = await post(otherReader, article.id, 'Same words twice').expect(201);
    expect(again.body.moderation).toMatchObject({ status: 'WITHHELD', reasons: ['REPEAT_POST'] });
  });

  it('withholds a comment once established readers’ flags pass the threshold, but not for misinformation alone', async () => {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const target = (await post(author, article.id, 'A rude remark').expect(201)).body.id as string;
    const misinfo = (await post(author, article.id, 'Town X has fallen, confirmed').expect(201)).body.id as string;
    const flaggers = [await established(), await established(), await established()];
    for (const f of flaggers) {
      await request(t.http).post(`/api/comments/${misinfo}/flags`).set(f.auth).send({ reason: 'MISINFORMATION', details: 'No source for this' }).expect(201);
    }
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: misinfo } })).status).toBe('PUBLISHED');
    await request(t.http).post(`/api/comments/${target}/flags`).set(flaggers[0].auth).send({ reason: 'ABUSE' }).expect(201);
    await request(t.http).post(`/api/comments/${target}/flags`).set(flaggers[0].auth).send({ reason: 'ABUSE' }).expect(200);
    await request(t.http).post(`/api/comments/${target}/flags`).set(flaggers[1].auth).send({ reason: 'ABUSE' }).expect(201);
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: target } })).status).toBe('PUBLISHED');
    await request(t.http).post(`/api/comments/${target}/flags`).set(flaggers[2].auth).send({ reason: 'HARASSMENT' }).expect(201);
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: target } });
    expect(row).toMatchObject({ status: 'WITHHELD', openFlagWeight: 6, openFlagCount: 3, checkReasons: ['FLAGGED_BY_READERS'] });
    await request(t.http).post(`/api/comments/${target}/flags`).set(author.auth).send({ reason: 'SPAM' }).expect(404);
  });

  it('validates flags: reasons, required details for misinformation, own comments', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'flag me').expect(201)).body.id;
    await request(t.http).post(`/api/comments/${c}/flags`).set(otherReader.auth).send({ reason: 'MISINFORMATION' }).expect(400);
    await request(t.http).post(`/api/comments/${c}/flags`).set(otherReader.auth).send({ reason: 'I_DISLIKE_IT' }).expect(400);
    await request(t.http).post(`/api/comments/${c}/flags`).set(otherReader.auth).send({ reason: 'SPAM', details: 'x'.repeat(1001) }).expect(400);
    const own = await request(t.http).post(`/api/comments/${c}/flags`).set(reader.auth).send({ reason: 'SPAM' }).expect(403);
    expect(own.body.code).toBe('CANNOT_FLAG_OWN_COMMENT');
  });

  it('sums 50 concurrent flags exactly', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'contested claim').expect(201)).body.id as string;
    // Approved comments are not withheld by flags, so every one of the 50 lands on a visible comment.
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(201);
    const reporters = await Promise.all(Array.from({ length: 50 }, () => createUser(t.prisma, { createdAt: new Date(Date.now() - Math.random() * 200 * 86_400_000) })));
    const results = await Promise.all(reporters.map((r) => request(t.http).post(`/api/comments/${c}/flags`).set(r.auth).send({ reason: 'OFF_TOPIC' })));
    expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: c } });
    const flags = await t.prisma.flag.findMany({ where: { commentId: c } });
    expect(flags).toHaveLength(50);
    expect(row.openFlagCount).toBe(50);
    expect(row.openFlagWeight).toBe(flags.filter((f) => f.countsTowardHiding).reduce((s, f) => s + f.weight, 0));
  });

  it('keeps a comment visible when 20 fresh accounts flag it, and raises an alert', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'an unpopular opinion').expect(201)).body.id as string;
    const fresh = await Promise.all(Array.from({ length: 20 }, () => createUser(t.prisma)));
    for (const f of fresh) await request(t.http).post(`/api/comments/${c}/flags`).set(f.auth).send({ reason: 'HATE' }).expect(201);
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: c } });
    expect(row).toMatchObject({ status: 'PUBLISHED', openFlagCount: 20, openFlagWeight: 0 });
    const counts = await request(t.http).get('/api/moderation/queues').set(p.moderator.auth).expect(200);
    expect(counts.body.alerts).toEqual(expect.arrayContaining([expect.objectContaining({ articleId: article.id, kind: 'FLAG_BURST' })]));
  });

  it('puts urgent reports at the top of the urgent queue at once', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'The unit is at the school on Main Street').expect(201)).body.id as string;
    await request(t.http).post(`/api/comments/${c}/flags`).set(otherReader.auth).send({ reason: 'REVEALS_POSITIONS', details: 'gives a location' }).expect(201);
    const urgent = await request(t.http).get(`/api/moderation/queues/urgent?article=${article.id}`).set(p.moderator.auth).expect(200);
    expect(urgent.body.items[0]).toMatchObject({
      comment: { id: c },
      flags: { urgent: 1, byReason: [expect.objectContaining({ reason: 'REVEALS_POSITIONS', count: 1 })] },
      author: expect.objectContaining({ id: reader.id, commentsByStatus: expect.any(Object) }),
    });
  });

  it('gives each queue item its context, flags by reason, and the author’s history', async () => {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const root = (await post(otherReader, article.id, 'Top of the thread').expect(201)).body.id as string;
    const parent = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(reader.auth).send({ body: 'A reply', parentId: root }).expect(201)).body.id as string;
    const c = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(author.auth).send({ body: 'A *deep* reply', parentId: parent }).expect(201)).body.id as string;
    const earlier = (await post(author, article.id, 'An earlier rude remark').expect(201)).body.id as string;
    await request(t.http).post(`/api/moderation/comments/${earlier}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'ABUSE' }).expect(201);
    const [f1, f2] = [await established(), await established()];
    await request(t.http).post(`/api/comments/${c}/flags`).set(f1.auth).send({ reason: 'OFF_TOPIC', details: 'not about the story' }).expect(201);
    await request(t.http).post(`/api/comments/${c}/flags`).set(f2.auth).send({ reason: 'OFF_TOPIC' }).expect(201);
    const fresh = await createUser(t.prisma);
    await request(t.http).post(`/api/comments/${c}/flags`).set(fresh.auth).send({ reason: 'SPAM' }).expect(201);
    await request(t.http).post(`/api/moderation/comments/${c}/claim`).set(p.moderator.auth).expect(200);

    const page = await request(t.http).get(`/api/moderation/queues/reported?article=${article.id}`).set(p.moderator.auth).expect(200);
    expect(page.body.items).toHaveLength(1);
    const item = page.body.items[0];
    // The queue lists reports oldest first, ties (same millisecond) by id.
    const flags = await t.prisma.flag.findMany({ where: { commentId: c }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const offTopic = flags.filter((f) => f.reason === 'OFF_TOPIC');
    // Two established readers (full standing, no decided flags yet) weigh 2 each; the fresh account's flag weighs nothing.
    expect(offTopic.map((f) => [f.weight, f.countsTowardHiding])).toEqual([[2, true], [2, true]]);
    const counted = 4;
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    expect(item).toEqual({
      comment: {
        id: c, status: 'PUBLISHED', revision: 1, body: 'A *deep* reply', html: '<p>A <em>deep</em> reply</p>', createdAt: expect.stringMatching(iso),
        editedAt: null, depth: 2, featured: false, respectCount: 0, disagreeCount: 0, replyCount: 0, checkReasons: [], decidedAt: null,
      },
      article: { id: article.id, title: article.title, section: article.section, slug: article.slug },
      parent: { id: parent, status: 'PUBLISHED', html: '<p>A reply</p>', createdAt: expect.stringMatching(iso), author: { id: reader.id, displayName: reader.displayName } },
      root: { id: root, status: 'PUBLISHED', html: '<p>Top of the thread</p>', createdAt: expect.stringMatching(iso), author: { id: otherReader.id, displayName: otherReader.displayName } },
      flags: {
        count: 3,
        weight: counted,
        urgent: 0,
        misinformation: 0,
        byReason: [
          {
            reason: 'OFF_TOPIC', count: 2, weight: counted,
            reports: offTopic.map((f) => ({ details: f.details, sourceUrl: null, weight: f.weight, countsTowardHiding: f.countsTowardHiding, createdAt: f.createdAt.toISOString() })),
          },
          { reason: 'SPAM', count: 1, weight: 0, reports: [expect.objectContaining({ details: null, countsTowardHiding: false })] },
        ],
      },
      author: {
        id: author.id, displayName: author.displayName, role: 'READER', accountAgeDays: 0,
        commentsByStatus: { PUBLISHED: 1, REJECTED: 1 },
        recentRejections: [{ commentId: earlier, reason: 'ABUSE', at: expect.stringMatching(iso) }],
        sanction: { status: 'ACTIVE', reason: null, until: null, premoderated: false },
      },
      scoring: {
        score: expect.any(Number),
        scorers: [{ provider: 'local', status: 'ok', spam: expect.any(Number), abuse: expect.any(Number), ms: expect.any(Number), version: expect.stringContaining('abuse') }],
      },
      claim: { by: { id: p.moderator.id, displayName: p.moderator.displayName }, until: expect.stringMatching(iso) },
      appeal: null,
      factCheck: { claims: [], label: null, notes: [], contextRequests: 0 },
    });
  });

  it('lets one of two moderators deciding at once win; the other gets 409', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'decide me').expect(201)).body.id as string;
    const mod2 = await createUser(t.prisma, { role: 'MODERATOR' });
    const [a, b] = await Promise.all([
      request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }),
      request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(mod2.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'SPAM' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await t.prisma.moderationDecision.count({ where: { commentId: c } })).toBe(1);
  });

  it('refuses a decision on an item another moderator claimed, and one on a stale revision', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'first text').expect(201)).body.id as string;
    const mod2 = await createUser(t.prisma, { role: 'MODERATOR' });
    await request(t.http).post(`/api/moderation/comments/${c}/claim`).set(mod2.auth).expect(200);
    const held = await request(t.http).post(`/api/moderation/comments/${c}/claim`).set(p.moderator.auth).expect(409);
    expect(held.body.claimedBy).toMatchObject({ id: mod2.id });
    const page = await request(t.http).get(`/api/moderation/queues/unmoderated?article=${article.id}`).set(p.moderator.auth).expect(200);
    expect(page.body.items[0].claim).toMatchObject({ by: { id: mod2.id } });
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(409);
    await request(t.http).delete(`/api/moderation/comments/${c}/claim`).set(mod2.auth).expect(204);
    await request(t.http).patch(`/api/comments/${c}`).set(reader.auth).send({ body: 'edited text' }).expect(200);
    const stale = await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_REVISION', revision: 2 });
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 2, expectedStatus: 'PUBLISHED' }).expect(201);
  });

  it('assigns an item through /assignment; the deprecated /claim alias shares the same assignment', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'assignment text').expect(201)).body.id as string;
    const mod2 = await createUser(t.prisma, { role: 'MODERATOR' });
    const taken = await request(t.http).post(`/api/moderation/comments/${c}/assignment`).set(mod2.auth).expect(200);
    expect(taken.body).toMatchObject({ commentId: c, claimedBy: { id: mod2.id, displayName: mod2.displayName }, until: expect.any(String) });
    // Renewing your own assignment succeeds; anyone else is refused, through either route.
    await request(t.http).post(`/api/moderation/comments/${c}/assignment`).set(mod2.auth).expect(200);
    const refused = await request(t.http).post(`/api/moderation/comments/${c}/assignment`).set(p.moderator.auth).expect(409);
    expect(refused.body).toMatchObject({ code: 'CLAIMED_BY_ANOTHER', claimedBy: { id: mod2.id } });
    expect((await request(t.http).post(`/api/moderation/comments/${c}/claim`).set(p.moderator.auth).expect(409)).body.code).toBe('CLAIMED_BY_ANOTHER');
    await request(t.http).post(`/api/moderation/comments/${c}/assignment`).set(reader.auth).expect(403);
    await request(t.http).post(`/api/moderation/comments/00000000-0000-4000-8000-000000000000/assignment`).set(p.moderator.auth).expect(404);
    // Released through the new route, the item can be taken through the old one.
    await request(t.http).delete(`/api/moderation/comments/${c}/assignment`).set(mod2.auth).expect(204);
    const claimed = await request(t.http).post(`/api/moderation/comments/${c}/claim`).set(p.moderator.auth).expect(200);
    expect(claimed.body.claimedBy).toMatchObject({ id: p.moderator.id });
    await request(t.http).delete(`/api/moderation/comments/${c}/claim`).set(p.moderator.auth).expect(204);
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: c } })).assignedToId).toBeNull();
  });

  it('documents /claim as a deprecated alias of /assignment', async () => {
    const doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { deprecated?: boolean }>> };
    const flags = (path: string) => Object.fromEntries(Object.entries(doc.paths[path]).map(([method, op]) => [method, op.deprecated === true]));
    expect(flags('/api/moderation/comments/{id}/claim')).toEqual({ post: true, delete: true });
    expect(flags('/api/moderation/comments/{id}/assignment')).toEqual({ post: false, delete: false });
  });

  it('re-runs the checks on an edit after a decision', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'harmless').expect(201)).body.id as string;
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(201);
    const edited = await request(t.http).patch(`/api/comments/${c}`).set(reader.auth).send({ body: 'now a grenade lobber' }).expect(200);
    expect(edited.body.moderation).toMatchObject({ status: 'REJECTED', reasons: ['BANNED_WORD'] });
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: c } });
    expect(row).toMatchObject({ status: 'REJECTED', decidedAt: null, revision: 2 });
  });

  it('resolves flags on decisions (feeding reporter accuracy), records decision and audit rows, and keeps counts exact', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'reported one').expect(201)).body.id as string;
    await request(t.http).post(`/api/comments/${c}/flags`).set(otherReader.auth).send({ reason: 'SPAM' }).expect(201);
    const res = await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'SPAM', message: 'Advertising' }).expect(201);
    expect(res.body).toMatchObject({ status: 'REJECTED', flagsResolved: 1 });
    expect(await t.prisma.flag.findFirstOrThrow({ where: { commentId: c } })).toMatchObject({ status: 'AGREED' });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { targetId: c, kind: 'COMMENT_REJECTED' } });
    expect(audit.data).toMatchObject({ reason: 'SPAM', from: 'PUBLISHED', to: 'REJECTED', flagsResolved: 1 });
    expect((await request(t.http).get(`/api/articles/${article.id}`)).body.comments.count).toBe(0);
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED' }).expect(400);
  });

  it('approves or rejects up to 100 items all or nothing', async () => {
    const article = await createArticle(t.prisma);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await post(otherReader, article.id, `bulk ${i}`).expect(201)).body.id);
    const bad = await request(t.http)
      .post('/api/moderation/decisions/bulk')
      .set(p.moderator.auth)
      .send({ action: 'REJECT', reason: 'SPAM', items: [...ids.map((id) => ({ commentId: id, revision: 1, expectedStatus: 'PUBLISHED' })), { commentId: ids[0], revision: 7, expectedStatus: 'PUBLISHED' }] })
      .expect(409);
    expect(bad.body.code).toBe('BULK_ITEM_FAILED');
    expect(await t.prisma.comment.count({ where: { id: { in: ids }, status: 'REJECTED' } })).toBe(0);
    const ok = await request(t.http).post('/api/moderation/decisions/bulk').set(p.moderator.auth).send({ action: 'APPROVE', items: ids.map((id) => ({ commentId: id, revision: 1, expectedStatus: 'PUBLISHED' })) }).expect(201);
    expect(ok.body.items).toHaveLength(3);
    await request(t.http).post('/api/moderation/decisions/bulk').set(p.moderator.auth).send({ action: 'APPROVE', items: [] }).expect(400);
  });

  it('bans a user and rejects all their visible and held comments in one action', async () => {
    const article = await createArticle(t.prisma);
    const spammer = await createUser(t.prisma);
    await post(spammer, article.id, 'buy my stuff').expect(201);
    await post(spammer, article.id, 'buy more stuff').expect(201);
    const res = await request(t.http).post(`/api/moderation/users/${spammer.id}/ban`).set(p.moderator.auth).send({ reason: 'Spam account', rejectionReason: 'SPAM' }).expect(200);
    expect(res.body.rejected).toBe(2);
    expect(await t.prisma.comment.count({ where: { authorId: spammer.id, status: 'REJECTED' } })).toBe(2);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: spammer.id } })).status).toBe('BANNED');
    await post(spammer, article.id, 'still here?').expect(403);
  });

  it('manages word lists for admins only', async () => {
    const list = await request(t.http).get('/api/moderation/words').set(p.moderator.auth).expect(200);
    expect(list.body.items.map((w: { phrase: string }) => w.phrase)).toEqual(expect.arrayContaining(['grenade lobber', 'crisis actor']));
    await request(t.http).post('/api/moderation/words').set(p.moderator.auth).send({ phrase: 'x', kind: 'BANNED' }).expect(403);
    await request(t.http).post('/api/moderation/words').set(p.admin.auth).send({ phrase: 'grenade lobber', kind: 'BANNED' }).expect(409);
    const added = await request(t.http).post('/api/moderation/words').set(p.admin.auth).send({ phrase: 'temporary', kind: 'SUSPECT' }).expect(201);
    await request(t.http).delete(`/api/moderation/words/${added.body.id}`).set(p.admin.auth).expect(204);
  });

  it('rejects unknown queues and bad filters', async () => {
    await request(t.http).get('/api/moderation/queues/everything').set(p.moderator.auth).expect(404);
    await request(t.http).get('/api/moderation/queues/pending?order=random').set(p.moderator.auth).expect(400);
    await request(t.http).get('/api/moderation/queues/pending?cursor=zzz').set(p.moderator.auth).expect(400);
    await request(t.http).get('/api/moderation/queues').set(reader.auth).expect(403);
  });
});
