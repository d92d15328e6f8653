import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { EmbeddedServer, startEmbeddedPostgres } from './database/embedded-postgres';
import { migrate } from './database/migration-runner';
import { MIGRATIONS_DIR } from './database/paths';
import { createApp } from './app.setup';
import { seedDemoData } from '../prisma/seed/demo';

/** Exit code for bad configuration (EX_CONFIG from sysexits.h). */
const EXIT_BAD_CONFIG = 78;

function readConfig(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(EXIT_BAD_CONFIG);
    }
    throw err;
  }
}

async function resolveDatabase(config: AppConfig): Promise<{ url: string; embedded: EmbeddedServer | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  console.log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${config.embeddedPgDir} (port ${config.embeddedPgPort})`);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.embeddedPgDir,
    port: config.embeddedPgPort,
    database: 'parley',
  });
  return { url: embedded.url, embedded };
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  const { url, embedded } = await resolveDatabase(config);
  const result = await migrate(url, MIGRATIONS_DIR, (line) => console.log(line));
  console.log(`database ready: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place`);
  if (config.seedDemoData) {
    const seeded = await seedDemoData(url);
    if (seeded) console.log(`empty database: seeded demo data (${seeded})`);
  }
  const app = await createApp({ config, databaseUrl: url });
  // On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the pool, then stop
  // the embedded server if we started one.
  const stop = (): void => {
    void app
      .close()
      .then(() => embedded?.stop())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen(config.port, config.host);
  console.log(`Parley API:  ${config.publicUrl}/api`);
  console.log(`API docs:    ${config.publicUrl}/docs  (OpenAPI: ${config.publicUrl}/api/openapi.json)`);
  console.log(`Health:      ${config.publicUrl}/health/ready`);
}

bootstrap().catch((err: unknown) => {
  console.error('Parley failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
