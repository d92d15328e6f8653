#!/usr/bin/env node
// Whether PostgreSQL settles on a cached generic plan for the thread page statements (issue 19):
// the exact statements the built ThreadRepository sends (captured from dist/, as the floor does
// for queue pages), run 12 times each on one connection under their names, then the connection's
// pg_prepared_statements counters and the mean execution time of the last 6 runs.
// Usage: DATABASE_URL=… node bench/plan-cache.mjs [--app dist]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';

const app = process.argv.includes('--app') ? process.argv[process.argv.indexOf('--app') + 1] : 'dist';
const require = createRequire(import.meta.url);
const { ThreadRepository } = require(`../${app}/src/modules/comments/thread/thread.repository.js`);
const data = JSON.parse(readFileSync(new URL('./results/dataset.json', import.meta.url), 'utf8'));

async function statement(call) {
  let captured;
  const repo = new ThreadRepository({ pool: { query: async (q) => ((captured = q), { rows: [] }) } });
  await call(repo);
  return captured;
}

const caps = { depth: 3, fetch: 12 };
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const viewer = (await client.query('SELECT user_id FROM sessions LIMIT 1')).rows[0].user_id;
const cases = [
  ['page of 50, anonymous, 10k article', (r) => r.findTopPage(data.articles.k10, 'newest', null, 50, null, caps)],
  ['page of 50, signed in, 10k article', (r) => r.findTopPage(data.articles.k10, 'newest', null, 50, viewer, caps)],
  ['page of 50, anonymous, 100k article', (r) => r.findTopPage(data.articles.k100, 'newest', null, 50, null, caps)],
];
for (const [label, call] of cases) {
  const q = await statement(call);
  const times = [];
  for (let i = 0; i < 12; i++) {
    const t0 = process.hrtime.bigint();
    await client.query(q);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const { rows } = await client.query('SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1', [q.name]);
  const last = times.slice(6);
  console.log(`${label}: ${q.name}: generic ${rows[0].generic_plans}, custom ${rows[0].custom_plans}; last 6 runs ${(last.reduce((a, b) => a + b, 0) / last.length).toFixed(2)} ms mean`);
}
await client.end();
