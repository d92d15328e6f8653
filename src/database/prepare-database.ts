import type { AppConfig } from '../config/config';
import { EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migration-runner';
import { MIGRATIONS_DIR } from './paths';

export interface PreparedDatabase {
  url: string;
  /** Set when we started the embedded server; stop it on shutdown. */
  embedded: EmbeddedServer | null;
}

/** DATABASE_URL, or the embedded server when unset; pending migrations applied either way. */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void): Promise<PreparedDatabase> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${config.embeddedPgDir} (port ${config.embeddedPgPort})`);
    embedded = await startEmbeddedPostgres({ dataDir: config.embeddedPgDir, port: config.embeddedPgPort, database: 'parley' });
    url = embedded.url;
  }
  const result = await migrate(url, MIGRATIONS_DIR, log);
  log(`database ready: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place`);
  return { url, embedded };
}
