import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';

const SSO_SECRET = 'display-names-sso-secret-long-enough-01';
let jti = 0;
const ssoToken = (sub: string, name: string) => {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ sub, name, jti: `dn-${++jti}`, iat: now, exp: now + 60 }, SSO_SECRET, { algorithm: 'HS256' });
};

describe('display names at registration, on /api/me and from site sign-on', () => {
  let t: TestApp;
  let n = 0;
  const register = (displayName: string) =>
    request(t.http).post('/api/auth/register').send({ email: `name-${++n}@example.org`, password: 'olive tractor monsoon ledger', displayName });

  beforeAll(async () => {
    t = await startTestApp({ SSO_SECRET });
  });
  afterAll(() => t.close());

  it('stores a right-to-left override name as it really reads, not as it renders', async () => {
    const res = await register('\u202Enimda').expect(201);
    expect(res.body.user.displayName).toBe('nimda');
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: res.body.user.id } });
    expect(row.displayName).toBe('nimda');
  });

  it.each([
    ['invisible', '\u200B\u200D\u2060', 'DISPLAY_NAME_BLANK'],
    ['blank Hangul fillers', '\u3164\u3164', 'DISPLAY_NAME_BLANK'],
    ['staff imitation', 'Admin', 'DISPLAY_NAME_RESERVED'],
    ['disguised staff imitation', 'M0der\u0430tor', 'DISPLAY_NAME_RESERVED'],
    ['the site', 'Parley', 'DISPLAY_NAME_RESERVED'],
    ['a fact-checker', 'Fact-checker', 'DISPLAY_NAME_RESERVED'],
  ])('refuses a display name (%s) at registration with 400 naming the field, creating no account', async (_label, name, code) => {
    const before = await t.prisma.user.count();
    const res = await register(name).expect(400);
    expect(res.body).toMatchObject({ code, errors: [{ field: 'displayName' }] });
    expect(await t.prisma.user.count()).toBe(before);
  });

  it('lets readers rename themselves within the same rules, and staff use staff words', async () => {
    const reader = await createUser(t.prisma, { displayName: 'Lena' });
    await request(t.http).patch('/api/me').set(reader.auth).send({ displayName: 'The Moderator' }).expect(400);
    await request(t.http).patch('/api/me').set(reader.auth).send({ displayName: '\u2800' }).expect(400);
    const renamed = await request(t.http).patch('/api/me').set(reader.auth).send({ displayName: ' Lena\u200B  K. ' }).expect(200);
    expect(renamed.body.displayName).toBe('Lena K.');
    const moderator = await createUser(t.prisma, { role: 'MODERATOR' });
    const staff = await request(t.http).patch('/api/me').set(moderator.auth).send({ displayName: 'Desk Moderator' }).expect(200);
    expect(staff.body.displayName).toBe('Desk Moderator');
  });

  it('cleans site sign-on names and replaces unusable ones instead of failing the sign-on', async () => {
    const cleaned = await request(t.http).post('/api/auth/sso').send({ token: ssoToken('site-a', 'Omar\u202E X') }).expect(200);
    expect(cleaned.body.user.displayName).toBe('Omar X');
    const imitation = await request(t.http).post('/api/auth/sso').send({ token: ssoToken('site-b', 'Administrator') }).expect(200);
    expect(imitation.body.user.displayName).toMatch(/^Reader [0-9a-f]{4}$/);
    const blank = await request(t.http).post('/api/auth/sso').send({ token: ssoToken('site-c', '\u200B') }).expect(200);
    expect(blank.body.user.displayName).toMatch(/^Reader [0-9a-f]{4}$/);
    // A later sign-on with a usable name takes it.
    const later = await request(t.http).post('/api/auth/sso').send({ token: ssoToken('site-b', 'Amira B.') }).expect(200);
    expect(later.body.user).toMatchObject({ id: imitation.body.user.id, displayName: 'Amira B.' });
  });
});
