#!/usr/bin/env node
// The pending and reported queue pages ordered by score (sort=score) next to the default order,
// through QueuesService.page (the exact statement the route runs, items with their scorers'
// outcomes). Run after `npm run build`:
//   node bench/queue-score.mjs            a throw-away embedded PostgreSQL in /tmp, filled here
//   DATABASE_URL=… node bench/queue-score.mjs --existing   a database filled by generate.mjs --moderation
// The throw-away data: 50,000 held and 20,000 reported comments on 200 articles, each with a
// check run holding two scorer outcomes and a random score. 200 pages of 20 per case, one at a
// time (service time), medians and p99; a later page starts from the cursor of page 10.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require(join(ROOT, 'dist/src/app.module.js'));
const { loadConfig } = require(join(ROOT, 'dist/src/config/config.js'));
const { prepareDatabase } = require(join(ROOT, 'dist/src/database/prepare-database.js'));
const { QueuesService } = require(join(ROOT, 'dist/src/modules/moderation/queues/queues.service.js'));

const existing = process.argv.includes('--existing');
const dir = existing ? null : mkdtempSync(join(tmpdir(), 'parley-queue-score-'));
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'error',
  SEED_DEMO_DATA: 'false',
  MOD_MODEL_CHECK_SECONDS: '0',
  NOTES_SCORING_INTERVAL_MINUTES: '0',
  ...(existing ? {} : { DATABASE_URL: '', EMBEDDED_PG_DIR: join(dir, 'pg'), EMBEDDED_PG_PORT: String(55000 + (process.pid % 5000)) }),
});
const db = await prepareDatabase(config, () => undefined);

async function fill(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const scorer = `jsonb_build_array(
      jsonb_build_object('provider', 'local', 'status', 'ok', 'spam', round(random()::numeric, 4), 'abuse', s, 'ms', 0, 'version', 'spam x, abuse y'),
      jsonb_build_object('provider', 'llm', 'status', 'ok', 'spam', null, 'abuse', s, 'reason', 'ABUSE', 'rationale', 'Insults another reader.', 'ms', 420, 'version', 'site-llm'))`;
  await client.query(`
    INSERT INTO users (id, email, display_name, password_hash, role) SELECT gen_random_uuid(), 'u' || i || '@bench.example', 'User ' || i, 'x', 'READER' FROM generate_series(1, 500) i;
    INSERT INTO articles (id, slug, url, title, published_at, updated_at) SELECT gen_random_uuid(), 'a-' || i, 'https://news.example/a/' || i, 'Article ' || i, now(), now() FROM generate_series(1, 200) i;
    CREATE TEMP TABLE u AS SELECT id, row_number() OVER () AS n FROM users;
    CREATE TEMP TABLE a AS SELECT id, row_number() OVER () AS n FROM articles;
    CREATE TEMP TABLE c AS SELECT gen_random_uuid() AS id, i, round(random()::numeric, 4)::float8 AS s FROM generate_series(1, 70000) i;
    INSERT INTO comments (id, article_id, author_id, root_id, path, status, body_source, body_html, check_score, open_flag_count, open_flag_weight, created_at)
      SELECT c.id, a.id, u.id, c.id, lpad(to_hex(c.i), 10, '0'), CASE WHEN c.i <= 50000 THEN 'WITHHELD' ELSE 'PUBLISHED' END::"CommentStatus",
             'comment ' || c.i, '<p>comment ' || c.i || '</p>', c.s, CASE WHEN c.i > 50000 THEN 1 ELSE 0 END, CASE WHEN c.i > 50000 THEN 2 ELSE 0 END,
             now() - (c.i || ' seconds')::interval
      FROM c JOIN a ON a.n = 1 + c.i % 200 JOIN u ON u.n = 1 + c.i % 500;
    INSERT INTO comment_revisions (comment_id, revision, body_source, body_html) SELECT id, 1, 'comment ' || i, '<p>comment</p>' FROM c;
    INSERT INTO comment_check_runs (id, comment_id, revision, outcome, reasons, scorer)
      SELECT gen_random_uuid(), c.id, 1, 'WITHHELD', '{ABUSE_SCORE}', ${scorer} FROM c;
    ANALYZE;`);
  const { rows } = await client.query(`INSERT INTO users (id, email, display_name, password_hash, role) VALUES (gen_random_uuid(), 'mod@bench.example', 'Mod', 'x', 'MODERATOR') RETURNING id`);
  await client.end();
  return rows[0].id;
}

try {
  if (!existing) {
    const t = performance.now();
    await fill(db.url);
    console.log(`filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url }), { logger: ['error'] });
  const queues = app.get(QueuesService);

  async function time(queue, query, n = 200) {
    for (let i = 0; i < 20; i++) await queues.page(queue, query);
    const times = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await queues.page(queue, query);
      times.push(performance.now() - s);
    }
    times.sort((x, y) => x - y);
    return `p50 ${times[Math.floor(n / 2)].toFixed(1).padStart(5)} ms  p99 ${times[Math.floor(n * 0.99)].toFixed(1).padStart(5)} ms`;
  }

  async function cursorOfPage(queue, query, pages) {
    let cursor;
    for (let i = 0; i < pages; i++) cursor = (await queues.page(queue, { ...query, cursor })).nextCursor;
    return cursor;
  }

  console.log(`node ${process.version}; pages of 20, one at a time`);
  for (const queue of ['pending', 'reported']) {
    for (const order of ['oldest', 'score']) {
      const query = { order, limit: 20 };
      console.log(`${queue.padEnd(8)} order=${order.padEnd(6)} first page  ${await time(queue, query)}`);
      const cursor = await cursorOfPage(queue, query, 10);
      console.log(`${queue.padEnd(8)} order=${order.padEnd(6)} page 11     ${await time(queue, { ...query, cursor })}`);
    }
  }
  await app.close();
} finally {
  await db.embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
