import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createUser } from '../helpers/factories';

const REAL_LIMITS = { RATE_LIMIT_POST: '1/3s', RATE_LIMIT_FLAG: '2/3s', RATE_LIMIT_REACT: '2/1s', RATE_LIMIT_LOGIN: '5/60s' };

function redisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379, timeout: 500 });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('rate limits (in memory)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(REAL_LIMITS);
  });
  afterAll(() => t.close());

  it('lets a user post once per 3 s and answers the next with 429 and Retry-After', async () => {
    const article = await createArticle(t.prisma);
    const [a, b] = [await createUser(t.prisma), await createUser(t.prisma)];
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(a.auth).send({ body: 'first' }).expect(201);
    const limited = await request(t.http).post(`/api/articles/${article.id}/comments`).set(a.auth).send({ body: 'second' }).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3);
    // Another user is not affected, and reading is never limited.
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(b.auth).send({ body: 'mine' }).expect(201);
    for (let i = 0; i < 10; i++) await request(t.http).get(`/api/articles/${article.id}/comments`).expect(200);
  });

  it('limits reactions to 2 per second and lets the window pass', async () => {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const fan = await createUser(t.prisma);
    const c = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(author.auth).send({ body: 'react' }).expect(201)).body.id;
    await request(t.http).put(`/api/comments/${c}/reactions/RESPECT`).set(fan.auth).expect(200);
    await request(t.http).delete(`/api/comments/${c}/reactions/RESPECT`).set(fan.auth).expect(200);
    await request(t.http).put(`/api/comments/${c}/reactions/RESPECT`).set(fan.auth).expect(429);
    await new Promise((r) => setTimeout(r, 2100));
    await request(t.http).put(`/api/comments/${c}/reactions/RESPECT`).set(fan.auth).expect(200);
  });

  it('limits logins per IP and, separately, per email', async () => {
    await request(t.http).post('/api/auth/register').set('X-Forwarded-For', '10.0.0.1').send({ email: 'target@example.org', password: 'a long passphrase', displayName: 'T' }).expect(201);
    for (let i = 0; i < 4; i++) {
      await request(t.http).post('/api/auth/login').set('X-Forwarded-For', `10.0.1.${i}`).send({ email: 'target@example.org', password: 'wrong password!' }).expect(401);
    }
    // Registration counted too (5 attempts on this email so far): a sixth from yet another address is refused.
    await request(t.http).post('/api/auth/login').set('X-Forwarded-For', '10.0.2.2').send({ email: 'target@example.org', password: 'wrong password!' }).expect(429);
    // One address trying many emails: the per-IP limit holds.
    for (let i = 0; i < 5; i++) {
      await request(t.http).post('/api/auth/login').set('X-Forwarded-For', '10.9.9.9').send({ email: `someone${i}@example.org`, password: 'x' }).expect(401);
    }
    await request(t.http).post('/api/auth/login').set('X-Forwarded-For', '10.9.9.9').send({ email: 'new@example.org', password: 'x' }).expect(429);
  });
});

describe('rate limits shared through Redis by two instances', () => {
  let reachable = false;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    reachable = await redisReachable();
    if (!reachable) {
      console.log('skipping shared rate-limit tests: no Redis on 127.0.0.1:6379');
      return;
    }
    // A database of each instance's own is fine: the limit must hold across instances through Redis alone.
    const env = { ...REAL_LIMITS, REDIS_URL: `redis://127.0.0.1:6379/${Math.floor(Math.random() * 8) + 8}` };
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('enforces one limit across instances', async () => {
    if (!reachable) return;
    const email = `shared-${randomBytes(4).toString('hex')}@example.org`;
    const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.7`;
    const results: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? a : b;
      const res = await request(app.http).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: 'wrong password!' });
      results.push(res.status);
    }
    expect(results).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('rate limits when Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...REAL_LIMITS, REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('fails open: requests are served, never a 500', async () => {
    for (let i = 0; i < 7; i++) {
      await request(t.http).post('/api/auth/login').send({ email: 'nobody@example.org', password: 'whatever it is' }).expect(401);
    }
  });
});
