import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrate } from '../../src/database/migration-runner';
import { MIGRATIONS_DIR, ROOT_DIR } from '../../src/database/paths';
import { redisUnreachable } from './redis-probe';

/**
 * One PostgreSQL for the whole run: a throw-away embedded cluster (or TEST_DATABASE_URL's server),
 * with a template database migrated once by the project's own runner. Each test file clones it.
 * Never touches DATABASE_URL.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The front end, built once per run into a temporary directory (esbuild takes well under a
 * second), so the e2e and browser tests serve what `npm run build` would ship without needing a
 * build first. A child process, because the build script is an ES module.
 */
async function buildWeb(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-test-web-'));
  execFileSync(process.execPath, [join(ROOT_DIR, 'web', 'build.mjs'), dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

export default async function globalSetup(): Promise<void> {
  const templateDb = `parley_template_${process.pid}`;
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-test-pg-'));
    // Our own throw-away directory: PostgreSQL's user (when we are root) may walk through it.
    await chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'data'),
      port: await freePort(),
      database: 'postgres',
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    });
    adminUrl = server.url;
    (globalThis as { __parleyPg?: unknown }).__parleyPg = { server, dataDir };
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}"`);
    await admin.query(`CREATE DATABASE "${templateDb}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDb}`;
  await migrate(templateUrl.toString(), MIGRATIONS_DIR);
  // The Redis the rate-limit sharing tests use; without one they are skipped, saying why.
  const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  process.env.PARLEY_TEST_REDIS_URL = redisUrl;
  process.env.PARLEY_TEST_REDIS_UNREACHABLE = (await redisUnreachable(redisUrl)) ?? '';
  process.env.PARLEY_TEST_WEB_DIR = await buildWeb();
  process.env.PARLEY_TEST_ADMIN_URL = adminUrl;
  process.env.PARLEY_TEST_TEMPLATE_DB = templateDb;
}
