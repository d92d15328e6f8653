/**
 * Rate limits through small Nest apps of their own (no database): a test controller with routes
 * under named limits and one without, a stand-in authentication guard that takes the user from
 * `x-test-user`, the real RateLimitModule and ProblemFilter.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { CanActivate, Controller, Delete, ExecutionContext, Get, HttpCode, Injectable, Logger as NestLogger, Post, Put } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Request } from 'express';
import Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import request, { Response } from 'supertest';
import { ProblemFilter } from '../../src/common/errors/problem.filter';
import { PgThrottlerStorage } from '../../src/common/rate-limit/pg-throttler.storage';
import { RateLimit } from '../../src/common/rate-limit/rate-limit.decorator';
import { RateLimitGuard } from '../../src/common/rate-limit/rate-limit.guard';
import { RATE_LIMIT_KEY_PREFIX, RATE_LIMIT_STORAGE, RateLimitModule } from '../../src/common/rate-limit/rate-limit.module';
import { RedisThrottlerStorage } from '../../src/common/rate-limit/redis-throttler.storage';
import { loadConfig } from '../../src/config/config';
import { ConfigModule } from '../../src/config/config.module';
import { DatabaseModule } from '../../src/database/database.module';
import { PrismaService } from '../../src/database/prisma.service';
import { createTestDatabase, TestDatabase } from '../helpers/database';

/**
 * The Redis the sharing tests use (TEST_REDIS_URL overrides). The global setup checked that it
 * answers; when it does not, those tests are skipped with the reason in their title.
 */
const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const NO_REDIS = process.env.PARLEY_TEST_REDIS_UNREACHABLE;

@Controller()
class TestController {
  @Post('comments')
  @RateLimit('post')
  @HttpCode(201)
  post() {
    return { ok: true };
  }

  @Get('comments')
  list() {
    return { ok: true };
  }

  @Put('reactions')
  @RateLimit('react')
  react() {
    return { ok: true };
  }

  @Delete('reactions')
  @RateLimit('react')
  unreact() {
    return { ok: true };
  }

  @Post('login')
  @RateLimit('login')
  @HttpCode(200)
  login() {
    return { ok: true };
  }
}

/** Stands in for the real authentication guard, which is registered before the rate-limit guard. */
@Injectable()
class FakeAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: { id: string; role: string } }>();
    const id = req.headers['x-test-user'];
    req.user = typeof id === 'string' ? { id, role: 'READER' } : undefined;
    return true;
  }
}

interface Instance {
  app: NestExpressApplication;
  http: ReturnType<NestExpressApplication['getHttpServer']>;
}

const opened: NestExpressApplication[] = [];

/** A small app with the real rate limits; counters in memory unless env names Redis or a database. */
async function startApp(env: Record<string, string>, keyPrefix?: string, databaseUrl?: string): Promise<Instance> {
  const store = env.REDIS_URL ? {} : { RATE_LIMIT_STORE: databaseUrl ? 'postgres' : 'memory' };
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...store, ...env });
  const database = databaseUrl ? [DatabaseModule.forRoot({ url: databaseUrl, poolSize: 2 })] : [];
  let builder = Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), LoggerModule.forRoot({ pinoHttp: { level: 'silent' } }), ...database, RateLimitModule],
    controllers: [TestController],
    providers: [
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_GUARD, useClass: FakeAuthGuard },
      { provide: APP_GUARD, useExisting: RateLimitGuard },
    ],
  });
  if (keyPrefix) builder = builder.overrideProvider(RATE_LIMIT_KEY_PREFIX).useValue(keyPrefix);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  // As behind a proxy on this host (TRUST_PROXY=loopback): each test client gets its own address.
  app.set('trust proxy', 'loopback');
  await app.init();
  opened.push(app);
  return { app, http: app.getHttpServer() };
}

afterAll(async () => {
  for (const app of opened.splice(0)) await app.close();
});

