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
  };
}
