#!/usr/bin/env node
// What the fact-check side of moderation queue items (`factCheck`: claims, verdicts, label, notes,
// context requests; one LEFT JOIN LATERAL per page row) costs a queue page. Gives the first page
// of the reported queue's comments claims with verdicts, notes on them and on the comments, and
// context requests; then runs the page statement Parley builds (taken from dist/, as the floor
// does) with and without the LATERAL, alternating, at one connection (service time), and prints
// p50 / p99 of each. Needs a database filled by `node bench/generate.mjs --moderation` and a build.
// Usage: DATABASE_URL=… node bench/queue-fact-check.mjs [--runs 300]
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { QueuesRepository } = require('../dist/src/modules/moderation/queues/queues.repository.js');
const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const RUNS = arg('runs', 300);

async function statementFor(queue) {
  let captured;
  const capture = new QueuesRepository({ pool: { query: async (q) => ((captured = q), { rows: [] }) } });
  await capture.findPage({ queue, order: 'oldest', after: null, limit: 20 });
  return captured;
}

/** The same statement as before the fact-check side existed. */
function withoutFactCheck(statement) {
  const text = statement.text.replace(/,\s*'factCheck', fc\.fact_check\)/, ')').replace(/LEFT JOIN LATERAL \(SELECT json_build_object\([\s\S]*?\) fc ON true/, '');
  if (text === statement.text || text.includes('fact_check')) throw new Error('could not take the fact-check side out of the statement');
  return { ...statement, name: `${statement.name}-without`, text };
}

/**
 * A site's worth of desk data elsewhere, so the planner sees tables of a realistic size: 5,000
 * claims with verdicts, each linked to 4 comments; 50,000 notes on comments and 10,000 on claims;
 * 100,000 context requests.
 */
async function giveBackground(client) {
  const { rows } = await client.query('SELECT count(*)::int AS n FROM claims');
  if (rows[0].n >= 5000) return;
  await client.query(`
    CREATE TEMP TABLE some_comments AS SELECT id, row_number() OVER () AS k FROM (SELECT id FROM comments ORDER BY md5(id::text) LIMIT 60000) s;
    CREATE TEMP TABLE some_users AS SELECT id, row_number() OVER () AS k FROM (SELECT id FROM users ORDER BY id LIMIT 2000) s;
    INSERT INTO claims (id, statement, created_by_id) SELECT gen_random_uuid(), 'Background claim ' || g, (SELECT id FROM some_users WHERE k = 1) FROM generate_series(1, 5000) g;
    INSERT INTO claim_verdicts (id, claim_id, version, verdict, summary, sources, as_of, author_id)
      SELECT gen_random_uuid(), c.id, 1, 'MISLEADING', 'Background', '[]', now(), c.created_by_id FROM claims c WHERE c.current_verdict_id IS NULL;
    UPDATE claims c SET current_verdict_id = v.id FROM claim_verdicts v WHERE v.claim_id = c.id AND c.current_verdict_id IS NULL;
    INSERT INTO claim_comments (claim_id, comment_id)
      SELECT c.id, sc.id FROM (SELECT id, row_number() OVER () AS k FROM claims) c JOIN some_comments sc ON sc.k BETWEEN (c.k - 1) * 4 + 1 AND c.k * 4 ON CONFLICT DO NOTHING;
    INSERT INTO context_notes (id, comment_id, author_id, text, sources)
      SELECT gen_random_uuid(), sc.id, su.id, 'Background note', '[]' FROM some_comments sc JOIN some_users su ON su.k = 1 + sc.k % 2000 WHERE sc.k <= 50000;
    INSERT INTO context_notes (id, claim_id, author_id, text, sources)
      SELECT gen_random_uuid(), c.id, su.id, 'Background claim note', '[]' FROM (SELECT id, row_number() OVER () AS k FROM claims) c JOIN some_users su ON su.k IN (2 + c.k % 50, 60 + c.k % 50);
    INSERT INTO context_requests (comment_id, user_id)
      SELECT sc.id, su.id FROM some_comments sc JOIN some_users su ON su.k BETWEEN 1 + sc.k % 1900 AND 1 + sc.k % 1900 + 1 ON CONFLICT DO NOTHING;`);
}

/** Claims with verdicts, notes and requests on the comments of the queue's first pages. */
async function giveFactChecks(client, commentIds) {
  const { rows: linked } = await client.query('SELECT 1 FROM claim_comments WHERE comment_id = ANY($1::uuid[]) LIMIT 1', [commentIds]);
  if (linked.length > 0) return;
  const rows = commentIds.map((id) => ({ id }));
  const { rows: users } = await client.query('SELECT id FROM users ORDER BY id LIMIT 40');
  await client.query('BEGIN');
  for (const [i, c] of rows.entries()) {
    if (i % 3 === 2) continue; // a third of the items carry nothing
    const claim = randomUUID();
    const verdict = randomUUID();
    await client.query(`INSERT INTO claims (id, statement, created_by_id) VALUES ($1, $2, $3)`, [claim, `Bench claim ${i}`, users[0].id]);
    await client.query(
      `INSERT INTO claim_verdicts (id, claim_id, version, verdict, summary, sources, as_of, author_id) VALUES ($1, $2, 1, 'FALSE', 'Bench summary', '[]', now(), $3)`,
      [verdict, claim, users[0].id],
    );
    await client.query('UPDATE claims SET current_verdict_id = $1 WHERE id = $2', [verdict, claim]);
    await client.query('INSERT INTO claim_comments (claim_id, comment_id) VALUES ($1, $2)', [claim, c.id]);
    for (let n = 0; n < 3; n++) {
      await client.query(`INSERT INTO context_notes (id, claim_id, author_id, text, sources) VALUES ($1, $2, $3, 'Bench claim note', '[]')`, [randomUUID(), claim, users[n + 1].id]);
      await client.query(`INSERT INTO context_notes (id, comment_id, author_id, text, sources) VALUES ($1, $2, $3, 'Bench note', '[]')`, [randomUUID(), c.id, users[n + 4].id]);
    }
    for (let r = 0; r < 5; r++) await client.query('INSERT INTO context_requests (comment_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [c.id, users[r + 10].id]);
  }
  await client.query('COMMIT');
  await client.query('VACUUM ANALYZE claims, claim_verdicts, claim_comments, context_notes, context_requests, comment_labels');
}

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await giveBackground(client);
    for (const queue of ['reported', 'pending']) {
      const withIt = await statementFor(queue);
      await giveFactChecks(client, (await client.query(withIt)).rows.map((r) => r.id));
      const without = withoutFactCheck(withIt);
      const times = { with: [], without: [] };
      for (let i = 0; i < 20; i++) for (const s of [withIt, without]) await client.query(s); // warm-up, and plans cached
      for (let i = 0; i < RUNS; i++) {
        for (const [key, s] of i % 2 ? [['with', withIt], ['without', without]] : [['without', without], ['with', withIt]]) {
          const started = process.hrtime.bigint();
          const result = await client.query(s);
          times[key].push(Number(process.hrtime.bigint() - started) / 1e6);
          if (key === 'with' && i === 0) {
            const carrying = result.rows.filter((r) => r.item.factCheck.claims.length > 0).length;
            console.log(`${queue}: ${result.rows.length} rows, ${carrying} with claims`);
          }
        }
      }
      for (const key of ['without', 'with']) {
        console.log(`${queue} page ${key} the fact-check side: p50 ${percentile(times[key], 50).toFixed(2)} ms, p99 ${percentile(times[key], 99).toFixed(2)} ms (${RUNS} runs)`);
      }
    }
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