function expectRateLimited(res: Response, maxSeconds: number): number {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'urn:parley:problem:rate-limited', title: 'Too Many Requests' });
  const retryAfter = res.headers['retry-after'];
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(res.body.retryAfterSeconds).toBe(seconds);
  // Nothing about the key or tracker leaks into the problem.
  expect(JSON.stringify(res.body)).not.toMatch(/user:|ip:|email:/);
  return seconds;
}

const user = () => ({ 'x-test-user': randomUUID() });
const ipOf = (n: number) => ({ 'x-forwarded-for': `10.${n >> 8}.${n & 255}.${1 + (n % 200)}` });
let ipCounter = 0;
const freshIp = () => ipOf(++ipCounter);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * In-process limits read the time from Date.now(). Their tests hold that clock still and move it
 * by hand: a slow machine then never lets a window end between two requests of a test, and "once
 * the window has passed" is exact rather than a sleep.
 */
function holdClock(): { advance(ms: number): void } {
  let now = Date.now();
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
  afterEachRestore.push(() => spy.mockRestore());
  return { advance: (ms) => (now += ms) };
}
const afterEachRestore: (() => void)[] = [];
afterEach(() => {
  for (const restore of afterEachRestore.splice(0)) restore();
});

describe('rate limits, in memory', () => {
  let t: Instance;
  let clock: { advance(ms: number): void };
  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_POST: '1/3s', RATE_LIMIT_REACT: '2/1s', RATE_LIMIT_LOGIN: '5/60s' });
  });
  beforeEach(() => {
    clock = holdClock();
  });

  it('uses throttler in-process storage when REDIS_URL is unset', () => {
    expect(t.app.get(RATE_LIMIT_STORAGE)).toBeInstanceOf(ThrottlerStorageService);
  });

  it('refuses the second post within 3 s with 429, Retry-After and a problem', async () => {
    const a = user();
    const first = await request(t.http).post('/comments').set(a).expect(201);
    // Throttler's own headers are switched off.
    expect(Object.keys(first.headers).filter((h) => h.startsWith('x-ratelimit') || h.startsWith('retry-after'))).toEqual([]);
    const limited = await request(t.http).post('/comments').set(a);
    expect(expectRateLimited(limited, 3)).toBe(3);
    expect(limited.body.instance).toBe('/comments');
    expect(Object.keys(limited.headers).filter((h) => h.startsWith('x-ratelimit') || h.startsWith('retry-after-'))).toEqual([]);
  });

  it('counts users independently', async () => {
    const [a, b] = [user(), user()];
    await request(t.http).post('/comments').set(a).expect(201);
    await request(t.http).post('/comments').set(b).expect(201);
    expectRateLimited(await request(t.http).post('/comments').set(a), 3);
    expectRateLimited(await request(t.http).post('/comments').set(b), 3);
  });

  it('counts anonymous callers by IP, and a signed-in user by account wherever they connect from', async () => {
    const ip = freshIp();
    await request(t.http).post('/comments').set(ip).expect(201);
    expectRateLimited(await request(t.http).post('/comments').set(ip), 3);
    await request(t.http).post('/comments').set(freshIp()).expect(201);
    // A signed-in user behind the same address has a counter of their own...
    const a = user();
    await request(t.http).post('/comments').set(ip).set(a).expect(201);
    // ...which follows them to another address.
    expectRateLimited(await request(t.http).post('/comments').set(freshIp()).set(a), 3);
  });

  it('never limits routes without @RateLimit, even for a limited caller', async () => {
    const a = user();
    await request(t.http).post('/comments').set(a).expect(201);
    expectRateLimited(await request(t.http).post('/comments').set(a), 3);
    for (let i = 0; i < 20; i++) {
      const res = await request(t.http).get('/comments').set(a).expect(200);
      expect(res.headers['retry-after']).toBeUndefined();
    }
  });

  it('shares one counter between the routes of one limit (PUT and DELETE of a reaction)', async () => {
    const a = user();
    await request(t.http).put('/reactions').set(a).expect(200);
    await request(t.http).delete('/reactions').set(a).expect(200);
    expectRateLimited(await request(t.http).put('/reactions').set(a), 1);
    // Limits are separate from each other: posting is still allowed.
    await request(t.http).post('/comments').set(a).expect(201);
  });

  it('lets requests through again once the window has passed', async () => {
    const short = await startApp({ RATE_LIMIT_POST: '1/1s' });
    const a = user();
    await request(short.http).post('/comments').set(a).expect(201);
    const limited = await request(short.http).post('/comments').set(a);
    expect(expectRateLimited(limited, 1)).toBe(1);
    clock.advance(999);
    expectRateLimited(await request(short.http).post('/comments').set(a), 1);
    clock.advance(1);
    await request(short.http).post('/comments').set(a).expect(201);
    expectRateLimited(await request(short.http).post('/comments').set(a), 1);
  });

  it('refused retries are not counted: waiting Retry-After is always enough', async () => {
    const short = await startApp({ RATE_LIMIT_REACT: '2/1s' });
    const a = user();
    await request(short.http).put('/reactions').set(a).expect(200);
    clock.advance(400);
    await request(short.http).put('/reactions').set(a).expect(200);
    // Hammering while refused does not push the next allowed request further out.
    let retryAfter = 0;
    for (let i = 0; i < 5; i++) retryAfter = expectRateLimited(await request(short.http).put('/reactions').set(a), 1);
    clock.advance(retryAfter * 1000);
    await request(short.http).put('/reactions').set(a).expect(200);
  });
});

