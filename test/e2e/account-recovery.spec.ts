import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { ReceivedMail, TestSmtpServer } from '../helpers/smtp';

/**
 * Password reset by email, password change and sessions, through HTTP, with mail delivered by
 * the app's own mail worker to a real SMTP server on loopback. Each test awaits the message it
 * expects (resolved when it arrives), never a clock.
 */

const PUBLIC_URL = 'https://talk.news.example';
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'violet tractor moonlight';

let t: TestApp;
let smtp: TestSmtpServer;
let n = 0;

function resetToken(mail: ReceivedMail): string {
  const match = /https:\/\/talk\.news\.example\/account\/reset-password\?token=(\S+)/.exec(mail.text);
  if (!match) throw new Error(`no reset link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
}

/** A registered reader and the session registration gave them. */
async function register(): Promise<{ email: string; token: string; auth: { Authorization: string }; id: string }> {
  n += 1;
  const email = `reader${n}@example.org`;
  const res = await request(t.http).post('/api/auth/register').send({ email, password: PASSWORD, displayName: `Reader ${n}` }).expect(201);
  return { email, token: res.body.token, auth: { Authorization: `Bearer ${res.body.token}` }, id: res.body.user.id };
}

async function login(email: string, password = PASSWORD, userAgent = 'jest'): Promise<{ Authorization: string }> {
  const res = await request(t.http).post('/api/auth/login').set('User-Agent', userAgent).send({ email, password }).expect(200);
  return { Authorization: `Bearer ${res.body.token}` };
}

async function requestReset(email: string) {
  return request(t.http).post('/api/auth/password-reset').send({ email }).expect(202);
}

/** The queued row of a mail once the worker has finished with it (no longer PENDING). */
async function settledMail(toAddress: string, kind: string) {
  for (;;) {
    const row = await t.prisma.outgoingMail.findFirstOrThrow({ where: { toAddress, kind } });
    if (row.status !== 'PENDING') return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  smtp = new TestSmtpServer();
  await smtp.start();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_POLL_MS: '50', PUBLIC_URL, PASSWORD_RESET_TOKEN_MINUTES: '30' });
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('password reset by email', () => {
  it('mails a link whose token sets a new password once, revoking every session', async () => {
    const reader = await register();
    const second = await login(reader.email);
    await requestReset(reader.email);
    const mail = await smtp.next(reader.email);
    expect(mail.subject).toBe('Reset your password on talk.news.example');
    expect(mail.text).toContain('within 30 minutes');
    const token = resetToken(mail);
    expect(token).toMatch(/^prt_[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored, and the sent message no longer holds the link.
    const stored = await t.prisma.accountToken.findFirstOrThrow({ where: { userId: reader.id } });
    expect(stored.tokenHash).not.toContain(token.slice(4));
    // The server has the message; the worker records it as sent once the SMTP exchange has ended.
    const outgoing = await settledMail(reader.email, 'password_reset');
    expect(outgoing).toMatchObject({ status: 'SENT', textBody: null });

    // A weak password is refused like at registration, and the token stays usable.
    const weak = await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: 'password123' }).expect(422);
    expect(weak.body.code).toBe('WEAK_PASSWORD');

    await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
    for (const auth of [reader.auth, second]) expect((await request(t.http).get('/api/me').set(auth).expect(401)).body.code).toBe('INVALID_SESSION');
    await request(t.http).post('/api/auth/login').send({ email: reader.email, password: PASSWORD }).expect(401);
    const fresh = await login(reader.email, NEW_PASSWORD);
    // Following the mailed link proved the address.
    expect((await request(t.http).get('/api/me').set(fresh).expect(200)).body.emailVerified).toBe(true);

    const again = await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: 'another fine passphrase' }).expect(400);
    expect(again.body).toMatchObject({ code: 'RESET_TOKEN_INVALID', status: 400 });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { kind: 'PASSWORD_RESET', subjectUserId: reader.id } });
    expect(audit.data).toEqual({ sessionsRevoked: 2 });
  });

  it('a newer request makes the older link stop working', async () => {
    const reader = await register();
    await requestReset(reader.email);
    const first = resetToken(await smtp.next(reader.email));
    await requestReset(reader.email);
    const second = resetToken(await smtp.next(reader.email));
    expect(second).not.toBe(first);
    const old = await request(t.http).post('/api/auth/password-reset/confirm').send({ token: first, password: NEW_PASSWORD }).expect(400);
    expect(old.body.code).toBe('RESET_TOKEN_INVALID');
    await request(t.http).post('/api/auth/password-reset/confirm').send({ token: second, password: NEW_PASSWORD }).expect(204);
  });

  it('two requests racing with one link: exactly one sets the password', async () => {
    const reader = await register();
    await requestReset(reader.email);
    const token = resetToken(await smtp.next(reader.email));
    const passwords = ['violet tractor moonlight', 'amber kettle harbour'];
    const results = await Promise.all(passwords.map((password) => request(t.http).post('/api/auth/password-reset/confirm').send({ token, password })));
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
    const winner = passwords[results.findIndex((r) => r.status === 204)];
    const loser = passwords.find((p) => p !== winner) as string;
    await login(reader.email, winner);
    await request(t.http).post('/api/auth/login').send({ email: reader.email, password: loser }).expect(401);
  });

  it('refuses an expired link', async () => {
    const reader = await register();
    await requestReset(reader.email);
    const token = resetToken(await smtp.next(reader.email));
    await t.prisma.accountToken.updateMany({ where: { userId: reader.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(400);
    expect(res.body.code).toBe('RESET_TOKEN_EXPIRED');
    await login(reader.email);
  });

  it('refuses tokens that were never issued, or issued for another purpose, with 400', async () => {
    for (const token of ['prt_' + 'A'.repeat(43), 'pev_' + 'A'.repeat(43), 'nonsense']) {
      const res = await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(400);
      expect(res.body.code).toBe('RESET_TOKEN_INVALID');
    }
    const missing = await request(t.http).post('/api/auth/password-reset/confirm').send({ password: NEW_PASSWORD }).expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers the same for an unknown email, and mails only existing accounts with a password', async () => {
    const reader = await register();
    const sso = await createUser(t.prisma, { ssoSubject: 'site-42', email: 'site-reader@example.org' });
    const known = await requestReset(reader.email);
    const unknown = await requestReset('nobody-here@example.org');
    const ssoOnly = await requestReset('site-reader@example.org');
    expect(unknown.body).toEqual(known.body);
    expect(ssoOnly.body).toEqual(known.body);
    expect(unknown.text).toBe(known.text);
    // The request's transaction has committed when it answers: what was queued is final.
    const queued = await t.prisma.outgoingMail.findMany({ where: { toAddress: { in: [reader.email, 'nobody-here@example.org', 'site-reader@example.org'] } } });
    expect(queued.map((m) => m.toAddress)).toEqual([reader.email]);
    expect(await t.prisma.accountToken.count({ where: { userId: sso.id } })).toBe(0);
    await smtp.next(reader.email);
  });

  it('refuses a malformed email with 400', async () => {
    const res = await request(t.http).post('/api/auth/password-reset').send({ email: 'not-an-email' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('password change', () => {
  it('needs the current password, applies the strength rules, and keeps only the current session', async () => {
    const reader = await register();
    const other = await login(reader.email);
    const wrong = await request(t.http).put('/api/me/password').set(reader.auth).send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }).expect(403);
    expect(wrong.body.code).toBe('WRONG_PASSWORD');
    const weak = await request(t.http).put('/api/me/password').set(reader.auth).send({ currentPassword: PASSWORD, newPassword: 'short' }).expect(422);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    await request(t.http).get('/api/me').set(other).expect(200);

    await request(t.http).put('/api/me/password').set(reader.auth).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
    await request(t.http).get('/api/me').set(reader.auth).expect(200);
    await request(t.http).get('/api/me').set(other).expect(401);
    await request(t.http).post('/api/auth/login').send({ email: reader.email, password: PASSWORD }).expect(401);
    await login(reader.email, NEW_PASSWORD);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { kind: 'PASSWORD_CHANGED', subjectUserId: reader.id } });
    expect(audit).toMatchObject({ actorId: reader.id, data: { sessionsRevoked: 1 } });
  });

  it('needs a session, and a password to change', async () => {
    await request(t.http).put('/api/me/password').send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
    const sso = await createUser(t.prisma, { ssoSubject: 'site-77', email: null });
    const res = await request(t.http).put('/api/me/password').set(sso.auth).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(409);
    expect(res.body.code).toBe('NO_PASSWORD');
  });
});

describe('sessions', () => {
  it('lists my live sessions with where they came from, the current one marked', async () => {
    const reader = await register();
    const phone = await login(reader.email, PASSWORD, 'Phone browser 1.0');
    const res = await request(t.http).get('/api/me/sessions').set(phone).expect(200);
    expect(res.body.items).toHaveLength(2);
    const current = res.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ userAgent: 'Phone browser 1.0', ip: expect.stringMatching(/127\.0\.0\.1/), createdAt: expect.any(String), lastUsedAt: expect.any(String) });
  });

  it('marks a session used again after a while', async () => {
    const reader = await register();
    const old = new Date(Date.now() - 3600_000);
    await t.prisma.session.updateMany({ where: { userId: reader.id }, data: { lastUsedAt: old } });
    await request(t.http).get('/api/me').set(reader.auth).expect(200);
    const [session] = await t.prisma.session.findMany({ where: { userId: reader.id } });
    expect(session.lastUsedAt.getTime()).toBeGreaterThan(old.getTime() + 3000_000);
  });

  it('revokes one of my sessions; another user’s is 404 and stays live', async () => {
    const reader = await register();
    const laptop = await login(reader.email, PASSWORD, 'Laptop');
    const someoneElse = await register();
    const theirs = await t.prisma.session.findFirstOrThrow({ where: { userId: someoneElse.id } });
    const res = await request(t.http).delete(`/api/me/sessions/${theirs.id}`).set(reader.auth).expect(404);
    expect(res.body.code).toBe('SESSION_NOT_FOUND');
    await request(t.http).get('/api/me').set(someoneElse.auth).expect(200);
    await request(t.http).delete('/api/me/sessions/not-a-uuid').set(reader.auth).expect(404);

    const list = await request(t.http).get('/api/me/sessions').set(reader.auth).expect(200);
    const laptopSession = list.body.items.find((s: { userAgent: string | null }) => s.userAgent === 'Laptop');
    await request(t.http).delete(`/api/me/sessions/${laptopSession.id}`).set(reader.auth).expect(204);
    await request(t.http).get('/api/me').set(laptop).expect(401);
    await request(t.http).delete(`/api/me/sessions/${laptopSession.id}`).set(reader.auth).expect(404);
  });

  it('revokes all my other sessions and keeps this one', async () => {
    const reader = await register();
    const a = await login(reader.email);
    const b = await login(reader.email);
    const res = await request(t.http).post('/api/me/sessions/revoke-others').set(reader.auth).expect(200);
    expect(res.body).toEqual({ revoked: 2 });
    await request(t.http).get('/api/me').set(a).expect(401);
    await request(t.http).get('/api/me').set(b).expect(401);
    const list = await request(t.http).get('/api/me/sessions').set(reader.auth).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ current: true })]);
  });

  it('needs a session', async () => {
    await request(t.http).get('/api/me/sessions').expect(401);
    await request(t.http).post('/api/me/sessions/revoke-others').expect(401);
  });
});

describe('limits and configuration', () => {
  it('rate limits reset requests per email like sign-in', async () => {
    const limited = await startTestApp({ SMTP_URL: smtp.url, MAIL_WORKER: 'false', RATE_LIMIT_LOGIN: '2/60s' });
    try {
      for (let i = 0; i < 2; i += 1) await request(limited.http).post('/api/auth/password-reset').send({ email: 'target@example.org' }).expect(202);
      const res = await request(limited.http).post('/api/auth/password-reset').send({ email: 'target@example.org' }).expect(429);
      expect(res.body.code).toBeDefined();
    } finally {
      await limited.close();
    }
  });

  it('without SMTP_URL a reset cannot be requested: 404 MAIL_DISABLED', async () => {
    const noMail = await startTestApp();
    try {
      const res = await request(noMail.http).post('/api/auth/password-reset').send({ email: 'someone@example.org' }).expect(404);
      expect(res.body.code).toBe('MAIL_DISABLED');
    } finally {
      await noMail.close();
    }
  });
});
