#!/usr/bin/env node
// A breaking story (issue 19): anonymous readers refreshing one hot thread. Parley with its
// micro-cache, Parley without it (MICRO_CACHE_TTL_MS=0) and the floor (bench/floor-server.mjs,
// no cache) on the same data, in one interleaved run at 32 and 256 connections; Node CPU per
// request of each server from /proc; then the CPU cost and size of gzip and brotli on the page.
// Own throw-away PostgreSQL (embedded, like the tests); the thread is posted through the API.
// Needs a build (`npm run build`).
// Usage: node bench/hot-thread.mjs [--duration 10] [--rounds 3] [--tops 50] [--replies 4] [--cpu-prof]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../dist/src/database/embedded-postgres.js');
const { migrate } = require('../dist/src/database/migration-runner.js');
const { MIGRATIONS_DIR } = require('../dist/src/database/paths.js');
const { hashSessionToken, newSessionToken } = require('../dist/src/modules/auth/session-token.js');
const { compress } = require('../dist/src/modules/http-cache/cached-response.js');

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const DURATION = arg('duration', 10);
const ROUNDS = arg('rounds', 3);
const TOPS = arg('tops', 50);
const REPLIES_PER_TOP = arg('replies', 4);
const CONNECTIONS = [32, 256];
const SERVERS = {
  cached: { port: 3120, label: 'Parley, micro-cache 1 s' },
  uncached: { port: 3121, label: 'Parley, no micro-cache' },
  floor: { port: 3122, label: 'floor (no cache)' },
};
const TICK_MS = 1000 / 100; // USER_HZ on Linux

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not come up`);
}

/** User + system CPU of a process so far, in ms (/proc/<pid>/stat fields 14 and 15). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function load(opts) {
  return new Promise((resolve, reject) => autocannon({ duration: DURATION, ...opts }, (err, r) => (err ? reject(err) : resolve(r))));
}

async function api(base, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Users with sessions straight in the tables (the bench measures reads, not sign-in). */
async function createUsers(url, n) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const users = [];
  try {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const token = newSessionToken();
      const role = i === 0 ? 'ADMIN' : 'READER';
      const names = ['Nadia Haddad', 'Олег Ковальчук', 'Sam Whitfield', 'فاطمة الزهراء', 'Jonas Berg', 'Ayşe Demir', 'Carlos Ruiz', 'Mei Lin'];
      await client.query('INSERT INTO users (id, display_name, email, role) VALUES ($1, $2, $3, $4)', [id, `${names[i % names.length]} ${i}`, `hot-${i}@example.org`, role]);
      await client.query("INSERT INTO sessions (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')", [randomUUID(), id, hashSessionToken(token)]);
      users.push({ id, token, role });
    }
  } finally {
    await client.end();
  }
  return users;
}

const SENTENCES = [
  'Reports say the bridge at the river crossing changed hands overnight, but nobody has confirmed it independently.',
  'Has this been verified by anyone other than the outlet that first published it?',
  'The casualty figures from the observatory and the ministry differ by almost half; which one is the article using?',
  'Local sources on the ground describe heavy shelling to the east of the town since yesterday evening. 🕊️',
  'I would wait for satellite imagery before drawing conclusions about the airfield.',
  'Согласно местным источникам, дорога на север всё ещё закрыта.',
  'قالت مصادر محلية إن المعبر أعيد فتحه صباح اليوم.',
];

async function postThread(base, users, articleId) {
  let n = 0;
  const text = () => {
    n += 1;
    return `${SENTENCES[n % SENTENCES.length]} (${n})\n\n${SENTENCES[(n * 3) % SENTENCES.length]}`;
  };
  const author = () => users[1 + (n % (users.length - 1))].token;
  for (let t = 0; t < TOPS; t++) {
    const top = await api(base, `/api/articles/${articleId}/comments`, author(), { body: text() });
    let parent = top.id;
    for (let r = 0; r < REPLIES_PER_TOP; r++) {
      // Half the replies answer the top-level comment, half continue the previous reply.
      const reply = await api(base, `/api/articles/${articleId}/comments`, author(), { body: text(), parentId: r % 2 === 0 ? top.id : parent });
      parent = reply.id;
    }
  }
}

function startServer(name, env) {
  const { port } = SERVERS[name];
  // --cpu-prof: a V8 CPU profile of the cached instance, written to bench/results/prof when it stops.
  const profile = name === 'cached' && process.argv.includes('--cpu-prof') ? ['--cpu-prof', '--cpu-prof-dir=bench/results/prof'] : [];
  const script = name === 'floor' ? ['bench/floor-server.mjs'] : [...profile, '--max-old-space-size=192', 'dist/src/main.js'];
  const child = spawn('node', script, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGTERM' && code !== 0) console.error(`${name} exited with ${code ?? signal}`);
  });
  return child;
}

/** Per response: median ms of CPU to compress the page, and its size, for each coding and level. */
function compressionCost(body) {
  const variants = [
    ['gzip 6 (Parley, zlib default)', () => compress(body, 'gzip')],
    ['gzip 5', () => gzipSync(body, { level: 5 })],
    ['gzip 1', () => gzipSync(body, { level: 1 })],
    ['brotli 4 (Parley)', () => compress(body, 'br')],
    ['brotli 11 (brotli default)', () => brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } })],
  ];
  const out = [];
  for (const [label, fn] of variants) {
    const times = [];
    let size = 0;
    const n = label.startsWith('brotli 11') ? 5 : 40;
    for (let i = 0; i < n + 3; i++) {
      const start = process.cpuUsage();
      size = fn().length;
      const used = process.cpuUsage(start);
      if (i >= 3) times.push((used.user + used.system) / 1000);
    }
    out.push({ coding: label, ms: Number(median(times).toFixed(3)), bytes: size, ratio: Number((size / body.length).toFixed(3)) });
  }
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-hot-'));
  chmodSync(dir, 0o755);
  const pgServer = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), database: 'parley_hot', postgresFlags: ['-c', 'max_connections=100'] });
  const url = pgServer.url;
  const children = [];
  try {
    await migrate(url, MIGRATIONS_DIR);
    const users = await createUsers(url, 12);
    const common = { DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO_DATA: 'false', METRICS_TOKEN: 'bench-metrics-token-0123456789', RATE_LIMIT_POST: '100000/1s' };
    const cached = startServer('cached', { ...common });
    const uncached = startServer('uncached', { ...common, MICRO_CACHE_TTL_MS: '0' });
    const floor = startServer('floor', { DATABASE_URL: url, FLOOR_AUTHOR_ID: users[1].id });
    children.push(cached, uncached, floor);
    const base = (name) => `http://127.0.0.1:${SERVERS[name].port}`;
    await waitFor(`${base('cached')}/health/ready`);
    await waitFor(`${base('uncached')}/health/ready`);
    const stamp = Date.now();
    const article = await api(base('cached'), '/api/articles', users[0].token, { title: `Hot ${stamp}`, slug: `hot-${stamp}`, url: `https://news.example/hot-${stamp}` });
    await postThread(base('uncached'), users, article.id);
    const paths = { cached: `/api/articles/${article.id}/comments`, uncached: `/api/articles/${article.id}/comments`, floor: `/articles/${article.id}/comments` };
    const pids = { cached: cached.pid, uncached: uncached.pid, floor: floor.pid };
    await waitFor(`${base('floor')}${paths.floor}`);
    const page = Buffer.from(await (await fetch(`${base('cached')}${paths.cached}`)).arrayBuffer());
    const floorPage = Buffer.from(await (await fetch(`${base('floor')}${paths.floor}`)).arrayBuffer());
    const parsed = JSON.parse(page.toString('utf8'));
    const count = (items) => items.reduce((s, c) => s + 1 + count(c.replies ?? []), 0);
    const shown = count(parsed.items);

    for (const name of Object.keys(SERVERS)) await load({ url: `${base(name)}${paths[name]}`, connections: 32, duration: 3 });
    const runs = [];
    const loadBefore = loadavg()[0];
    for (const connections of CONNECTIONS) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of Object.keys(SERVERS)) {
          const cpu0 = cpuMs(pids[name]);
          const r = await load({ url: `${base(name)}${paths[name]}`, connections });
          const cpu = cpuMs(pids[name]) - cpu0;
          const requests = r.requests.total;
          runs.push({ server: name, connections, round, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, cpuMsPerRequest: requests ? Number((cpu / requests).toFixed(3)) : null });
        }
      }
    }
    // The hot page compressed, as a CDN would ask for it (Accept-Encoding: br), micro-cache on.
    const br = [];
    for (let round = 0; round < ROUNDS; round++) {
      const cpu0 = cpuMs(pids.cached);
      const r = await load({ url: `${base('cached')}${paths.cached}`, connections: 32, headers: { 'accept-encoding': 'br' } });
      br.push({ rps: r.requests.average, p50: r.latency.p50, bytesPerResponse: Math.round(r.throughput.total / Math.max(1, r.requests.total)), cpuMsPerRequest: Number(((cpuMs(pids.cached) - cpu0) / r.requests.total).toFixed(3)) });
    }
    const loadAfter = loadavg()[0];

    const summary = {};
    for (const connections of CONNECTIONS) {
      const row = {};
      for (const name of Object.keys(SERVERS)) {
        const mine = runs.filter((x) => x.server === name && x.connections === connections);
        row[name] = { rps: Math.round(median(mine.map((x) => x.rps))), p50: median(mine.map((x) => x.p50)), p99: median(mine.map((x) => x.p99)), cpuMsPerRequest: median(mine.map((x) => x.cpuMsPerRequest)), errors: mine.reduce((s, x) => s + x.errors, 0) };
      }
      row.cachedOverFloor = Number((row.cached.rps / row.floor.rps).toFixed(2));
      row.uncachedOverFloor = Number((row.uncached.rps / row.floor.rps).toFixed(2));
      summary[`c${connections}`] = row;
    }
    const result = {
      machine: { cpus: cpus().length, loadavg1Before: loadBefore, loadavg1After: loadAfter },
      page: { parleyBytes: page.length, floorBytes: floorPage.length, commentsShown: shown, threadTops: TOPS, threadReplies: TOPS * REPLIES_PER_TOP },
      summary,
      brotliOverHttp: { rps: Math.round(median(br.map((x) => x.rps))), p50: median(br.map((x) => x.p50)), bytesPerResponse: median(br.map((x) => x.bytesPerResponse)), cpuMsPerRequest: median(br.map((x) => x.cpuMsPerRequest)) },
      compression: compressionCost(page),
      runs,
    };
    console.log(JSON.stringify(result, null, 1));
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/hot-thread.json', import.meta.url), JSON.stringify(result, null, 1));
  } finally {
    for (const c of children) c.kill('SIGTERM');
    // The instances drain and exit (a CPU profile is written then) before their database stops.
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