describe('login limits, in memory', () => {
  let t: Instance;
  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_LOGIN: '5/60s' });
  });
  beforeEach(() => holdClock());

  const login = (headers: Record<string, string>, email?: string) =>
    request(t.http).post('/login').set(headers).send(email === undefined ? { password: 'x' } : { email, password: 'x' });

  it('allows 5 attempts per IP, whatever the emails', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await login(ip, `someone-${i}-${randomUUID()}@example.org`).expect(200);
    expectRateLimited(await login(ip, `new-${randomUUID()}@example.org`), 60);
    // Also for a caller with a session: login is counted by address.
    expectRateLimited(await login({ ...ip, ...user() }, `new-${randomUUID()}@example.org`), 60);
    await login(freshIp(), `new-${randomUUID()}@example.org`).expect(200);
  });

  it('allows 5 attempts per email, whatever the addresses; case and spaces do not matter', async () => {
    const email = `target-${randomUUID()}@example.org`;
    const variants = [email, email.toUpperCase(), ` ${email}`, `${email}\t`, `  ${email.toUpperCase()}  `];
    for (const variant of variants) await login(freshIp(), variant).expect(200);
    expectRateLimited(await login(freshIp(), email), 60);
    // Another email from a fresh address is unaffected.
    await login(freshIp(), `other-${randomUUID()}@example.org`).expect(200);
  });

  it('applies both: a used-up address is refused even for a fresh email, and vice versa', async () => {
    const ip = freshIp();
    const email = `both-${randomUUID()}@example.org`;
    for (let i = 0; i < 5; i++) await login(ip, email).expect(200);
    expectRateLimited(await login(ip, `fresh-${randomUUID()}@example.org`), 60);
    expectRateLimited(await login(freshIp(), email), 60);
  });

  it('does not put bodies without an email into one shared counter', async () => {
    for (let i = 0; i < 7; i++) await login(freshIp()).expect(200);
    for (let i = 0; i < 7; i++) await request(t.http).post('/login').set(freshIp()).send({ email: 42 }).expect(200);
  });

  it('keys the email limit by a hash, never the address itself', async () => {
    const email = `private-${randomUUID()}@example.org`;
    await login(freshIp(), email).expect(200);
    const storage = t.app.get<ThrottlerStorageService>(RATE_LIMIT_STORAGE);
    const keys = [...storage.storage.keys()];
    expect(keys.some((k) => k.startsWith('login-email:email:'))).toBe(true);
    expect(keys.some((k) => k.startsWith('login-ip:ip:'))).toBe(true);
    expect(keys.join('\n')).not.toMatch(/@|example|private/);
  });
});

