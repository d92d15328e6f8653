import { EnvReader } from './env-reader';

/** Read by src/database (the pool, the embedded server, bounded queries) and main.ts (seeding). */
export interface DatabaseSettings {
  /** Null means: start the embedded PostgreSQL under embeddedPgDir. */
  readonly databaseUrl: string | null;
  readonly databasePoolSize: number;
  /** Longest any one statement of a request may run (reads and writes); PostgreSQL cancels it after. */
  readonly databaseStatementTimeoutMs: number;
  /** The same bound for desk and reporting queries (campaigns, monthly figures, note scoring). */
  readonly databaseReportTimeoutMs: number;
  readonly embeddedPgDir: string;
  readonly embeddedPgPort: number;
  readonly seedDemoData: boolean;
  /** Read replicas (DATABASE_REPLICA_URLS): anonymous-style reads go to a healthy one (src/database/read-routing.ts). */
  readonly databaseReplicaUrls: readonly string[];
  /** A replica further behind the primary than this is skipped until it catches up. */
  readonly replicaMaxLagMs: number;
  /** How often each instance measures its replicas' lag and reachability (never per request). */
  readonly replicaCheckIntervalMs: number;
  /**
   * After a signed-in request writes, that user's reads stay on the primary this long. Never
   * shorter than the longest a replica the router still uses can be behind: max lag + one check.
   */
  readonly readYourWritesMs: number;
}

export function readDatabaseSettings(r: EnvReader): DatabaseSettings {
  return {
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 500),
    databaseStatementTimeoutMs: r.int('DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
    databaseReportTimeoutMs: r.int('DATABASE_REPORT_TIMEOUT_MS', 20_000, 100, 600_000),
    embeddedPgDir: r.string('EMBEDDED_PG_DIR', '.data/postgres'),
    embeddedPgPort: r.int('EMBEDDED_PG_PORT', 54329, 1, 65535),
    seedDemoData: r.bool('SEED_DEMO_DATA', true),
    ...readReplicaSettings(r),
  };
}

function readReplicaSettings(r: EnvReader) {
  const databaseReplicaUrls = replicaUrls(r);
  const replicaMaxLagMs = r.int('REPLICA_MAX_LAG_MS', 2_000, 0, 600_000);
  const replicaCheckIntervalMs = r.int('REPLICA_CHECK_INTERVAL_MS', 1_000, 50, 600_000);
  const readYourWritesMs = r.int('READ_YOUR_WRITES_MS', 5_000, 0, 3_600_000);
  if (databaseReplicaUrls.length > 0 && readYourWritesMs < replicaMaxLagMs + replicaCheckIntervalMs) {
    r.problems.push(
      `READ_YOUR_WRITES_MS (${readYourWritesMs}) must be at least REPLICA_MAX_LAG_MS + REPLICA_CHECK_INTERVAL_MS (${replicaMaxLagMs + replicaCheckIntervalMs}), ` +
        'or a writer could read from a replica that has not yet replayed their write',
    );
  }
  return { databaseReplicaUrls, replicaMaxLagMs, replicaCheckIntervalMs, readYourWritesMs };
}

/** Comma-separated PostgreSQL URLs; each is checked like DATABASE_URL (a password may not contain a comma unescaped). */
function replicaUrls(r: EnvReader): string[] {
  const raw = r.optional('DATABASE_REPLICA_URLS');
  if (raw === null) return [];
  const urls: string[] = [];
  for (const [i, item] of raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0).entries()) {
    let ok = false;
    try {
      ok = ['postgres:', 'postgresql:'].includes(new URL(item).protocol);
    } catch {
      ok = false;
    }
    // The position, never the value: a URL carries a password.
    if (ok) urls.push(item);
    else r.problems.push(`DATABASE_REPLICA_URLS: entry ${i + 1} must be a URL starting with postgres:// or postgresql://`);
  }
  return urls;
}
