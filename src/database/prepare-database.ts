import { Client } from 'pg';
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
    // Detached: the caller stops it after draining requests (main.ts), not a terminal's Ctrl-C.
    embedded = await startEmbeddedPostgres({ dataDir: config.embeddedPgDir, port: config.embeddedPgPort, database: 'parley', detached: true, log });
    url = embedded.url;
  }
  try {
    await requireExtensions(url, ['pg_trgm']);
    const result = await migrate(url, MIGRATIONS_DIR, log);
    log(`database ready: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place`);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return { url, embedded };
}

/** Fails with a clear message when the server lacks an extension the migrations create. */
export async function requireExtensions(url: string, names: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM pg_available_extensions WHERE name = ANY($1)', [names]);
    const missing = names.filter((n) => !rows.some((r) => r.name === n));
    if (missing.length > 0) {
      throw new Error(
        `This PostgreSQL server lacks the extension(s) ${missing.join(', ')}, which Parley needs to find comments repeating a claim. ` +
          'Install the server\'s contrib package (e.g. postgresql-contrib) or use a server that ships it.',
      );
    }
  } finally {
    await client.end();
  }
}
