import request from 'supertest';
import { EventRelay } from '../../src/modules/events/event-relay';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas } from '../helpers/factories';

/**
 * What the outbox records when people use the API: one event per change, in the change's
 * transaction, with the article id and whether readers may see the comment (what live updates,
 * webhooks and notifications will filter on). Refused requests record nothing.
 */
describe('domain events through the API', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  async function eventsOf(articleId: string) {
    // Stamped and handed to the consumers before reading, so positions are set.
    await t.app.get(EventRelay).runOnce();
    const rows = await t.prisma.domainEvent.findMany({ where: { articleId }, orderBy: { position: 'asc' } });
    return rows.map((r) => ({ type: r.type, position: r.position, payload: r.payload as Record<string, unknown> }));
  }

  it('records a comment’s life: posted, reacted to, edited, flagged, decided, deleted, each with its article', async () => {
    const article = await createArticle(t.prisma);
    const post = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'The dam was reported damaged, but nobody has confirmed it yet.' }).expect(201);
    const id = post.body.id as string;
    await request(t.http).put(`/api/comments/${id}/reactions/RESPECT`).set(p.otherReader.auth).expect(200);
    await request(t.http).put(`/api/comments/${id}/reactions/RESPECT`).set(p.otherReader.auth).expect(200);
    await request(t.http).patch(`/api/comments/${id}`).set(p.reader.auth).send({ body: 'The dam was reported damaged; nobody has confirmed it yet.' }).expect(200);
    await request(t.http).post(`/api/comments/${id}/flags`).set(p.otherReader.auth).send({ reason: 'OFF_TOPIC' }).expect(201);
    await request(t.http).post(`/api/moderation/comments/${id}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 2, expectedStatus: 'PUBLISHED' }).expect(201);
    await request(t.http).delete(`/api/comments/${id}`).set(p.reader.auth).expect(204);

    const events = await eventsOf(article.id);
    expect(events.map((e) => e.type)).toEqual(['comment.posted', 'reaction.changed', 'comment.edited', 'flag.raised', 'comment.status_changed', 'decision.made', 'comment.deleted']);
    const base = { commentId: id, articleId: article.id, authorId: p.reader.id, parentId: null };
    expect(events[0].payload).toEqual({ ...base, status: 'PUBLISHED', visible: true });
    // The second identical reaction changed nothing, and recorded nothing.
    expect(events[1].payload).toEqual({ commentId: id, articleId: article.id, userId: p.otherReader.id, kind: 'RESPECT', active: true, visible: true, respectCount: 1, disagreeCount: 0 });
    expect(events[2].payload).toEqual({ ...base, revision: 2, status: 'PUBLISHED', visible: true });
    expect(events[3].payload).toEqual({ commentId: id, articleId: article.id, reporterId: p.otherReader.id, reason: 'OFF_TOPIC', urgent: false, withheld: false });
    expect(events[4].payload).toEqual({ ...base, from: 'PUBLISHED', to: 'APPROVED', visible: true, wasVisible: true, cause: 'decision' });
    expect(events[5].payload).toMatchObject({ commentId: id, articleId: article.id, moderatorId: p.moderator.id, action: 'APPROVE', from: 'PUBLISHED', to: 'APPROVED', revision: 2 });
    expect(events[6].payload).toEqual({ ...base, visible: false, wasVisible: true, byErasure: false });
    const positions = events.map((e) => Number(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('marks a held comment’s events not visible, so reader streams can leave them out', async () => {
    const article = await createArticle(t.prisma, { moderationMode: 'PRE' });
    const post = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'A first remark held for review.' }).expect(201);
    expect(post.body.moderation.status).toBe('PENDING');
    const [posted] = await eventsOf(article.id);
    expect(posted.payload).toMatchObject({ commentId: post.body.id, status: 'PENDING', visible: false });
  });

  it('records nothing for refused requests', async () => {
    const article = await createArticle(t.prisma, { commentsOpen: false });
    const before = await t.prisma.domainEvent.count();
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'Closed already.' }).expect(409);
    const stranger = await createUser(t.prisma);
    const open = await createArticle(t.prisma);
    const c = (await request(t.http).post(`/api/articles/${open.id}/comments`).set(p.reader.auth).send({ body: 'Mine to react to?' }).expect(201)).body.id;
    await request(t.http).put(`/api/comments/${c}/reactions/RESPECT`).set(p.reader.auth).expect(403);
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 7, expectedStatus: 'PUBLISHED' }).expect(409);
    await request(t.http).delete(`/api/comments/${c}`).set(stranger.auth).expect(403);
    expect(await t.prisma.domainEvent.count()).toBe(before + 1);
  });

  it('still attaches a posted comment that repeats a known claim (the desk consumes comment.posted)', async () => {
    const article = await createArticle(t.prisma);
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'the ferry at Kherson was sunk' }).expect(201);
    const c = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'I read that the ferry at Kherson was sunk last night.' }).expect(201)).body.id;
    await t.app.get(EventRelay).runOnce();
    const detail = await request(t.http).get(`/api/desk/claims/${claim.body.id}`).set(p.factChecker.auth).expect(200);
    expect(detail.body.comments).toEqual([expect.objectContaining({ id: c, automatic: true })]);
    const types = (await eventsOf(article.id)).map((e) => e.type);
    expect(types).toEqual(['comment.posted', 'claim.linked']);
  });
});
