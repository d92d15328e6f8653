import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';

const SSO_SECRET = 'test-sso-secret-that-is-long-enough-0123';

function ssoToken(claims: Record<string, unknown>, secret = SSO_SECRET): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ sub: 'site-reader-1', name: 'Site Reader', email: 'site@example.org', jti: `j-${Math.random()}`, iat: now, exp: now + 120, ...claims }, secret, {
    algorithm: 'HS256',
  });
}

describe('accounts and sign-on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SSO_SECRET });
  });
  afterAll(() => t.close());

  it('registers, signs in, reads /me, and signs out', async () => {
    const reg = await request(t.http)
      .post('/api/auth/register')
      .send({ email: 'Lena@Example.org', password: 'correct horse battery', displayName: 'Lena K.' })
      .expect(201);
    expect(reg.body).toMatchObject({ token: expect.stringMatching(/^plt_/), user: { email: 'lena@example.org', role: 'READER' } });
    const stored = await t.prisma.user.findUniqueOrThrow({ where: { email: 'lena@example.org' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const sessions = await t.prisma.session.findMany({ where: { userId: stored.id } });
    expect(sessions[0].tokenHash).not.toContain(reg.body.token);

    const login = await request(t.http).post('/api/auth/login').send({ email: 'lena@example.org', password: 'correct horse battery' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.token}` };
    const me = await request(t.http).get('/api/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ displayName: 'Lena K.', sanction: { status: 'ACTIVE', reason: null, until: null } });

    await request(t.http).post('/api/auth/logout').set(auth).expect(204);
    const after = await request(t.http).get('/api/me').set(auth).expect(401);
    expect(after.body.code).toBe('INVALID_SESSION');
    await request(t.http).get('/api/me').set({ Authorization: `Bearer ${reg.body.token}` }).expect(200);
  });

  it('does not reveal whether an email exists when sign-in fails', async () => {
    await request(t.http).post('/api/auth/register').send({ email: 'known@example.org', password: 'a long passphrase', displayName: 'K' }).expect(201);
    const wrongPassword = await request(t.http).post('/api/auth/login').send({ email: 'known@example.org', password: 'not the one at all' }).expect(401);
    const unknownEmail = await request(t.http).post('/api/auth/login').send({ email: 'nobody@example.org', password: 'not the one at all' }).expect(401);
    expect(wrongPassword.body.detail).toBe(unknownEmail.body.detail);
    expect(wrongPassword.body.code).toBe(unknownEmail.body.code);
  });

  it.each([
    ['too short', 'short1', 'at least 10'],
    ['common', 'password123', 'too easy to guess'],
    ['made of the email', 'weakuser-2026!', 'name or email'],
  ])('refuses a %s password with 422', async (_label, password, message) => {
    const res = await request(t.http).post('/api/auth/register').send({ email: 'weakuser@example.org', password, displayName: 'W' }).expect(422);
    expect(res.body).toMatchObject({ code: 'WEAK_PASSWORD', detail: expect.stringContaining(message) });
  });

  it('refuses a second account with the same email (409) and a malformed email (400)', async () => {
    await request(t.http).post('/api/auth/register').send({ email: 'twice@example.org', password: 'a long passphrase', displayName: 'T' }).expect(201);
    const dup = await request(t.http).post('/api/auth/register').send({ email: 'TWICE@example.org', password: 'a long passphrase', displayName: 'T' }).expect(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
    await request(t.http).post('/api/auth/register').send({ email: 'not-an-email', password: 'a long passphrase', displayName: 'T' }).expect(400);
  });

  it('exchanges a site sign-on token for a session, creating and then updating the user', async () => {
    const first = await request(t.http).post('/api/auth/sso').send({ token: ssoToken({ sub: 'site-42', name: 'Sami' }) }).expect(200);
    expect(first.body.user).toMatchObject({ displayName: 'Sami', sso: true });
    const second = await request(t.http)
      .post('/api/auth/sso')
      .send({ token: ssoToken({ sub: 'site-42', name: 'Sami R.', email: 'sami@example.org' }) })
      .expect(200);
    expect(second.body.user).toMatchObject({ id: first.body.user.id, displayName: 'Sami R.', email: 'sami@example.org' });
  });

  it.each([
    ['expired', () => ssoToken({ iat: Math.floor(Date.now() / 1000) - 300, exp: Math.floor(Date.now() / 1000) - 60 }), 'SSO_TOKEN_EXPIRED'],
    ['dated in the future', () => ssoToken({ iat: Math.floor(Date.now() / 1000) + 600, exp: Math.floor(Date.now() / 1000) + 700 }), 'SSO_TOKEN_NOT_YET_VALID'],
    ['wrongly signed', () => ssoToken({}, 'another-secret-that-is-also-long-enough'), 'SSO_TOKEN_INVALID'],
    ['long-lived', () => ssoToken({ exp: Math.floor(Date.now() / 1000) + 86400 }), 'SSO_TOKEN_INVALID'],
    ['missing its jti', () => ssoToken({ jti: undefined }), 'SSO_TOKEN_INVALID'],
    ['not a JWT', () => 'garbage', 'SSO_TOKEN_INVALID'],
    ['signed with alg none', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","name":"x","jti":"x","iat":1,"exp":9999999999}').toString('base64url')}.`, 'SSO_TOKEN_INVALID'],
  ])('refuses a sign-on token that is %s with a clear 401', async (_label, make, code) => {
    const res = await request(t.http).post('/api/auth/sso').send({ token: make() }).expect(401);
    expect(res.body.code).toBe(code);
  });

  it('refuses a replayed sign-on token', async () => {
    const token = ssoToken({ sub: 'site-replay', jti: 'once-only' });
    await request(t.http).post('/api/auth/sso').send({ token }).expect(200);
    const replay = await request(t.http).post('/api/auth/sso').send({ token }).expect(401);
    expect(replay.body.code).toBe('SSO_TOKEN_REPLAYED');
  });

  it('exports my data and deletes my account, keeping the row for attribution', async () => {
    const reg = await request(t.http).post('/api/auth/register').send({ email: 'leaving@example.org', password: 'a long passphrase', displayName: 'Leaver' }).expect(201);
    const auth = { Authorization: `Bearer ${reg.body.token}` };
    await request(t.http).patch('/api/me').set(auth).send({ displayName: 'Leaving Soon' }).expect(200);
    const exported = await request(t.http).get('/api/me/export').set(auth).expect(200);
    expect(exported.body).toMatchObject({ profile: { email: 'leaving@example.org', displayName: 'Leaving Soon' }, sessions: [expect.any(Object)] });
    expect(JSON.stringify(exported.body)).not.toContain('argon2');

    await request(t.http).delete('/api/me?eraseComments=maybe').set(auth).expect(400);
    await request(t.http).delete('/api/me').set(auth).expect(204);
    await request(t.http).get('/api/me').set(auth).expect(401);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: reg.body.user.id } });
    expect(row).toMatchObject({ displayName: 'Deleted user', email: null, passwordHash: null, deletedAt: expect.any(Date) });
    await request(t.http).post('/api/auth/login').send({ email: 'leaving@example.org', password: 'a long passphrase' }).expect(401);
    // The email is free again.
    await request(t.http).post('/api/auth/register').send({ email: 'leaving@example.org', password: 'a long passphrase', displayName: 'Back' }).expect(201);
  });

  it('refuses a malformed Authorization header and an unknown token with 401', async () => {
    await request(t.http).get('/api/me').set('Authorization', 'Basic abc').expect(401);
    await request(t.http).get('/api/me').set('Authorization', 'Bearer plt_unknown').expect(401);
    await request(t.http).get('/api/me').expect(401);
  });
});

describe('site sign-on when not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 404 SSO_DISABLED', async () => {
    const res = await request(t.http).post('/api/auth/sso').send({ token: ssoToken({}) }).expect(404);
    expect(res.body.code).toBe('SSO_DISABLED');
  });
});

describe('first admin from config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'Desk@News.example', ADMIN_PASSWORD: 'a very long admin passphrase' });
  });
  afterAll(() => t.close());

  it('creates the admin at start, who can then sign in', async () => {
    const login = await request(t.http).post('/api/auth/login').send({ email: 'desk@news.example', password: 'a very long admin passphrase' }).expect(200);
    expect(login.body.user.role).toBe('ADMIN');
    const events = await t.prisma.auditEvent.findMany({ where: { kind: 'ADMIN_CREATED' } });
    expect(events).toHaveLength(1);
  });
});
