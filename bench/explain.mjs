#!/usr/bin/env node
// Prints EXPLAIN (ANALYZE, BUFFERS) of the thread-page statement Parley runs (newest first, with
// first replies) for the 10k- and 100k-comment articles, and fails if a plan scans a table.
// Usage: DATABASE_URL=… node bench/explain.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
// The statement comes from the built repository itself (npm run build), captured by a fake pool.
const { ThreadRepository } = require('../dist/src/modules/comments/thread/thread.repository.js');
const data = JSON.parse(readFileSync(new URL('./results/dataset.json', import.meta.url), 'utf8'));
let captured;
const repo = new ThreadRepository({ pool: { query: async (q) => ((captured = { sql: q.text, params: q.values }), { rows: [] }) } });
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
let seqScans = 0;
for (const [label, id] of [['10k', data.articles.k10], ['100k', data.articles.k100]]) {
  await repo.findTopPage(id, 'newest', null, 20, null, { depth: 3, fetch: 12 });
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured.sql}`, captured.params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  seqScans += (plan.match(/Seq Scan on (comments|users)/g) ?? []).length;
  console.log(`-- ${label}-comment article\n${plan}\n`);
}
await client.end();
if (seqScans > 0) {
  console.error(`${seqScans} sequential scan(s) on comments/users`);
  process.exit(1);
}
