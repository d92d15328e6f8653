import 'reflect-metadata';
import { inspect } from 'node:util';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { seedDemoData } from '../prisma/seed/demo';
import { createApp } from './app.setup';
import { drainAndClose } from './common/http/graceful-shutdown';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import type { EmbeddedServer } from './database/embedded-postgres';
import { prepareDatabase } from './database/prepare-database';
import { MetricsService } from './modules/metrics/metrics.service';
import { NotesService } from './modules/misinformation/notes/notes.service';

/** Exit code for bad configuration (EX_CONFIG from sysexits.h). */
const EXIT_BAD_CONFIG = 78;

/**
 * Ctrl-C (SIGINT), a process manager or npm passing on a stop (SIGTERM). Not SIGHUP: `nohup`
 * relies on it staying ignored.
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** What has been started so far, stopped in reverse order on a signal. */
const running: { app: NestExpressApplication | null; embedded: EmbeddedServer | null; listening: boolean } = {
  app: null,
  embedded: null,
  listening: false,
};

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

/**
 * The first signal drains: the listener closes, requests in flight finish (up to
 * SHUTDOWN_GRACE_SECONDS), the pool closes, then the embedded server stops. During start-up there
 * is nothing to drain. Later signals are ignored: a Ctrl-C under `npm start` reaches Node twice
 * (from the terminal and passed on by npm), and the drain is bounded anyway.
 */
function handleStopSignals(config: AppConfig): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    const { app, embedded, listening } = running;
    console.log(listening ? `${signal}: draining in-flight requests` : `${signal} during start-up: stopping`);
    const drained = app && listening ? drainAndClose(app, { graceMs: config.shutdownGraceSeconds * 1000 }) : Promise.resolve({ forced: false });
    void drained
      .then(({ forced }) => {
        if (forced) console.error(`requests still running after ${config.shutdownGraceSeconds} s were cut off`);
        return embedded?.stop();
      })
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`shutdown failed: ${describeFailure(err)}`);
          process.exit(1);
        },
      );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  handleStopSignals(config);
  const { url, embedded } = await prepareDatabase(config, (line) => console.log(line));
  running.embedded = embedded;
  const seeded = config.seedDemoData ? await seedDemoData(url) : null;
  if (seeded) console.log(`empty database: seeded demo data (${seeded})`);
  running.app = await createApp({ config, databaseUrl: url });
  running.app.get(MetricsService).collectProcessMetrics();
  // The seeded context note has its ratings: score it now rather than at the first scheduled run.
  if (seeded) await running.app.get(NotesService).score('schedule');
  await running.app.listen(config.port, config.host);
  running.listening = true;
  // Last, so that it is the last thing on the screen (framework start-up lines are debug level).
  console.log(
    [
      '',
      `Parley is listening on ${config.host}:${config.port}`,
      `  API:      ${config.publicUrl}/api`,
      `  Docs:     ${config.publicUrl}/docs`,
      `  OpenAPI:  ${config.publicUrl}/api/openapi.json`,
      `  Health:   ${config.publicUrl}/health/ready`,
      `  Demo:     ${config.publicUrl}/demo`,
      `  Console:  ${config.publicUrl}/console`,
      '',
    ].join('\n'),
  );
}

/** A failure's own words: some libraries reject with undefined, strings or plain objects. */
function describeFailure(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map(describeFailure).join('; ');
  if (err instanceof Error) {
    const cause = err.cause === undefined ? '' : ` (${describeFailure(err.cause)})`;
    return `${err.message || err.name}${cause}`;
  }
  if (err === undefined || err === null) return `an error without any description (${String(err)})`;
  return typeof err === 'string' ? err : inspect(err, { depth: 3, breakLength: Infinity });
}

bootstrap().catch(async (err: unknown) => {
  console.error(`Parley failed to start: ${describeFailure(err)}`);
  await running.embedded?.stop().catch(() => undefined);
  process.exit(1);
});
