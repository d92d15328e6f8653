import type { Pool } from 'pg';

/*
 * "Did this request change the database?" for a test database of our own.
 *
 * The content fingerprint is an md5 over each table's rows as text, in row-text order, all tables
 * in one SQL statement. Hashing every row's content before and after each of 10,000 requests
 * would cost more than the requests, so a cheap physical fingerprint comes first: an md5 over
 * each table's (ctid, xmin) pairs. Every committed INSERT or UPDATE writes a new row version
 * (new ctid and xmin) and every DELETE removes one, so an unchanged physical fingerprint proves an
 * unchanged table; only tables whose physical fingerprint moved get their content hashed again
 * (a committed UPDATE that wrote identical values moves the physical print but not the content,
 * and is not a change). Rolled-back work is invisible to both.
 *
 * Excluded tables: `event_consumers`, the event relay's cursors and retry times, which it moves on
 * its own clock (a poll retrying a consumer's failed event), not because of a request (every
 * effect a consumer has lands in the domain tables, which stay fingerprinted); and
 * `rate_limit_counters`, which every rate-limited request moves by design, refused or not (a
 * stream of invalid posts is still a stream of posts). Otherwise Parley changes nothing in
 * PostgreSQL merely because a request is authenticated, but for one column left out of the content
 * hash: `sessions.last_used_at`, which the guard writes at most every five minutes per session
 * (AuthService.authenticate) so its owner sees when a session was last used; a long fuzz run would
 * otherwise blame that on whichever request came after the five minutes. `_prisma_migrations` is
 * not domain data but is included anyway (it never changes
 * while the app runs).
 */

/** A row of table `t` (aliased r) as text, without its ignored columns. */
function rowText(t: string): string {
  const ignored = IGNORED_COLUMNS[t];
  return ignored ? `(to_jsonb(r) - ARRAY[${ignored.map(quoteLiteral).join(', ')}]::text[])::text` : 'r::text';
}

export type TableHashes = Record<string, string>;

export interface Fingerprint {
  physical: TableHashes;
  content: TableHashes;
}

