#!/usr/bin/env node
// The floor to compare Parley with: Node's http and pg, no framework, no validation, no auth, no
// logging. It answers the same first thread page with one query, inserts a comment with one
// statement, and answers the first page of a moderation queue with the very statement Parley's
// queue repository builds (taken from the build in dist/, so both sides run identical SQL).
// Issue 19's page (50 top-level comments with their first replies) at /articles/:id/comments/page50
// (rows as JSON.stringify makes them) and /page50pg (the JSON built by PostgreSQL); both as named
// (prepared) statements, as Parley's hot statements are.
// Usage: DATABASE_URL=… PORT=3101 node bench/floor-server.mjs
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { QueuesRepository } = require('../dist/src/modules/moderation/queues/queues.repository.js');
/** The statement Parley runs for the first page of a queue, oldest first, no filters. */
async function queueStatement(queue) {
  let captured;
  const capture = new QueuesRepository({ pool: { query: async (q) => ((captured = q), { rows: [] }) } });
  await capture.findPage({ queue, order: 'oldest', after: null, limit: 20 });
  return captured;
}
const QUEUE_STATEMENTS = new Map();
for (const q of ['pending', 'reported', 'urgent', 'unmoderated', 'approved', 'rejected', 'appeals']) QUEUE_STATEMENTS.set(q, await queueStatement(q));

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const COLS = `c.id, c.parent_id, c.root_id, c.depth, c.path, c.status, c.body_html, c.created_at, c.edited_at,
  c.reply_count, c.respect_count, u.id AS author_id, u.display_name, u.role`;
const PAGE = `
  WITH tops AS (
    SELECT c.*, row_number() OVER (ORDER BY c.created_at DESC, c.id DESC) AS ord FROM (
      SELECT c.* FROM comments c
      WHERE c.article_id = $1 AND c.parent_id IS NULL
        AND (c.status IN ('PUBLISHED', 'APPROVED') OR c.reply_count > 0) AND c.status <> 'REJECTED'
      ORDER BY c.created_at DESC, c.id DESC LIMIT 21) c)
  SELECT * FROM (
    SELECT 0 AS kind, c.ord, ${COLS} FROM tops c JOIN users u ON u.id = c.author_id
    UNION ALL
    SELECT 1 AS kind, t.ord, ${COLS} FROM tops t CROSS JOIN LATERAL (
      SELECT r.* FROM comments r
      WHERE r.root_id = t.root_id AND r.parent_id IS NOT NULL AND r.path > t.path AND r.path < t.path || 'g'
        AND r.depth <= t.depth + 3 AND r.hidden_ancestors = 0 AND r.status IN ('PUBLISHED', 'APPROVED')
      ORDER BY r.path LIMIT 12) c JOIN users u ON u.id = c.author_id) x
  ORDER BY x.ord, x.kind, x.path`;
/**
 * The page a news site shows (issue 19): 50 top-level comments and, under each, its first five
 * visible replies within three levels (Parley's default caps), with the same filters as above.
 */
const PAGE50 = PAGE.replace('LIMIT 21', 'LIMIT 50').replace('LIMIT 12', 'LIMIT 5');
/** The same rows, the JSON built by PostgreSQL (what the issue measured 45% faster). */
const PAGE50_PG = `SELECT coalesce(json_agg(p), '[]')::text AS items FROM (${PAGE50}) p`;
const INSERT = `
  INSERT INTO comments (id, article_id, author_id, root_id, depth, path, status, body_source, body_html)
  VALUES ($1, $2, $3, $1, 0, lpad(to_hex(nextval('comment_path_seq')), 10, '0'), 'PUBLISHED', $4, $5)`;
const AUTHOR = process.env.FLOOR_AUTHOR_ID;

http
  .createServer(async (req, res) => {
    const q = /^\/moderation\/queues\/(\w+)$/.exec(req.url ?? '');
    if (q && QUEUE_STATEMENTS.has(q[1])) {
      try {
        const { rows } = await pool.query(QUEUE_STATEMENTS.get(q[1]));
        const items = rows.slice(0, 20).map((r) => r.item);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ queue: q[1], items }));
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
      return;
    }
    const m = /^\/articles\/([0-9a-f-]{36})\/comments/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    try {
      if (req.method === 'GET' && req.url.endsWith('/page50pg')) {
        const { rows } = await pool.query({ name: 'page50pg', text: PAGE50_PG, values: [m[1]] });
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"items":${rows[0].items}}`);
      } else if (req.method === 'GET' && req.url.endsWith('/page50')) {
        const { rows } = await pool.query({ name: 'page50', text: PAGE50, values: [m[1]] });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: rows }));
      } else if (req.method === 'GET') {
        const { rows } = await pool.query(PAGE, [m[1]]);
        const body = JSON.stringify({ items: rows });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      } else {
        let raw = '';
        for await (const chunk of req) raw += chunk;
        const text = JSON.parse(raw).body;
        const id = randomUUID();
        await pool.query(INSERT, [id, m[1], AUTHOR, text, `<p>${text}</p>`]);
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      }
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  })
  .listen(Number(process.env.PORT ?? 3101), '127.0.0.1');