describe('rate limits shared through PostgreSQL (the default without Redis)', () => {
  let db: TestDatabase;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { RATE_LIMIT_POST: '1/60s', RATE_LIMIT_LOGIN: '5/60s' };
    a = await startApp(env, undefined, db.url);
    b = await startApp(env, undefined, db.url);
  });
  afterAll(async () => {
    for (const t of [a, b]) if (t && opened.includes(t.app)) await close(t);
    await db?.drop();
  });
  const counter = (key: string) => a.app.get(PrismaService).rateLimitCounter.findUnique({ where: { key } });

  it('uses the PostgreSQL storage when neither REDIS_URL nor RATE_LIMIT_STORE=memory is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimits.store).toBe('postgres');
    expect(a.app.get(RATE_LIMIT_STORAGE)).toBeInstanceOf(PgThrottlerStorage);
  });

  it('enforces one limit across two instances on one database, with the window as Retry-After', async () => {
    const u = user();
    await request(a.http).post('/comments').set(u).expect(201);
    expect(expectRateLimited(await request(b.http).post('/comments').set(u), 60)).toBeGreaterThanOrEqual(59);
    expectRateLimited(await request(a.http).post('/comments').set(u), 60);
    await request(b.http).post('/comments').set(user()).expect(201);
    // Logins by address, across instances too.
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await request(i % 2 ? a.http : b.http).post('/login').set(ip).send({ email: `x-${i}-${randomUUID()}@example.org` }).expect(200);
    expectRateLimited(await request(a.http).post('/login').set(ip).send({ email: `y-${randomUUID()}@example.org` }), 60);
  });

  it('lets requests through again when the window ends, and sweeps ended windows away', async () => {
    const u = user();
    const key = `post:user:${u['x-test-user']}`;
    await request(a.http).post('/comments').set(u).expect(201);
    expectRateLimited(await request(b.http).post('/comments').set(u), 60);
    expect((await counter(key))?.hits).toBe(2);
    // The window is the row's expiry, on the database's clock: end it now rather than wait a minute.
    await a.app.get(PrismaService).$executeRaw`UPDATE rate_limit_counters SET expires_at = now() WHERE key = ${key}`;
    await request(b.http).post('/comments').set(u).expect(201);
    expect((await counter(key))?.hits).toBe(1);
    expectRateLimited(await request(a.http).post('/comments').set(u), 60);
    await a.app.get(PrismaService).$executeRaw`UPDATE rate_limit_counters SET expires_at = now() - interval '1 second' WHERE key = ${key}`;
    expect(await a.app.get<PgThrottlerStorage>(RATE_LIMIT_STORAGE).sweep()).toBeGreaterThanOrEqual(1);
    expect(await counter(key)).toBeNull();
  });

  it('sweeps ended windows on a counting request once a minute has passed, with no timer', async () => {
    const u = user();
    const key = `post:user:${u['x-test-user']}`;
    await request(a.http).post('/comments').set(u).expect(201);
    await a.app.get(PrismaService).$executeRaw`UPDATE rate_limit_counters SET expires_at = now() - interval '1 second' WHERE key = ${key}`;
    const clock = holdClock();
    clock.advance(60_000);
    await request(a.http).post('/comments').set(user()).expect(201);
    await waitFor(async () => (await counter(key)) === null);
  });

  it('counts concurrent requests exactly: of 10 at once, 1 passes', async () => {
    const u = user();
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => request(i % 2 ? a.http : b.http).post('/comments').set(u).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it('fails open, with a warning, when the database cannot be asked', async () => {
    const lone = await createTestDatabase();
    const warn = jest.spyOn(NestLogger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const t = await startApp({ RATE_LIMIT_POST: '1/60s' }, undefined, lone.url);
      await t.app.get(PrismaService).$executeRaw`DROP TABLE rate_limit_counters`;
      const u = user();
      for (let i = 0; i < 3; i++) await request(t.http).post('/comments').set(u).expect(201);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^rate limit not enforced, PostgreSQL unavailable/));
      await close(t);
    } finally {
      warn.mockRestore();
      await lone.drop();
    }
  });
});

