#!/usr/bin/env node
// Moderation queue benchmark: queue counts and a queue page at 32 connections, p99 latency.
// Needs a database filled by `node bench/generate.mjs --moderation` and a build.
// Usage: DATABASE_URL=… node bench/queues.mjs [--duration 10]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';

const DURATION = process.argv.includes('--duration') ? Number(process.argv[process.argv.indexOf('--duration') + 1]) : 10;
const data = JSON.parse(readFileSync(new URL('./results/dataset.json', import.meta.url), 'utf8'));
const BASE = 'http://127.0.0.1:3100';

const run = (path) =>
  new Promise((resolve, reject) =>
    autocannon(
      { url: BASE + path, connections: 32, duration: DURATION, headers: { authorization: `Bearer ${data.moderatorToken}` } },
      (err, r) => (err ? reject(err) : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx })),
    ),
  );

async function main() {
  const parley = spawn('node', ['dist/src/main.js'], {
    env: { ...process.env, PORT: '3100', LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${BASE}/health/live`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await run('/api/moderation/queues');
    const results = {
      counts: await run('/api/moderation/queues'),
      pendingPage: await run('/api/moderation/queues/pending'),
      reportedPage: await run('/api/moderation/queues/reported'),
      reportedByWeight: await run('/api/moderation/queues/reported?order=weight'),
    };
    console.log(JSON.stringify(results, null, 1));
    writeFileSync(new URL('./results/queues.json', import.meta.url), JSON.stringify(results, null, 1));
  } finally {
    parley.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
