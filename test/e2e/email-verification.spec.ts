import request from 'supertest';
import { loadConfig } from '../../src/config/config';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createUser } from '../helpers/factories';
import { ReceivedMail, TestSmtpServer } from '../helpers/smtp';

/**
 * Email verification on a site that requires it (REQUIRE_EMAIL_VERIFICATION=true): the link is
 * mailed at registration by the app's own mail worker to a real SMTP server on loopback.
 */

const PUBLIC_URL = 'https://talk.news.example';
const PASSWORD = 'correct horse battery';

let t: TestApp;
let smtp: TestSmtpServer;
let articleId: string;
let n = 0;

function verifyToken(mail: ReceivedMail): string {
  const match = /https:\/\/talk\.news\.example\/account\/verify-email\?token=(\S+)/.exec(mail.text);
  if (!match) throw new Error(`no verification link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
}

async function register(email?: string) {
  n += 1;
  const address = email ?? `verifier${n}@example.org`;
  const res = await request(t.http).post('/api/auth/register').send({ email: address, password: PASSWORD, displayName: `Verifier ${n}` }).expect(201);
  return { email: address, id: res.body.user.id as string, auth: { Authorization: `Bearer ${res.body.token}` }, user: res.body.user };
}

function post(auth: { Authorization: string }, body = `A comment ${Math.random()}`) {
  return request(t.http).post(`/api/articles/${articleId}/comments`).set(auth).send({ body });
}

beforeAll(async () => {
  smtp = new TestSmtpServer();
  await smtp.start();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_POLL_MS: '50', PUBLIC_URL, REQUIRE_EMAIL_VERIFICATION: 'true' });
  articleId = (await createArticle(t.prisma)).id;
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('email verification (required by the site)', () => {
  it('mails a link at registration; until it is followed the reader can sign in and read but not post, react or report', async () => {
    const reader = await register();
    expect(reader.user.emailVerified).toBe(false);
    const mail = await smtp.next(reader.email);
    expect(mail.subject).toBe('Confirm your email address on talk.news.example');
    const token = verifyToken(mail);

    const refused = await post(reader.auth).expect(403);
    expect(refused.body).toMatchObject({ code: 'EMAIL_NOT_VERIFIED', status: 403 });
    const other = await createUser(t.prisma, { emailVerifiedAt: new Date() });
    const theirs = await post(other.auth).expect(201);
    const react = await request(t.http).put(`/api/comments/${theirs.body.id}/reactions/RESPECT`).set(reader.auth).expect(403);
    expect(react.body.code).toBe('EMAIL_NOT_VERIFIED');
    const report = await request(t.http).post(`/api/comments/${theirs.body.id}/flags`).set(reader.auth).send({ reason: 'SPAM' }).expect(403);
    expect(report.body.code).toBe('EMAIL_NOT_VERIFIED');
    await request(t.http).get(`/api/articles/${articleId}/comments`).set(reader.auth).expect(200);
    await request(t.http).post('/api/auth/login').send({ email: reader.email, password: PASSWORD }).expect(200);

    await request(t.http).post('/api/auth/verify-email').send({ token }).expect(204);
    expect((await request(t.http).get('/api/me').set(reader.auth).expect(200)).body.emailVerified).toBe(true);
    await post(reader.auth).expect(201);
    const again = await request(t.http).post('/api/auth/verify-email').send({ token }).expect(400);
    expect(again.body.code).toBe('VERIFICATION_TOKEN_INVALID');
    const audit = await t.prisma.auditEvent.findMany({ where: { kind: 'EMAIL_VERIFIED', subjectUserId: reader.id } });
    expect(audit.map((a) => a.data)).toEqual([{ via: 'verification' }]);
  });

  it('resends a link on request; only the newest works, and none once verified', async () => {
    const reader = await register();
    const first = verifyToken(await smtp.next(reader.email));
    await request(t.http).post('/api/me/email-verification').set(reader.auth).expect(202);
    const second = verifyToken(await smtp.next(reader.email));
    expect((await request(t.http).post('/api/auth/verify-email').send({ token: first }).expect(400)).body.code).toBe('VERIFICATION_TOKEN_INVALID');
    await request(t.http).post('/api/auth/verify-email').send({ token: second }).expect(204);
    const done = await request(t.http).post('/api/me/email-verification').set(reader.auth).expect(409);
    expect(done.body.code).toBe('EMAIL_ALREADY_VERIFIED');
    await request(t.http).post('/api/me/email-verification').expect(401);
  });

  it('refuses an expired link', async () => {
    const reader = await register();
    const token = verifyToken(await smtp.next(reader.email));
    await t.prisma.accountToken.updateMany({ where: { userId: reader.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await request(t.http).post('/api/auth/verify-email').send({ token }).expect(400);
    expect(res.body.code).toBe('VERIFICATION_TOKEN_EXPIRED');
    await post(reader.auth).expect(403);
  });

  it('a placeholder account adopted by email at registration becomes the reader’s and is verified the same way', async () => {
    const placeholder = await createUser(t.prisma, { email: 'old-commenter@example.org', placeholder: true, displayName: 'Old Commenter' });
    const reader = await register('old-commenter@example.org');
    expect(reader.id).toBe(placeholder.id);
    const token = verifyToken(await smtp.next('old-commenter@example.org'));
    await post(reader.auth).expect(403);
    await request(t.http).post('/api/auth/verify-email').send({ token }).expect(204);
    await post(reader.auth).expect(201);
  });

  it('site sign-on accounts count as verified (the site vouches for them)', async () => {
    const sso = await createUser(t.prisma, { ssoSubject: 'site-reader-9', email: null });
    expect((await request(t.http).get('/api/me').set(sso.auth).expect(200)).body.emailVerified).toBe(true);
    await post(sso.auth).expect(201);
  });

  it('refuses a malformed verification request with 400', async () => {
    expect((await request(t.http).post('/api/auth/verify-email').send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await request(t.http).post('/api/auth/verify-email').send({ token: 'pev_short' }).expect(400)).body.code).toBe('VERIFICATION_TOKEN_INVALID');
  });

  it('cannot be required without SMTP_URL: the configuration is refused at start', () => {
    expect(() => loadConfig({ REQUIRE_EMAIL_VERIFICATION: 'true' })).toThrow(/REQUIRE_EMAIL_VERIFICATION=true needs SMTP_URL/);
  });
});

describe('email verification (not required, the default)', () => {
  it('sends nothing at registration and lets unverified readers post; they may still verify on request', async () => {
    const open = await startTestApp({ SMTP_URL: smtp.url, MAIL_POLL_MS: '50', PUBLIC_URL });
    try {
      const article = await createArticle(open.prisma);
      const res = await request(open.http).post('/api/auth/register').send({ email: 'relaxed@example.org', password: PASSWORD, displayName: 'Relaxed' }).expect(201);
      const auth = { Authorization: `Bearer ${res.body.token}` };
      expect(await open.prisma.outgoingMail.count()).toBe(0);
      await request(open.http).post(`/api/articles/${article.id}/comments`).set(auth).send({ body: 'Posting unverified' }).expect(201);
      await request(open.http).post('/api/me/email-verification').set(auth).expect(202);
      const token = verifyToken(await smtp.next('relaxed@example.org'));
      await request(open.http).post('/api/auth/verify-email').send({ token }).expect(204);
      expect((await request(open.http).get('/api/me').set(auth).expect(200)).body.emailVerified).toBe(true);
    } finally {
      await open.close();
    }
  });
});
