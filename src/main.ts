import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { prepareDatabase } from './database/prepare-database';
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

async function bootstrap(): Promise<void> {
  const config = readConfig();
  const { url, embedded } = await prepareDatabase(config, (line) => console.log(line));
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
