import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

/** Statements of reasons and appeals: one per rejection, decided by another moderator, never disagreeing with the comment. */
describe('moderation: statements of reasons and appeals', () => {
  let t: TestApp;
  let p: Personas;
  // Readers of each test's own: the posting checks read the author's history of rejections.
  let reader: TestUser;
  let otherReader: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    reader = await createUser(t.prisma, { displayName: 'Lena Reader' });
    otherReader = await createUser(t.prisma, { displayName: 'Omar Reader' });
  });

  function post(user: TestUser, articleId: string, body: string) {
    return request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body });
  }

  it('gives the author a statement of reasons and one appeal, decided by another moderator', async () => {
    const article = await createArticle(t.prisma);
    const c = (await post(reader, article.id, 'appeal me').expect(201)).body.id as string;
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC', message: 'Keep to the article' }).expect(201);
    const statement = await request(t.http).get(`/api/comments/${c}/decision`).set(reader.auth).expect(200);
    expect(statement.body).toMatchObject({ action: 'REJECT', reason: 'OFF_TOPIC', message: 'Keep to the article', canAppeal: true });
    await request(t.http).get(`/api/comments/${c}/decision`).set(otherReader.auth).expect(404);
    const appealed = await request(t.http).post(`/api/comments/${c}/appeal`).set(reader.auth).send({ text: 'It was on topic: see paragraph 2' }).expect(201);
    expect(appealed.body.appeal).toMatchObject({ status: 'OPEN' });
    await request(t.http).post(`/api/comments/${c}/appeal`).set(reader.auth).send({ text: 'again' }).expect(409);
    const queue = await request(t.http).get('/api/moderation/queues/appeals').set(p.moderator.auth).expect(200);
    const item = queue.body.items.find((i: { comment: { id: string } }) => i.comment.id === c);
    const same = await request(t.http).post(`/api/moderation/appeals/${item.appeal.id}/decision`).set(p.moderator.auth).send({ outcome: 'OVERTURN' }).expect(403);
    expect(same.body.code).toBe('SAME_MODERATOR');
    await request(t.http).post(`/api/moderation/appeals/${item.appeal.id}/decision`).set(p.admin.auth).send({ outcome: 'OVERTURN', note: 'Fair point' }).expect(200);
    expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: c } })).toMatchObject({ status: 'APPROVED', appealOpen: false });
    const after = await request(t.http).get(`/api/comments/${c}/decision`).set(reader.auth).expect(200);
    expect(after.body).toMatchObject({ action: 'RESTORE' });
  });

  describe('an appeal and a decision on its comment never disagree', () => {
    /** A comment rejected by the moderator persona, with its author's appeal open (a new author each time: rejections count against the next post). */
    async function appealedComment() {
      const article = await createArticle(t.prisma);
      const author = await createUser(t.prisma);
      const c = (await post(author, article.id, 'appeal me, then decide me').expect(201)).body.id as string;
      await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC' }).expect(201);
      const appealed = await request(t.http).post(`/api/comments/${c}/appeal`).set(author.auth).send({ text: 'It was on topic.' }).expect(201);
      return { c, author, appealId: appealed.body.appeal.id as string };
    }
    const restore = (who: TestUser, c: string) =>
      request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(who.auth).send({ action: 'RESTORE', revision: 1, expectedStatus: 'REJECTED', message: 'Restored on review' });
    const decideAppeal = (who: TestUser, appealId: string, outcome: 'UPHOLD' | 'OVERTURN') =>
      request(t.http).post(`/api/moderation/appeals/${appealId}/decision`).set(who.auth).send({ outcome });

    it('restoring a comment under open appeal settles the appeal as overturned; a later uphold is refused', async () => {
      const { c, appealId } = await appealedComment();
      const restored = await restore(p.admin, c).expect(201);
      expect(await t.prisma.appeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({ status: 'OVERTURNED', decidedById: p.admin.id, outcomeNote: 'Restored on review' });
      expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: c } })).toMatchObject({ status: 'APPROVED', appealOpen: false });
      const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { targetId: c, kind: 'APPEAL_DECIDED' } });
      expect(audit.data).toMatchObject({ appealId, outcome: 'OVERTURNED', settledByDecisionId: restored.body.decisionId });
      const mod2 = await createUser(t.prisma, { role: 'MODERATOR' });
      const uphold = await decideAppeal(mod2, appealId, 'UPHOLD').expect(409);
      expect(uphold.body).toMatchObject({ code: 'APPEAL_ALREADY_DECIDED', appealStatus: 'OVERTURNED' });
      expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: c } })).toMatchObject({ status: 'APPROVED', appealOpen: false });
      await request(t.http).get(`/api/comments/${c}`).set(otherReader.auth).expect(200);
      const queue = await request(t.http).get('/api/moderation/queues/appeals').set(p.moderator.auth).expect(200);
      expect(queue.body.items.map((i: { comment: { id: string } }) => i.comment.id)).not.toContain(c);
    });

    it('an upheld appeal stays upheld when a moderator restores the comment later; the comment shows the latest decision', async () => {
      const { c, author, appealId } = await appealedComment();
      await decideAppeal(p.admin, appealId, 'UPHOLD').expect(200);
      expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: c } })).toMatchObject({ status: 'REJECTED', appealOpen: false });
      await request(t.http).get(`/api/comments/${c}`).set(otherReader.auth).expect(404);
      await restore(p.admin, c).expect(201);
      expect(await t.prisma.appeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({ status: 'UPHELD', decidedById: p.admin.id });
      expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: c } })).toMatchObject({ status: 'APPROVED', appealOpen: false });
      const statement = await request(t.http).get(`/api/comments/${c}/decision`).set(author.auth).expect(200);
      expect(statement.body).toMatchObject({ action: 'RESTORE', canAppeal: false });
      await decideAppeal(p.admin, appealId, 'OVERTURN').expect(409);
    });

    it('a restore and an uphold sent at once leave the appeal and the comment agreeing, five times over', async () => {
      const mod2 = await createUser(t.prisma, { role: 'MODERATOR' });
      for (let i = 0; i < 5; i++) {
        const { c, appealId } = await appealedComment();
        const [restored, upheld] = await Promise.all([restore(p.admin, c), decideAppeal(mod2, appealId, 'UPHOLD')]);
        const appeal = await t.prisma.appeal.findUniqueOrThrow({ where: { id: appealId } });
        const comment = await t.prisma.comment.findUniqueOrThrow({ where: { id: c } });
        expect(restored.status).toBe(201);
        expect(comment).toMatchObject({ status: 'APPROVED', appealOpen: false });
        if (upheld.status === 200) {
          // The uphold came first (the audit log's order is the order the decisions took the comment's lock); the restore is the later decision.
          expect(appeal.status).toBe('UPHELD');
          const events = await t.prisma.auditEvent.findMany({ where: { targetId: c, kind: { in: ['APPEAL_DECIDED', 'COMMENT_RESTORED'] } }, orderBy: { id: 'asc' } });
          expect(events.map((e) => e.kind)).toEqual(['APPEAL_DECIDED', 'COMMENT_RESTORED']);
        } else {
          // The restore came first and settled the appeal.
          expect(upheld.body.code).toBe('APPEAL_ALREADY_DECIDED');
          expect(appeal.status).toBe('OVERTURNED');
        }
      }
    });
  });
});
