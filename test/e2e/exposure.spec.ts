import { createServer, Server, Socket } from 'node:net';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { loadConfig } from '../../src/config/config';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createUser } from '../helpers/factories';

/** What responses must not reveal or let caches keep: database addresses, per-user answers. */

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('readiness while the database is down', () => {
  // One address where nothing listens (connection refused), one that accepts and never answers.
  let refusedPort: number;
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const probe = createServer();
    refusedPort = await listen(probe);
    await new Promise((r) => probe.close(r));
    silent = createServer((s) => sockets.push(s));
    silentPort = await listen(silent);
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  // The test cluster itself, reached as a role it does not know: PostgreSQL's own refusal text.
  const testServerPort = () => Number(new URL(process.env.PARLEY_TEST_ADMIN_URL as string).port);

  it.each([
    ['refuses connections', () => refusedPort, 'unreachable'],
    ['never answers', () => silentPort, 'no answer within 2 s'],
    ['refuses the credentials', testServerPort, 'unreachable'],
  ])('answers 503 without the address, port, user or driver text when the server %s', async (_label, port, message) => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', NOTES_SCORING_INTERVAL_MINUTES: '0' });
    const url = `postgres://parley_ops:s3cret@127.0.0.1:${port()}/parley_prod`;
    const app = await createApp({ config, databaseUrl: url });
    await app.init();
    try {
      const res = await request(app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { database: { status: 'down', message } } });
      for (const secret of ['127.0.0.1', String(port()), 'parley_ops', 's3cret', 'parley_prod', 'ECONNREFUSED', 'connect', 'timeout expired', 'role', 'password']) {
        expect(res.text).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  }, 30_000);
});

describe('Cache-Control: no-store on every per-user response', () => {
  const SSO_SECRET = 'exposure-sso-secret-that-is-long-enough';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SSO_SECRET });
  });
  afterAll(() => t.close());

  it('marks /api/me, its export and its changes, and every sign-in answer', async () => {
    const reg = await request(t.http).post('/api/auth/register').send({ email: 'nostore@example.org', password: 'Quartz-lantern-river-9', displayName: 'No Store' }).expect(201);
    const auth = { Authorization: `Bearer ${reg.body.token}` };
    const now = Math.floor(Date.now() / 1000);
    const sso = jwt.sign({ sub: 'site-1', name: 'Site Reader', jti: 'j-nostore', iat: now, exp: now + 60 }, SSO_SECRET, { algorithm: 'HS256' });
    const responses = [
      reg,
      await request(t.http).post('/api/auth/login').send({ email: 'nostore@example.org', password: 'Quartz-lantern-river-9' }).expect(200),
      await request(t.http).post('/api/auth/login').send({ email: 'nostore@example.org', password: 'wrong-password-here' }).expect(401),
      await request(t.http).post('/api/auth/sso').send({ token: sso }).expect(200),
      await request(t.http).get('/api/me').set(auth).expect(200),
      await request(t.http).patch('/api/me').set(auth).send({ displayName: 'Still No Store' }).expect(200),
      await request(t.http).get('/api/me/export').set(auth).expect(200),
      await request(t.http).get('/api/me').expect(401),
    ];
    for (const res of responses) expect({ url: res.request.url, cacheControl: res.headers['cache-control'] }).toEqual({ url: res.request.url, cacheControl: 'no-store' });
    await request(t.http).post('/api/auth/logout').set(auth).expect(204).expect('Cache-Control', 'no-store');
  });

  it('marks public reads made with a session (they show the reader their own held comments); anonymous ones may be shared', async () => {
    const reader = await createUser(t.prisma);
    const article = await createArticle(t.prisma);
    const signedIn = await request(t.http).get(`/api/articles/${article.id}/comments`).set(reader.auth).expect(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const anonymous = await request(t.http).get(`/api/articles/${article.id}/comments`).expect(200);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=30');
  });
});
