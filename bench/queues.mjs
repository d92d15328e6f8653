#!/usr/bin/env node
// Moderation queue benchmark: queue counts and first pages of the pending and reported queues at
// 32 connections, Parley and the floor alternating (the floor runs the identical page statement on
// bare Node http + pg, see floor-server.mjs), medians over rounds; then the same pages at 1
// connection, which is the cost of one request without queueing (the service time).
// Needs a database filled by `node bench/generate.mjs --moderation` and a build.
// Usage: DATABASE_URL=… node bench/queues.mjs [--duration 10] [--rounds 3]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { prewarm } from './prewarm.mjs';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const DURATION = arg('duration', 10);
const ROUNDS = arg('rounds', 3);
const data = JSON.parse(readFileSync(new URL('./results/dataset.json', import.meta.url), 'utf8'));
const PARLEY = 'http://127.0.0.1:3100';
const FLOOR = 'http://127.0.0.1:3101';
const auth = { authorization: `Bearer ${data.moderatorToken}` };

const run = (url, connections = 32, duration = DURATION) =>
  new Promise((resolve, reject) =>
    autocannon({ url, connections, duration, headers: auth }, (err, r) =>
      err ? reject(err) : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx }),
    ),
  );
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function start(args, env) {
  return spawn('node', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitFor(url) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url, { headers: auth })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

async function main() {
  await prewarm(process.env.DATABASE_URL);
  const parley = start(['--max-old-space-size=192', 'dist/src/main.js'], { PORT: '3100', LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false', NODE_ENV: 'production', METRICS_TOKEN: 'bench-metrics-token' });
  const floor = start(['bench/floor-server.mjs'], { PORT: '3101' });
  try {
    await waitFor(`${PARLEY}/health/live`);
    await waitFor(`${FLOOR}/moderation/queues/pending`);
    await run(`${PARLEY}/api/moderation/queues`, 32, 3);
    await run(`${PARLEY}/api/moderation/queues/pending`, 32, 3);
    await run(`${FLOOR}/moderation/queues/pending`, 32, 3);
    const results = { counts: [], pages: {}, serviceTime: {} };
    for (let i = 0; i < ROUNDS; i++) results.counts.push(await run(`${PARLEY}/api/moderation/queues`));
    for (const queue of ['pending', 'reported']) {
      results.pages[queue] = { parley: [], floor: [] };
      for (let i = 0; i < ROUNDS; i++) {
        results.pages[queue].parley.push(await run(`${PARLEY}/api/moderation/queues/${queue}`));
        results.pages[queue].floor.push(await run(`${FLOOR}/moderation/queues/${queue}`));
      }
      results.serviceTime[queue] = { parley: await run(`${PARLEY}/api/moderation/queues/${queue}`, 1), floor: await run(`${FLOOR}/moderation/queues/${queue}`, 1) };
    }
    results.serviceTime.counts = await run(`${PARLEY}/api/moderation/queues`, 1);
    results.pages.reportedByWeight = { parley: [await run(`${PARLEY}/api/moderation/queues/reported?order=weight`)] };
    const med = (xs, k) => median(xs.map((x) => x[k]));
    const summary = {
      counts: { rps: med(results.counts, 'rps'), p50: med(results.counts, 'p50'), p99: med(results.counts, 'p99') },
      ...Object.fromEntries(
        Object.entries(results.pages).map(([q, sides]) => [
          q,
          Object.fromEntries(Object.entries(sides).map(([side, xs]) => [side, { rps: med(xs, 'rps'), p50: med(xs, 'p50'), p99: med(xs, 'p99') }])),
        ]),
      ),
      serviceTime: results.serviceTime,
    };
    console.log(JSON.stringify({ results, summary }, null, 1));
    writeFileSync(new URL('./results/queues.json', import.meta.url), JSON.stringify({ results, summary }, null, 1));
  } finally {
    parley.kill('SIGTERM');
    floor.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
