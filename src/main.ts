import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { prepareDatabase } from './database/prepare-database';
import { createApp } from './app.setup';
import { drainAndClose } from './common/http/graceful-shutdown';
import { seedDemoData } from '../prisma/seed/demo';
import { NotesService } from './modules/misinformation/notes/notes.service';

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
  const seeded = config.seedDemoData ? await seedDemoData(url) : null;
  if (seeded) console.log(`empty database: seeded demo data (${seeded})`);
  const app = await createApp({ config, databaseUrl: url });
  // The seeded context note has its ratings: score it now rather than at the first scheduled run.
  if (seeded) await app.get(NotesService).score('schedule');
  // On SIGTERM/SIGINT: stop accepting, let in-flight requests finish (up to SHUTDOWN_GRACE_SECONDS),
  // close the pool, then stop the embedded server if we started one.
  const stop = (signal: NodeJS.Signals): void => {
    console.log(`${signal}: draining in-flight requests`);
    void drainAndClose(app, { graceMs: config.shutdownGraceSeconds * 1000 })
      .then(({ forced }) => {
        if (forced) console.error(`requests still running after ${config.shutdownGraceSeconds} s were cut off`);
        return embedded?.stop();
      })
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error('shutdown failed:', err instanceof Error ? err.message : err);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen(config.port, config.host);
  console.log(`Parley API:  ${config.publicUrl}/api`);
  console.log(`API docs:    ${config.publicUrl}/docs  (OpenAPI: ${config.publicUrl}/api/openapi.json)`);
  console.log(`Health:      ${config.publicUrl}/health/ready`);
  console.log(`Demo page:   ${config.publicUrl}/demo  (the reader embed under a seeded article)`);
}

bootstrap().catch((err: unknown) => {
  console.error('Parley failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