(NO_REDIS ? describe.skip : describe)(`rate limits shared through Redis${NO_REDIS ? ` [needs Redis: ${NO_REDIS}]` : ''}`, () => {
  // A prefix of this run's own, so parallel or repeated runs never see each other's counters.
  const keyPrefix = `parley:rl:test:${randomBytes(6).toString('hex')}:`;
  let redis: Redis;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    const env = { REDIS_URL, RATE_LIMIT_POST: '1/60s', RATE_LIMIT_LOGIN: '5/60s' };
    a = await startApp(env, keyPrefix);
    b = await startApp(env, keyPrefix);
  });

  afterAll(async () => {
    if (!redis) return;
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('uses the Redis storage when REDIS_URL is set', async () => {
    expect(a.app.get(RATE_LIMIT_STORAGE)).toBeInstanceOf(RedisThrottlerStorage);
  });

  it('enforces one limit across two instances: first post on A passes, the next on B is refused', async () => {
    const u = user();
    await request(a.http).post('/comments').set(u).expect(201);
    const limited = await request(b.http).post('/comments').set(u);
    expectRateLimited(limited, 60);
    expectRateLimited(await request(a.http).post('/comments').set(u), 60);
    // Another user is still free on either instance.
    await request(b.http).post('/comments').set(user()).expect(201);
  });

  it('counts logins per IP and per email across instances', async () => {
    const email = `shared-${randomUUID()}@example.org`;
    for (let i = 0; i < 5; i++) await request(i % 2 ? a.http : b.http).post('/login').set(freshIp()).send({ email }).expect(200);
    expectRateLimited(await request(a.http).post('/login').set(freshIp()).send({ email: email.toUpperCase() }), 60);

    const ip = freshIp();
    for (let i = 0; i < 5; i++) await request(i % 2 ? a.http : b.http).post('/login').set(ip).send({ email: `${i}-${randomUUID()}@example.org` }).expect(200);
    expectRateLimited(await request(b.http).post('/login').set(ip).send({ email: `x-${randomUUID()}@example.org` }), 60);
  });

  it('keeps counters under the prefix, with an expiry, and without raw emails', async () => {
    const email = `private-${randomUUID()}@example.org`;
    const u = user();
    await request(a.http).post('/comments').set(u).expect(201);
    await request(a.http).post('/login').set(freshIp()).send({ email }).expect(200);
    const keys = await redis.keys(`${keyPrefix}*`);
    expect(keys).toContain(`${keyPrefix}post:user:${u['x-test-user']}`);
    expect(keys.some((k) => k.startsWith(`${keyPrefix}login-email:email:`))).toBe(true);
    expect(keys.join('\n')).not.toMatch(/@|example|private/);
    const ttl = await redis.pttl(`${keyPrefix}post:user:${u['x-test-user']}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('lets requests through again when the window ends', async () => {
    const u = user();
    await request(a.http).post('/comments').set(u).expect(201);
    expectRateLimited(await request(a.http).post('/comments').set(u), 60);
    // The window is the counter's expiry in Redis: end it now rather than wait a minute.
    const key = `${keyPrefix}post:user:${u['x-test-user']}`;
    await redis.pexpire(key, 1);
    await waitFor(async () => (await redis.exists(key)) === 0);
    await request(a.http).post('/comments').set(u).expect(201);
    expectRateLimited(await request(b.http).post('/comments').set(u), 60);
  });

  it('fails open when Redis goes away while running, and limits again when it is back', async () => {
    const target = new URL(REDIS_URL);
    const proxy = await tcpProxy(target.hostname, Number(target.port || 6379));
    const warn = jest.spyOn(NestLogger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const viaProxy = new URL(REDIS_URL);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const t = await startApp({ REDIS_URL: viaProxy.toString(), RATE_LIMIT_POST: '1/60s' }, keyPrefix);
      const u = user();
      await request(t.http).post('/comments').set(u).expect(201);
      expectRateLimited(await request(t.http).post('/comments').set(u), 60);
      await proxy.stop();
      for (let i = 0; i < 3; i++) await request(t.http).post('/comments').set(u).expect(201);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^rate limit not enforced, Redis unavailable/));
      // Back: the client reconnects by itself and limits apply again.
      await proxy.start();
      await waitFor(async () => {
        const v = user();
        await request(t.http).post('/comments').set(v).expect(201);
        return (await request(t.http).post('/comments').set(v)).status === 429;
      });
      await close(t);
      expect(storageClient(t).status).toBe('end');
    } finally {
      warn.mockRestore();
      await proxy.stop();
    }
  });

  it('closes its Redis connection when the app shuts down', async () => {
    const t = await startApp({ REDIS_URL }, keyPrefix);
    expect(storageClient(t).status).toBe('ready');
    await close(t);
    expect(storageClient(t).status).toBe('end');
  });
});

describe('rate limits when Redis is down', () => {
  it('starts, allows every request and answers no 500, with a warning logged', async () => {
    const warn = jest.spyOn(NestLogger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const t = await startApp({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_POST: '1/3s', RATE_LIMIT_LOGIN: '5/60s' });
      const u = user();
      for (let i = 0; i < 5; i++) await request(t.http).post('/comments').set(u).expect(201);
      for (let i = 0; i < 8; i++) await request(t.http).post('/login').send({ email: 'someone@example.org' }).expect(200);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/not reachable at start/));
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^rate limit not enforced, Redis unavailable/));
      await close(t);
      expectClosed(storageClient(t));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('rate limits when Redis accepts connections but never answers', () => {
  it('start-up waits for it only briefly, and shutdown drops the hanging connection', async () => {
    // A Redis that hangs: the connection opens, no reply ever comes (with a command timeout longer
    // than the test, the client's ready check waits for ever).
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const warn = jest.spyOn(NestLogger.prototype, 'warn').mockImplementation(() => undefined);
    const storage = new RedisThrottlerStorage(`redis://127.0.0.1:${port}`, { keyPrefix: 'unused:', connectWaitMs: 50, commandTimeoutMs: 600_000 });
    try {
      await storage.onModuleInit();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/not reachable at start/));
      expect(storage['redis'].status).toBe('connect');
      await storage.onModuleDestroy();
      expect(storage['redis'].status).toBe('end');
    } finally {
      warn.mockRestore();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

/** Closes an instance now (instead of at the end of the file). */
async function close(t: Instance): Promise<void> {
  opened.splice(opened.indexOf(t.app), 1);
  await t.app.close();
}

/** Closed: the connection has ended, or (never connected) no reconnect is pending any more. */
function expectClosed(client: Redis): void {
  if (client.status === 'end') return;
  expect(client.status).toBe('reconnecting');
  // ioredis leaves a client stopped while reconnecting in that state, with the timer cleared.
  expect((client as unknown as { reconnectTimeout: unknown }).reconnectTimeout).toBeNull();
}

function storageClient(t: Instance): Redis {
  const storage = t.app.get<RedisThrottlerStorage>(RATE_LIMIT_STORAGE);
  return storage['redis'];
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error('condition not met in time');
}

/** A local TCP proxy to Redis that can be cut (dropping every connection) and restored. */
async function tcpProxy(targetHost: string, targetPort: number): Promise<{ port: number; stop(): Promise<void>; start(): Promise<void> }> {
  let server: Server | null = null;
  let port = 0;
  const sockets = new Set<Socket>();
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(targetPort, targetHost);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      const closing = server;
      server = null;
      closing.close(() => resolve());
    });
  await start();
  return {
    get port() {
      return port;
    },
    stop,
    start,
  };
}