/** Columns whose changes are not a request's doing (see above), left out of the content hash. */
const IGNORED_COLUMNS: Readonly<Record<string, readonly string[]>> = { sessions: ['last_used_at'] };

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class DbFingerprint {
  private cache: Fingerprint | null = null;

  private constructor(
    private readonly pool: Pool,
    readonly tables: string[],
  ) {}

  static async create(pool: Pool, exclude: string[] = []): Promise<DbFingerprint> {
    const { rows } = await pool.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const tables = rows.map((r) => r.tablename).filter((name) => !exclude.includes(name));
    if (tables.length === 0) throw new Error('no tables to fingerprint');
    return new DbFingerprint(pool, tables);
  }

  /** Tables of the fingerprint that no longer exist (dropped): hashed as "missing". */
  private async present(): Promise<{ present: string[]; missing: TableHashes }> {
    const missing = await this.missingTables();
    return { present: this.tables.filter((t) => !missing.includes(t)), missing: Object.fromEntries(missing.map((t) => [t, 'missing'])) };
  }

  /** Per-table hashes of row versions: cheap, proportional to row count, not row size. */
  async physical(): Promise<TableHashes> {
    const { present, missing } = await this.present();
    if (present.length === 0) return missing;
    const sql = present
      .map(
        (t) =>
          `SELECT ${quoteLiteral(t)} AS t, (SELECT md5(coalesce(string_agg(r.ctid::text || ':' || r.xmin::text, ',' ORDER BY r.ctid), '')) FROM ${quoteIdent(t)} r) AS h`,
      )
      .join(' UNION ALL ');
    return { ...toHashes((await this.pool.query<{ t: string; h: string }>(sql)).rows), ...missing };
  }

  /** Per-table md5 over the rows' content, ordered by their text. */
  async content(tables: string[] = this.tables): Promise<TableHashes> {
    const { present, missing } = await this.present();
    const wanted = tables.filter((t) => present.includes(t));
    const gone = Object.fromEntries(Object.entries(missing).filter(([t]) => tables.includes(t)));
    if (wanted.length === 0) return gone;
    const sql = wanted
      .map(
        (t) =>
          `SELECT ${quoteLiteral(t)} AS t, (SELECT md5(coalesce(string_agg(${rowText(t)}, E'\\n' ORDER BY ${rowText(t)} COLLATE "C"), '')) FROM ${quoteIdent(t)} r) AS h`,
      )
      .join(' UNION ALL ');
    return { ...toHashes((await this.pool.query<{ t: string; h: string }>(sql)).rows), ...gone };
  }

  /** The current fingerprint, re-hashing content only for tables whose row versions moved. */
  async take(): Promise<Fingerprint> {
    const physical = await this.physical();
    const previous = this.cache;
    const stale = previous ? this.tables.filter((t) => previous.physical[t] !== physical[t]) : this.tables;
    const fresh = await this.content(stale);
    const content = { ...(previous?.content ?? {}), ...fresh };
    this.cache = { physical, content };
    return this.cache;
  }

  /** Tables whose content differs between two fingerprints. */
  static changedTables(before: Fingerprint, after: Fingerprint): string[] {
    return Object.keys(after.content).filter((t) => before.content[t] !== after.content[t]);
  }

  /**
   * Waits until the work the app does after answering has settled, twice in a row a few ms apart:
   * every committed event stamped and handed to every consumer (the event relay writes
   * notifications, claim links and webhook deliveries on its own, after the request that caused
   * them has answered), and no other connection running a statement or holding a transaction
   * open. Idle connections alone were not enough: between two of the relay's statements there are
   * moments when every connection is idle, and a fuzz run blamed the relay's notifications on the
   * next request (a 401) when its two polls fell into one.
   */
  async quiesce(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietPolls = 0;
    while (quietPolls < 2) {
      const { rows } = await this.pool.query<{ quiet: boolean }>(
        `SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity
                             WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle')
            AND NOT EXISTS (SELECT 1 FROM domain_events WHERE position IS NULL)
            AND NOT EXISTS (SELECT 1 FROM event_consumers c JOIN event_sequence s ON s.id = 1
                             WHERE c.position < s.last_position AND (c.retry_at IS NULL OR c.retry_at <= now())) AS quiet`,
      );
      quietPolls = rows[0].quiet ? quietPolls + 1 : 0;
      if (Date.now() > deadline) return;
      if (quietPolls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Columns ("table.column") holding exactly this text: in a text column, or as a string anywhere in a jsonb value. */
  async whereStored(text: string): Promise<string[]> {
    const { rows: columns } = await this.pool.query<{ t: string; c: string; type: string }>(
      `SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb') ORDER BY 1, 2`,
    );
    const probes = columns
      .filter(({ t }) => this.tables.includes(t))
      .map(({ t, c, type }) => {
        const where = type === 'jsonb' ? `jsonb_path_exists(${quoteIdent(c)}, '$.** ? (@ == $v)', jsonb_build_object('v', $1::text))` : `${quoteIdent(c)} = $1`;
        return `(SELECT ${quoteLiteral(`${t}.${c}`)} AS at FROM ${quoteIdent(t)} WHERE ${where} LIMIT 1)`;
      });
    const { rows } = await this.pool.query<{ at: string }>(probes.join(' UNION ALL '), [text]);
    return rows.map((r) => r.at);
  }

  /** Every table still exists (for injection tests: nothing was dropped). */
  async missingTables(): Promise<string[]> {
    const { rows } = await this.pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const present = new Set(rows.map((r) => r.tablename));
    return this.tables.filter((t) => !present.has(t));
  }
}

function toHashes(rows: Array<{ t: string; h: string }>): TableHashes {
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}
