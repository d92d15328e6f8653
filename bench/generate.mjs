#!/usr/bin/env node
// Fills a migrated, empty Parley database with a realistic load: 2,000 articles, 50,000 readers,
// 1,000,000 comments in threads (most top-level, chains of replies, a few deep branches), three
// articles with exactly 1,000 / 10,000 / 100,000 comments, reactions, and (with --moderation)
// 50,000 held and 20,000 flagged comments, and issue 19's page article (`page250`: its newest 50
// top-level comments each have exactly 4 visible replies within the default caps, so `?limit=50`
// shows 50 + 200 comments). Counts and paths satisfy the schema's invariants.
// Usage: DATABASE_URL=postgres://… node bench/generate.mjs [--comments 1000000] [--moderation]
import { randomUUID, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { commentBody, prng, renderHtml } from './text.mjs';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const TOTAL = arg('comments', 1_000_000);
const ARTICLES = 2000;
const USERS = 50_000;
const MODERATION = process.argv.includes('--moderation');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');

let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (n) => Math.floor(rnd() * n);

// Bodies from bench/text.mjs: varied, realistic comment text (so the trigram index on bodies sees
// text like production's, not a handful of sentences repeated a million times).
const textRng = prng(7);
const body = () => commentBody(textRng);
const html = renderHtml;

/** Comments per article: three fixed sizes, the rest Zipf-like over the remaining articles. */
function sizes() {
  const fixed = [100_000, 10_000, 1_000].map((n) => Math.min(n, Math.floor(TOTAL / 10)));
  const rest = TOTAL - fixed.reduce((a, b) => a + b, 0);
  const weights = Array.from({ length: ARTICLES - 3 }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((w / sum) * rest));
  out[0] += rest - out.reduce((a, b) => a + b, 0);
  return [...fixed, ...out];
}

async function main() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const { rows } = await client.query('SELECT count(*)::int AS n FROM comments');
  if (rows[0].n > 0) throw new Error('the database already has comments; use an empty, migrated database');

  console.log('users…');
  const users = Array.from({ length: USERS }, () => randomUUID());
  for (let i = 0; i < USERS; i += 10_000) {
    const ids = users.slice(i, i + 10_000);
    await client.query(
      `INSERT INTO users (id, display_name, email, created_at)
       SELECT id, 'Reader ' || (n + $2), 'reader' || (n + $2) || '@bench.example', now() - (random() * interval '700 days')
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [ids, i],
    );
  }

  console.log('articles…');
  const articleIds = Array.from({ length: ARTICLES }, () => randomUUID());
  await client.query(
    `INSERT INTO articles (id, slug, url, title, section, published_at, comments_close_at, updated_at)
     SELECT id, 'bench-article-' || n, 'https://news.example/bench/' || n, 'Bench article ' || n,
            (ARRAY['Middle East','Europe','Africa','Analysis'])[1 + n % 4], now() - n * interval '1 hour', NULL, now()
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [articleIds],
  );

  console.log('comments…');
  const perArticle = sizes();
  let seq = 0;
  const buf = { id: [], article: [], author: [], parent: [], root: [], depth: [], path: [], status: [], src: [], html: [], created: [] };
  const flush = async () => {
    if (buf.id.length === 0) return;
    await client.query(
      `INSERT INTO comments (id, article_id, author_id, parent_id, root_id, depth, path, status, body_source, body_html, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::int[], $7::text[], $8::"CommentStatus"[], $9::text[], $10::text[], $11::timestamptz[])`,
      [buf.id, buf.article, buf.author, buf.parent, buf.root, buf.depth, buf.path, buf.status, buf.src, buf.html, buf.created],
    );
    for (const k of Object.keys(buf)) buf[k] = [];
  };
  const now = Date.now();
  for (let a = 0; a < ARTICLES; a++) {
    const n = perArticle[a];
    const nodes = []; // {id, depth, path, root}
    const start = now - (a + 1) * 3_600_000;
    for (let i = 0; i < n; i++) {
      let parent = null;
      const r = rnd();
      if (nodes.length > 0 && r > 0.6) {
        // Replies: mostly to recent comments; now and then continue a deep chain.
        parent = r > 0.985 && nodes.length > 0 ? nodes[nodes.length - 1] : nodes[nodes.length - 1 - pick(Math.min(nodes.length, 200))];
      }
      const id = randomUUID();
      seq += 1;
      const seg = seq.toString(16).padStart(10, '0');
      const depth = parent ? parent.depth + 1 : 0;
      const path = parent ? parent.path.slice(0, 320) + seg : seg;
      const node = { id, depth, path, root: parent ? parent.root : id };
      nodes.push(node);
      const text = body();
      buf.id.push(id);
      buf.article.push(articleIds[a]);
      buf.author.push(users[pick(USERS)]);
      buf.parent.push(parent ? parent.id : null);
      buf.root.push(node.root);
      buf.depth.push(depth);
      buf.path.push(path);
      buf.status.push(rnd() < 0.3 ? 'APPROVED' : 'PUBLISHED');
      buf.src.push(text);
      buf.html.push(html(text));
      buf.created.push(new Date(start + i * 1000).toISOString());
      if (buf.id.length >= 10_000) await flush();
    }
    if (a % 200 === 0) console.log(`  article ${a}, ${seq} comments, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log('the page250 article…');
  // Older than every other article: outside the articles bench/page.mjs posts to.
  const page250 = randomUUID();
  await client.query(
    `INSERT INTO articles (id, slug, url, title, section, published_at, comments_close_at, updated_at)
     VALUES ($1, 'bench-article-page250', 'https://news.example/bench/page250', 'Bench article page250', 'Analysis', now() - $2 * interval '1 hour', NULL, now())`,
    [page250, ARTICLES + 1],
  );
  const pageStart = now - (ARTICLES + 1) * 3_600_000;
  const add = (parent, at) => {
    seq += 1;
    const id = randomUUID();
    const seg = seq.toString(16).padStart(10, '0');
    const node = { id, depth: parent ? parent.depth + 1 : 0, path: parent ? parent.path + seg : seg, root: parent ? parent.root : id };
    const text = body();
    for (const [k, v] of Object.entries({ id, article: page250, author: users[pick(USERS)], parent: parent ? parent.id : null, root: node.root, depth: node.depth, path: node.path, status: 'PUBLISHED', src: text, html: html(text), created: new Date(at).toISOString() })) {
      buf[k].push(v);
    }
    return node;
  };
  // 200 top comments (the newest 50 make the page), each with 4 replies within 3 levels:
  // a reply, its reply and that one's reply, and a second direct reply.
  for (let i = 0; i < 200; i++) {
    const at = pageStart + i * 60_000;
    const top = add(null, at);
    const first = add(top, at + 1000);
    add(add(first, at + 2000), at + 3000);
    add(top, at + 4000);
  }
  await flush();
  await client.query(`SELECT setval('comment_path_seq', $1)`, [seq]);

  console.log('revisions…');
  await client.query(`INSERT INTO comment_revisions (comment_id, revision, body_source, body_html, created_at)
                      SELECT id, 1, body_source, body_html, created_at FROM comments`);

  console.log('reactions…');
  await client.query(`
    INSERT INTO reactions (comment_id, user_id, kind)
    SELECT c.id, u.id, CASE WHEN random() < 0.85 THEN 'RESPECT'::"ReactionKind" ELSE 'DISAGREE'::"ReactionKind" END
    FROM (SELECT id FROM comments TABLESAMPLE SYSTEM (30)) c
    CROSS JOIN LATERAL (SELECT id FROM users OFFSET floor(random() * ${USERS - 5}) LIMIT 1 + floor(random() * 3)::int) u
    ON CONFLICT DO NOTHING`);

  if (MODERATION) {
    console.log('moderation load: 50,000 held, 20,000 flagged…');
    // Held: leaf comments only, so no visible reply sits under a held one.
    await client.query(`
      UPDATE comments SET status = CASE WHEN random() < 0.5 THEN 'PENDING'::"CommentStatus" ELSE 'WITHHELD'::"CommentStatus" END,
                          check_reasons = ARRAY['BENCH_HELD']
      WHERE id IN (SELECT id FROM comments c WHERE NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id) AND c.article_id <> $1
                   ORDER BY random() LIMIT 50000)`, [page250]);
    await client.query(`
      WITH picked AS (
        SELECT id, article_id FROM comments WHERE status IN ('PUBLISHED', 'APPROVED') ORDER BY random() LIMIT 20000
      )
      INSERT INTO flags (id, comment_id, article_id, reporter_id, reason, weight, counts_toward_hiding, created_at)
      SELECT gen_random_uuid(), p.id, p.article_id, (SELECT id FROM users OFFSET floor(random() * ${USERS - 1}) LIMIT 1),
             (ARRAY['SPAM','ABUSE','HARASSMENT','OFF_TOPIC','REVEALS_POSITIONS'])[1 + floor(random() * 5)::int]::"FlagReason",
             1 + random(), true, now() - random() * interval '2 days'
      FROM picked p`);
    await client.query(`
      UPDATE comments c SET open_flag_count = f.n, open_flag_weight = f.w, urgent_flag_count = f.u
      FROM (SELECT comment_id, count(*)::int AS n, sum(weight) AS w,
                   count(*) FILTER (WHERE reason = 'REVEALS_POSITIONS')::int AS u
            FROM flags WHERE status = 'OPEN' GROUP BY comment_id) f
      WHERE c.id = f.comment_id`);
  }

  console.log('counts…');
  await client.query(`
    UPDATE comments c SET respect_count = r.respect, disagree_count = r.disagree
    FROM (SELECT comment_id, count(*) FILTER (WHERE kind = 'RESPECT')::int AS respect,
                 count(*) FILTER (WHERE kind = 'DISAGREE')::int AS disagree FROM reactions GROUP BY comment_id) r
    WHERE c.id = r.comment_id`);
  await client.query(`
    UPDATE comments p SET reply_count = r.n
    FROM (SELECT parent_id, count(*)::int AS n FROM comments
          WHERE parent_id IS NOT NULL AND status IN ('PUBLISHED', 'APPROVED') AND hidden_ancestors = 0 GROUP BY parent_id) r
    WHERE p.id = r.parent_id`);
  await client.query(`
    UPDATE articles a SET comment_count = coalesce(v.n, 0)
    FROM (SELECT article_id, count(*)::int AS n FROM comments
          WHERE status IN ('PUBLISHED', 'APPROVED') AND hidden_ancestors = 0 GROUP BY article_id) v
    WHERE a.id = v.article_id`);

  console.log('sessions for load tests…');
  const tokens = [];
  const sessionUsers = users.slice(0, 2000);
  const hashes = sessionUsers.map(() => {
    const token = 'plt_' + randomBytes(32).toString('base64url');
    tokens.push(token);
    return createHash('sha256').update(token).digest('hex');
  });
  await client.query(
    `INSERT INTO sessions (id, user_id, token_hash, expires_at)
     SELECT gen_random_uuid(), u, h, now() + interval '30 days' FROM unnest($1::uuid[], $2::text[]) AS t(u, h)`,
    [sessionUsers, hashes],
  );
  const moderator = users[USERS - 1];
  await client.query(`UPDATE users SET role = 'MODERATOR' WHERE id = $1`, [moderator]);
  const modToken = 'plt_' + randomBytes(32).toString('base64url');
  await client.query(`INSERT INTO sessions (id, user_id, token_hash, expires_at) VALUES (gen_random_uuid(), $1, $2, now() + interval '30 days')`, [
    moderator,
    createHash('sha256').update(modToken).digest('hex'),
  ]);

  await client.query('VACUUM ANALYZE');
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('./results/dataset.json', import.meta.url),
    JSON.stringify({ articles: { k100: articleIds[0], k10: articleIds[1], k1: articleIds[2], page250 }, tokens, moderatorToken: modToken, floorAuthor: users[USERS - 2] }, null, 1),
  );
  console.log(`done: ${seq} comments in ${((Date.now() - started) / 1000).toFixed(0)} s; ids and tokens in bench/results/dataset.json`);
  await client.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
