#!/usr/bin/env node
// Load benchmark: Parley against the floor server, alternating runs, medians. Needs a database
// filled by bench/generate.mjs and a build (npm run build).
// Usage: DATABASE_URL=… node bench/load.mjs [--duration 10] [--rounds 3]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { prewarm } from './prewarm.mjs';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const DURATION = arg('duration', 10);
const ROUNDS = arg('rounds', 3);
const CONNECTIONS = 32;
const PARLEY = 'http://127.0.0.1:3100';
const FLOOR = 'http://127.0.0.1:3101';
const data = JSON.parse(readFileSync(new URL('./results/dataset.json', import.meta.url), 'utf8'));
const url = process.env.DATABASE_URL;

function start(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function waitFor(u) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(u);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${u} did not come up`);
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await prewarm(url);
  // Started exactly as `npm start` starts it (V8's old generation capped at 192 MB).
  const parley = start('node', ['--max-old-space-size=192', 'dist/src/main.js'], {
    DATABASE_URL: url,
    PORT: '3100',
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    NODE_ENV: 'production',
    // Production refuses to start with /metrics open.
    METRICS_TOKEN: 'bench-metrics-token',
    // The benchmark measures the posting path, not the limiter: posting limits are raised.
    RATE_LIMIT_POST: '100000/1s',
  });
  const floor = start('node', ['bench/floor-server.mjs'], { DATABASE_URL: url, PORT: '3101', FLOOR_AUTHOR_ID: data.floorAuthor });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(parley.pid))), 500);
  try {
    await waitFor(`${PARLEY}/health/live`);
    await waitFor(`${FLOOR}/`);
    const page = (base, id) => (base === PARLEY ? `${PARLEY}/api/articles/${id}/comments` : `${FLOOR}/articles/${id}/comments`);
    // Warm-up: caches, JIT, connection pools.
    await run({ url: page(PARLEY, data.articles.k10), duration: 3 });
    await run({ url: page(FLOOR, data.articles.k10), duration: 3 });

    const results = { read: { parley: [], floor: [] }, latency: {}, post: {} };
    for (let i = 0; i < ROUNDS; i++) {
      for (const side of ['parley', 'floor']) {
        const r = await run({ url: page(side === 'parley' ? PARLEY : FLOOR, data.articles.k10) });
        results.read[side].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
      }
    }
    for (const [label, id] of [['k1', data.articles.k1], ['k100', data.articles.k100], ['k1b', data.articles.k1], ['k100b', data.articles.k100]]) {
      const r = await run({ url: page(PARLEY, id) });
      results.latency[label] = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
    }
    let n = 0;
    const tokens = data.tokens;
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const spread = (await pool.query('SELECT id FROM articles ORDER BY published_at DESC LIMIT 500')).rows.map((r) => r.id);
    await pool.end();
    // Two shapes: every post to one hot article (breaking news), and posts spread over 500 articles.
    for (const [shape, pickArticle] of [['hot', () => data.articles.k1], ['spread', () => spread[n % spread.length]]]) {
      results.post[shape] = { parley: [], floor: [] };
      for (let i = 0; i < ROUNDS; i++) {
        for (const side of ['parley', 'floor']) {
          const r = await run({
            url: side === 'parley' ? PARLEY : FLOOR,
            method: 'POST',
            requests: [
              {
                setupRequest: (req) => {
                  n += 1;
                  const article = pickArticle();
                  return {
                    ...req,
                    path: side === 'parley' ? `/api/articles/${article}/comments` : `/articles/${article}/comments`,
                    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % tokens.length]}` },
                    body: JSON.stringify({ body: `Benchmark comment number ${n}: is there any independent confirmation yet?` }),
                  };
                },
              },
            ],
          });
          results.post[shape][side].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
        }
      }
    }
    const summary = {
      read: { parley: median(results.read.parley.map((x) => x.rps)), floor: median(results.read.floor.map((x) => x.rps)) },
      readP50: { parley: median(results.read.parley.map((x) => x.p50)), floor: median(results.read.floor.map((x) => x.p50)) },
      postHot: { parley: median(results.post.hot.parley.map((x) => x.rps)), floor: median(results.post.hot.floor.map((x) => x.rps)) },
      postSpread: { parley: median(results.post.spread.parley.map((x) => x.rps)), floor: median(results.post.spread.floor.map((x) => x.rps)) },
      p50k1: median([results.latency.k1.p50, results.latency.k1b.p50]),
      p50k100: median([results.latency.k100.p50, results.latency.k100b.p50]),
      peakRssMb: Math.round(peakRss),
    };
    console.log(JSON.stringify({ results, summary }, null, 1));
    writeFileSync(new URL('./results/load.json', import.meta.url), JSON.stringify({ results, summary }, null, 1));
  } finally {
    clearInterval(sampler);
    parley.kill('SIGTERM');
    floor.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
