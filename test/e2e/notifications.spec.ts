import request from 'supertest';
import { EventRelay } from '../../src/modules/events/event-relay';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

const SOURCES = [{ url: 'https://observatory.example/report-7', title: 'Observatory daily report' }];

/**
 * In-app notifications (no SMTP configured): what readers are told about, and what never. The
 * outbox relay is driven by hand (runOnce), so each check reads after the consumer ran.
 */
describe('notifications in the app', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
    // The consumer starts at the outbox's end ("now"): make its cursor before the first event.
    await t.app.get(EventRelay).ensureConsumers();
  });
  afterAll(() => t.close());

  const relay = () => t.app.get(EventRelay).runOnce();

  async function post(user: TestUser, articleId: string, body: string, parentId?: string): Promise<{ id: string; status: string }> {
    const res = await request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body, parentId }).expect(201);
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: res.body.id as string } });
    return { id: row.id, status: row.status };
  }
  async function list(user: TestUser, query = '') {
    await relay();
    const res = await request(t.http).get(`/api/me/notifications${query}`).set(user.auth).expect(200);
    return res.body as { items: { id: string; kind: string; summary: string; details: string[]; commentId: string; readAt: string | null; link: string; data: Record<string, unknown> }[]; nextCursor: string | null; unreadCount: number };
  }
  const decide = (id: string, body: Record<string, unknown>, who = p.moderator) =>
    request(t.http).post(`/api/moderation/comments/${id}/decisions`).set(who.auth).send({ revision: 1, ...body }).expect(201);

  it("tells me about someone else's visible reply, with its words and a permalink, but not about my own reply", async () => {
    const me = await createUser(t.prisma, { displayName: 'Hana Reader' });
    const other = await createUser(t.prisma, { displayName: 'Юрий Читатель' });
    const article = await createArticle(t.prisma, { title: 'Bridge near the front reported destroyed' });
    const mine = await post(me, article.id, 'Has anyone independently verified the bridge footage?');
    const reply = await post(other, article.id, 'Two agencies geolocated it this morning, so it looks real.', mine.id);
    await post(me, article.id, 'Thanks, I will look for their reports.', mine.id);

    const page = await list(me);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: 'REPLY',
      commentId: reply.id,
      readAt: null,
      summary: 'Юрий Читатель replied to your comment on "Bridge near the front reported destroyed".',
      details: ['Two agencies geolocated it this morning, so it looks real.'],
      link: `${article.url}#comment-${reply.id}`,
    });
    expect(page.unreadCount).toBe(1);
    // The relay handing the same events over again adds nothing.
    await t.prisma.eventConsumer.update({ where: { name: 'notifications' }, data: { position: 0 } });
    expect((await list(me)).items).toHaveLength(1);
  });

  it('tells me about a held reply only once a moderator approves it, and never about a rejected one', async () => {
    const me = await createUser(t.prisma);
    const other = await createUser(t.prisma, { premoderated: true });
    const article = await createArticle(t.prisma);
    const mine = await post(me, article.id, 'The ceasefire line moved again overnight, say local reports.');
    const held = await post(other, article.id, 'Local reports are not the same as confirmation.', mine.id);
    const rejected = await post(other, article.id, 'Another held reply that a moderator will remove.', mine.id);
    expect([held.status, rejected.status]).toEqual(['PENDING', 'PENDING']);
    expect((await list(me)).items).toEqual([]);

    await decide(held.id, { action: 'APPROVE', expectedStatus: 'PENDING' });
    await decide(rejected.id, { action: 'REJECT', expectedStatus: 'PENDING', reason: 'SPAM' });
    const page = await list(me);
    expect(page.items.map((n) => [n.kind, n.commentId])).toEqual([['REPLY', held.id]]);
    // The author of the approved reply hears of the decision; of the rejection, with its reasons.
    const theirs = await list(other);
    expect(theirs.items.map((n) => [n.kind, n.commentId, n.data.action])).toEqual([
      ['DECISION', rejected.id, 'REJECT'],
      ['DECISION', held.id, 'APPROVE'],
    ]);
    expect(theirs.items[0].details).toEqual(['Reason: spam.', 'You may appeal this decision once, from the comment.']);
  });

  it('hides a reply notification once the reply is removed, from the list and the unread count', async () => {
    const me = await createUser(t.prisma);
    const article = await createArticle(t.prisma);
    const mine = await post(me, article.id, 'Which outlet first reported the convoy?');
    const reply = await post(p.otherReader, article.id, 'An aggregator channel, as far as I can tell.', mine.id);
    expect((await list(me)).unreadCount).toBe(1);
    await decide(reply.id, { action: 'REJECT', expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC' });
    const page = await list(me);
    expect(page.items).toEqual([]);
    expect(page.unreadCount).toBe(0);
    expect((await request(t.http).get('/api/me/notifications/unread-count').set(me.auth).expect(200)).body).toEqual({ unreadCount: 0 });
  });

  it("tells me a moderator's decision with its statement of reasons, and my appeal's outcome once (not the restore twice)", async () => {
    const me = await createUser(t.prisma);
    const article = await createArticle(t.prisma, { title: 'Casualty figures disputed' });
    const mine = await post(me, article.id, 'The observatory counts differ from the ministry again.');
    await decide(mine.id, { action: 'REJECT', expectedStatus: 'PUBLISHED', reason: 'MISINFORMATION', message: 'Please cite a source for the figures.' });
    let page = await list(me);
    expect(page.items[0]).toMatchObject({
      kind: 'DECISION',
      summary: 'A moderator removed your comment on "Casualty figures disputed".',
      details: ['Reason: misinformation.', "Moderator's note: Please cite a source for the figures.", 'You may appeal this decision once, from the comment.'],
      data: { action: 'REJECT', reason: 'MISINFORMATION', status: 'REJECTED' },
    });
    await request(t.http).post(`/api/comments/${mine.id}/appeal`).set(me.auth).send({ text: 'Both counts are public; I compared them.' }).expect(201);
    const appeal = await t.prisma.appeal.findFirstOrThrow({ where: { commentId: mine.id } });
    await request(t.http).post(`/api/moderation/appeals/${appeal.id}/decision`).set(p.admin.auth).send({ outcome: 'OVERTURN', note: 'Comparing public counts is fine.' }).expect(200);
    page = await list(me);
    expect(page.items.map((n) => n.kind)).toEqual(['APPEAL', 'DECISION']);
    expect(page.items[0]).toMatchObject({
      summary: 'Your appeal succeeded: your comment on "Casualty figures disputed" is restored.',
      details: ["Moderator's note: Comparing public counts is fine."],
      data: { outcome: 'OVERTURNED' },
    });
  });

  it('tells linked commenters and readers who reacted about a verdict change, once each, and nobody about a hidden comment', async () => {
    const a1 = await createArticle(t.prisma);
    const a2 = await createArticle(t.prisma);
    const author1 = await createUser(t.prisma);
    const author2 = await createUser(t.prisma);
    const reactor = await createUser(t.prisma);
    const bystander = await createUser(t.prisma);
    const c1 = await post(author1, a1.id, 'The dam at Nova Kakhivka was breached on purpose, they say.');
    const c2 = await post(author2, a2.id, 'The dam was breached deliberately, according to a channel I follow.');
    const c3 = await post(author2, a2.id, 'And the dam breach was planned weeks ahead, also from that channel.');
    for (const c of [c1, c2]) await request(t.http).put(`/api/comments/${c.id}/reactions/RESPECT`).set(reactor.auth).expect(200);
    await request(t.http).put(`/api/comments/${c3.id}/reactions/RESPECT`).set(bystander.auth).expect(200);
    // c3 is removed: its reactors may no longer see it (its author still may).
    await decide(c3.id, { action: 'REJECT', expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC' });
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'The dam was breached deliberately', commentIds: [c1.id, c2.id, c3.id] }).expect(201);
    const verdict = (v: string, summary: string) =>
      request(t.http).post(`/api/desk/claims/${claim.body.id}/verdicts`).set(p.factChecker.auth).send({ verdict: v, summary, sources: SOURCES }).expect(201);
    await verdict('UNVERIFIED', 'No independent evidence yet.');
    await verdict('UNVERIFIED', 'Still nothing independent.');
    await verdict('FALSE', 'Engineering reports show structural failure.');

    const verdictsOf = async (u: TestUser) => (await list(u)).items.filter((n) => n.kind === 'VERDICT');
    const mine1 = await verdictsOf(author1);
    expect(mine1.map((n) => [n.data.verdict, n.data.previous, n.commentId])).toEqual([
      ['FALSE', 'UNVERIFIED', c1.id],
      ['UNVERIFIED', null, c1.id],
    ]);
    expect(mine1[0].summary).toMatch(/^The fact-check of a claim in your comment on ".*" changed from unverified to false\.$/);
    expect((await verdictsOf(author2)).map((n) => n.data.verdict)).toEqual(['FALSE', 'UNVERIFIED']);
    const reacted = await verdictsOf(reactor);
    expect(reacted.map((n) => n.data.verdict)).toEqual(['FALSE', 'UNVERIFIED']);
    expect(reacted[0].summary).toContain('a comment you reacted to');
    expect(await verdictsOf(bystander)).toEqual([]);
  });

  it('pages newest first with a cursor, filters unread, and marks one or all read', async () => {
    const me = await createUser(t.prisma);
    const article = await createArticle(t.prisma);
    const mine = await createComment(t.prisma, { articleId: article.id, authorId: me.id });
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) replies.push((await post(p.otherReader, article.id, `Reply number ${i} about the convoy route.`, mine.id)).id);

    const first = await list(me, '?limit=2');
    expect(first.items.map((n) => n.commentId)).toEqual([replies[4], replies[3]]);
    expect(first.unreadCount).toBe(5);
    const second = await list(me, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.commentId)).toEqual([replies[2], replies[1]]);
    const third = await list(me, `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((n) => n.commentId)).toEqual([replies[0]]);
    expect(third.nextCursor).toBeNull();

    await request(t.http).post(`/api/me/notifications/${first.items[0].id}/read`).set(me.auth).expect(204);
    await request(t.http).post(`/api/me/notifications/${first.items[0].id}/read`).set(me.auth).expect(204);
    const unread = await list(me, '?unread=true');
    expect(unread.items.map((n) => n.commentId)).toEqual([replies[3], replies[2], replies[1], replies[0]]);
    expect(unread.unreadCount).toBe(4);
    expect((await request(t.http).post('/api/me/notifications/read').set(me.auth).expect(200)).body).toEqual({ marked: 4 });
    expect((await list(me, '?unread=true')).items).toEqual([]);
    expect((await list(me)).items.every((n) => n.readAt !== null)).toBe(true);
  });

  it("refuses another reader's notification, bad ids, cursors and filters with problem details, and anonymous callers", async () => {
    const me = await createUser(t.prisma);
    const article = await createArticle(t.prisma);
    const mine = await createComment(t.prisma, { articleId: article.id, authorId: me.id });
    await post(p.otherReader, article.id, 'A reply to read.', mine.id);
    const [n] = (await list(me)).items;
    const res = await request(t.http).post(`/api/me/notifications/${n.id}/read`).set(p.reader.auth).expect(404);
    expect(res.body).toMatchObject({ status: 404, code: 'NOTIFICATION_NOT_FOUND' });
    expect(res.headers['content-type']).toContain('application/problem+json');
    await request(t.http).post('/api/me/notifications/not-a-uuid/read').set(me.auth).expect(404);
    expect((await request(t.http).get('/api/me/notifications?cursor=bm90IG91cnM').set(me.auth).expect(400)).body.code).toBe('INVALID_CURSOR');
    const forged = Buffer.from(JSON.stringify({ t: '2026-01-01T00:00:00.000Z', i: "x' OR 1=1" })).toString('base64url');
    expect((await request(t.http).get(`/api/me/notifications?cursor=${forged}`).set(me.auth).expect(400)).body.code).toBe('INVALID_CURSOR');
    await request(t.http).get('/api/me/notifications?unread=yes').set(me.auth).expect(400);
    await request(t.http).get('/api/me/notifications?limit=0').set(me.auth).expect(400);
    await request(t.http).get('/api/me/notifications').expect(401);
    await request(t.http).get('/api/me/notification-preferences').expect(401);
  });

  it('keeps preferences per reader: defaults first, then what was saved; refuses incomplete or unknown settings', async () => {
    const me = await createUser(t.prisma);
    const get = () => request(t.http).get('/api/me/notification-preferences').set(me.auth).expect(200);
    expect((await get()).body).toEqual({ cadence: 'IMMEDIATE', email: { reply: true, decision: true, appeal: true, verdict: false } });
    const saved = { cadence: 'DAILY', email: { reply: false, decision: true, appeal: true, verdict: true } };
    expect((await request(t.http).put('/api/me/notification-preferences').set(me.auth).send(saved).expect(200)).body).toEqual(saved);
    expect((await get()).body).toEqual(saved);
    expect((await request(t.http).get('/api/me/notification-preferences').set(p.reader.auth).expect(200)).body.cadence).toBe('IMMEDIATE');

    for (const bad of [
      { cadence: 'WEEKLY', email: saved.email },
      { cadence: 'OFF' },
      { cadence: 'OFF', email: { reply: 'yes', decision: true, appeal: true, verdict: true } },
      { cadence: 'OFF', email: { reply: true, decision: true, appeal: true } },
      { cadence: 'OFF', email: { ...saved.email, marketing: true } },
      { cadence: 'OFF', email: null },
    ]) {
      const res = await request(t.http).put('/api/me/notification-preferences').set(me.auth).send(bad).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await get()).body).toEqual(saved);
  });
});
