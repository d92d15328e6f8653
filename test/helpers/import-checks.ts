import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';

/** bench/check-invariants.sql on this database: every derived count equals what the rows say. */
export async function invariantFailures(pool: Pool): Promise<string[]> {
  const sql = readFileSync(join(__dirname, '../../bench/check-invariants.sql'), 'utf8');
  const { rows } = await pool.query<{ check: string; ok: boolean | null }>(sql);
  return rows.filter((r) => r.ok === false).map((r) => r.check);
}

/** A digest of every row an import can touch, and of the path sequence: equal digests, nothing changed. */
export async function importFingerprint(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ digest: string; seq: string }>(`
    SELECT md5(string_agg(t, '|' ORDER BY t)) AS digest, (SELECT last_value::text FROM comment_path_seq) AS seq FROM (
      SELECT row_to_json(x)::text AS t FROM comments x UNION ALL
      SELECT row_to_json(x)::text FROM comment_revisions x UNION ALL
      SELECT row_to_json(x)::text FROM articles x UNION ALL
      SELECT row_to_json(x)::text FROM users x UNION ALL
      SELECT row_to_json(x)::text FROM comment_status_counts x UNION ALL
      SELECT row_to_json(x)::text FROM user_comment_counts x UNION ALL
      SELECT row_to_json(x)::text FROM import_articles x UNION ALL
      SELECT row_to_json(x)::text FROM import_authors x UNION ALL
      SELECT row_to_json(x)::text FROM import_comments x) q`);
  return `${rows[0].digest}/${rows[0].seq}`;
}

export interface ThreadLine {
  url: string;
  sourceId: string;
  parent: string | null;
  depth: number;
  status: string;
  author: string;
}

/** Imported comments in reading order (articles by URL, roots by time, replies by path), by their source ids. */
export async function importedThreads(pool: Pool): Promise<ThreadLine[]> {
  const { rows } = await pool.query<ThreadLine>(`
    SELECT a.url, ic.source_id AS "sourceId", pc.source_id AS parent, c.depth, c.status::text AS status, u.display_name AS author
    FROM comments c
    JOIN import_comments ic ON ic.comment_id = c.id
    LEFT JOIN import_comments pc ON pc.comment_id = c.parent_id
    JOIN articles a ON a.id = c.article_id
    JOIN comments r ON r.id = c.root_id
    JOIN users u ON u.id = c.author_id
    ORDER BY a.url, r.created_at, c.path`);
  return rows;
}
