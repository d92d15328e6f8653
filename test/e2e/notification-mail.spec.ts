import request from 'supertest';
import { EventRelay } from '../../src/modules/events/event-relay';
import { NotificationDigestJob } from '../../src/modules/notifications/notification-digest.job';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';
import { ReceivedMail, TestSmtpServer } from '../helpers/smtp';

const PUBLIC_URL = 'https://comments.news.example';
const DAY_MS = 24 * 3_600_000;

/**
 * Notification mail through a real SMTP server on loopback: immediate mail with RFC 8058
 * one-click unsubscribe, the unsubscribe link itself, and the daily digest run by hand.
 */
describe('notification mail', () => {
  let t: TestApp;
  let p: Personas;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_POLL_MS: '50', PUBLIC_URL, MAIL_FROM: 'News comments <comments@news.example>' });
    p = await createPersonas(t.prisma);
    // The consumer starts at the outbox's end ("now"): make its cursor before the first event.
    await t.app.get(EventRelay).ensureConsumers();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const relay = () => t.app.get(EventRelay).runOnce();
  const emailOf = async (u: TestUser) => (await t.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).email as string;
  const queuedFor = (address: string) => t.prisma.outgoingMail.count({ where: { toAddress: address } });

  async function reply(to: { id: string; articleId: string }, body: string, who: TestUser = p.otherReader): Promise<string> {
    const res = await request(t.http).post(`/api/articles/${to.articleId}/comments`).set(who.auth).send({ body, parentId: to.id }).expect(201);
    await relay();
    return res.body.id as string;
  }

  function unsubscribeLink(mail: ReceivedMail): string {
    const header = mail.headers.get('list-unsubscribe') ?? '';
    const m = /^<(https:\/\/comments\.news\.example\/api\/notifications\/unsubscribe\?token=[^>]+)>$/.exec(header);
    if (!m) throw new Error(`no unsubscribe link in ${JSON.stringify(header)}`);
    return m[1].slice(PUBLIC_URL.length);
  }

  it('mails a reply at once with one-click unsubscribe headers; the POST turns reply mail off and nothing else', async () => {
    const me = await createUser(t.prisma, { displayName: 'Mina Reader' });
    const address = await emailOf(me);
    const article = await createArticle(t.prisma, { title: 'Shelling reported near the plant' });
    const mine = await createComment(t.prisma, { articleId: article.id, authorId: me.id });
    const first = await reply(mine, 'The plant operator says no damage so far.');

    const mail = await smtp.next(address);
    expect(mail.subject).toBe('New reply to your comment');
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain('replied to your comment on "Shelling reported near the plant".');
    expect(mail.text).toContain('The plant operator says no damage so far.');
    expect(mail.text).toContain(`${article.url}#comment-${first}`);
    expect(mail.html).toContain('Unsubscribe');
    const link = unsubscribeLink(mail);

    // What a mail program sends: no session, a form-encoded body.
    const res = await request(t.http).post(link).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.body).toEqual({ unsubscribed: 'reply', preferences: { cadence: 'IMMEDIATE', email: { reply: false, decision: true, appeal: true, verdict: false } } });
    // Clicking it again changes nothing more and is not an error, whatever credentials come along
    // (the link is what it acts on: a stale or malformed Authorization header is not a 401).
    await request(t.http).post(link).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await request(t.http).post(link).set('Authorization', 'Token not-a-session').type('form').send('List-Unsubscribe=One-Click').expect(200);
    await request(t.http).post(link).set('Authorization', 'Bearer plt_revoked-or-never-issued').type('form').send('List-Unsubscribe=One-Click').expect(200);

    const before = await queuedFor(address);
    const second = await reply(mine, 'Independent monitors are on their way.');
    expect(await queuedFor(address)).toBe(before);
    // Still told in the app; and still mailed about decisions.
    const list = await request(t.http).get('/api/me/notifications').set(me.auth).expect(200);
    expect(list.body.items.map((n: { commentId: string }) => n.commentId)).toEqual([second, first]);
    await request(t.http).post(`/api/moderation/comments/${mine.id}/decisions`).set(p.moderator.auth).send({ action: 'FEATURE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(201);
    await relay();
    expect((await smtp.next(address)).subject).toBe('A moderator decided on your comment');
  });

  it('mails nothing to readers whose mail is off, and nothing about their own reply', async () => {
    const me = await createUser(t.prisma);
    const address = await emailOf(me);
    await request(t.http).put('/api/me/notification-preferences').set(me.auth).send({ cadence: 'OFF', email: { reply: true, decision: true, appeal: true, verdict: true } }).expect(200);
    const article = await createArticle(t.prisma);
    const mine = await createComment(t.prisma, { articleId: article.id, authorId: me.id });
    await reply(mine, 'Somebody else replying.');
    await reply(mine, 'Me replying to myself.', me);
    expect(await queuedFor(address)).toBe(0);
    expect((await request(t.http).get('/api/me/notifications').set(me.auth).expect(200)).body.items).toHaveLength(1);
  });

  it('refuses forged or altered unsubscribe tokens with 400 and a gone account with 404; GET shows a page and changes nothing', async () => {
    const me = await createUser(t.prisma);
    const address = await emailOf(me);
    const article = await createArticle(t.prisma);
    const mine = await createComment(t.prisma, { articleId: article.id, authorId: me.id });
    await reply(mine, 'A reply that brings a mail with a link.');
    const link = unsubscribeLink(await smtp.next(address));
    const token = decodeURIComponent(new URL(link, PUBLIC_URL).searchParams.get('token') as string);

    const page = await request(t.http).get(link).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<form method="post"');
    expect(page.text).toContain('mail about replies to your comments');
    expect((await request(t.http).get('/api/me/notification-preferences').set(me.auth).expect(200)).body.email.reply).toBe(true);

    const [userId, , sig] = token.split('.');
    for (const bad of [`${userId}.all.${sig}`, `${p.reader.id}.reply.${sig}`, 'nonsense', `${userId}.reply.${'A'.repeat(43)}`]) {
      const res = await request(t.http).post(`/api/notifications/unsubscribe?token=${encodeURIComponent(bad)}`).expect(400);
      expect(res.body).toMatchObject({ status: 400, code: 'UNSUBSCRIBE_TOKEN_INVALID' });
      await request(t.http).get(`/api/notifications/unsubscribe?token=${encodeURIComponent(bad)}`).expect(400);
    }
    expect((await request(t.http).post('/api/notifications/unsubscribe').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await request(t.http).get('/api/me/notification-preferences').set(me.auth).expect(200)).body.email.reply).toBe(true);

    // A browser's form gets a page back.
    const done = await request(t.http).post(link).set('Accept', 'text/html').expect(200);
    expect(done.text).toContain('You will no longer get mail about replies to your comments.');

    await request(t.http).delete('/api/me').set(me.auth).expect(204);
    expect((await request(t.http).post(link).expect(404)).body.code).toBe('UNSUBSCRIBE_ACCOUNT_GONE');
  });

  it('sends a digest reader one mail a day listing the unread notifications, once even when two runs race', async () => {
    const me = await createUser(t.prisma);
    const address = await emailOf(me);
    await request(t.http).put('/api/me/notification-preferences').set(me.auth).send({ cadence: 'DAILY', email: { reply: true, decision: true, appeal: true, verdict: false } }).expect(200);
    const article = await createArticle(t.prisma, { title: 'Prisoner exchange announced' });
    const mine = await createComment(t.prisma, { articleId: article.id, authorId: me.id });
    const replies: string[] = [];
    for (const text of ['First reply: the lists are not public yet.', 'Second reply: both sides confirmed the numbers.', 'Third reply: this one gets read in the app.', 'Fourth reply: a moderator removes this one.']) {
      replies.push(await reply(mine, text));
    }
    expect(await queuedFor(address)).toBe(0);
    const items = (await request(t.http).get('/api/me/notifications').set(me.auth).expect(200)).body.items as { id: string; commentId: string }[];
    await request(t.http).post(`/api/me/notifications/${items.find((n) => n.commentId === replies[2])?.id}/read`).set(me.auth).expect(204);
    await request(t.http).post(`/api/moderation/comments/${replies[3]}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'SPAM' }).expect(201);
    await relay();

    const job = t.app.get(NotificationDigestJob);
    // Before the period ends nothing is due.
    expect(await job.run(new Date(Date.now() - DAY_MS))).toBe(0);
    const tomorrow = new Date(Date.now() + DAY_MS);
    const runs = await Promise.all([job.run(tomorrow), job.run(tomorrow)]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await job.run(tomorrow)).toBe(0);

    const digest = await smtp.next(address);
    expect(digest.subject).toBe('Your daily digest: 2 new notifications');
    expect(digest.text).toContain('First reply: the lists are not public yet.');
    expect(digest.text).toContain('Second reply: both sides confirmed the numbers.');
    expect(digest.text).not.toContain('Third reply');
    expect(digest.text).not.toContain('Fourth reply');
    expect(digest.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(await queuedFor(address)).toBe(1);

    // The digest's link turns all notification mail off.
    const res = await request(t.http).post(unsubscribeLink(digest)).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.body).toMatchObject({ unsubscribed: 'all', preferences: { cadence: 'OFF' } });
  });
});
