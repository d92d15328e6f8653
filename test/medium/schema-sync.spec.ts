import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * prisma/schema.prisma and prisma/migrations must describe the same database. These tests run
 * scripts/schema-engine.mjs (Prisma's WebAssembly schema engine; ESM, hence a child process)
 * against the test cluster started by the medium project's globalSetup.
 */

const ROOT = resolve(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'schema-engine.mjs');
const TIMEOUT = 60_000; // one engine run takes about a second; leave room for slow CI machines

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through the medium jest project's globalSetup`);
  return value;
}

const ADMIN_URL = requiredEnv('PARLEY_TEST_ADMIN_URL');
const TEMPLATE_DB = requiredEnv('PARLEY_TEST_TEMPLATE_DB');

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script with DATABASE_URL pointing at `databaseUrl` (never the developer's own). */
function runScript(args: string[], databaseUrl: string): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: TIMEOUT - 5_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A fresh database cloned from the migrated template; the callers drop it. */
async function cloneTemplate(): Promise<string> {
  const name = `parley_schema_sync_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    // CREATE DATABASE … TEMPLATE fails while another session is briefly connected to the
    // template (another worker cloning it): retry a few times on 55006 object_in_use.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(TEMPLATE_DB)}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt === 10) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  });
  return name;
}

async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

async function execIn(database: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A throw-away copy of prisma/ that a test may modify. */
function copyOfPrismaDir(): { dir: string; schema: string; migrations: string } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-schema-sync-'));
  cpSync(join(ROOT, 'prisma'), dir, { recursive: true });
  return { dir, schema: join(dir, 'schema.prisma'), migrations: join(dir, 'migrations') };
}

/** Objects schema.prisma cannot express (without preview features), as hand-written migrations add them. */
const UNMODELLED_SQL = `
-- A trigger whose body holds ';' (adapter-pg would split the script there).
CREATE FUNCTION "parley_test_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."updated_at" := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER "parley_test_touch" BEFORE UPDATE ON "articles"
  FOR EACH ROW EXECUTE FUNCTION "parley_test_touch"();
CREATE INDEX "articles_parley_test_open_idx" ON "articles"("published_at" DESC) WHERE "comments_open";
CREATE UNIQUE INDEX "tags_parley_test_lower_name_key" ON "tags"(lower("name"));
ALTER TABLE "tags" ADD CONSTRAINT "tags_parley_test_check" CHECK ("name" <> ';');
`;

async function shadowDatabases(): Promise<string[]> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'parley\\_shadow\\_%'",
    );
    return rows.map((r) => r.datname);
  });
}

describe('schema.prisma and prisma/migrations stay in sync', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it(
    'the migrations produce exactly schema.prisma',
    async () => {
      const before = await shadowDatabases();
      const result = await runScript(['diff'], ADMIN_URL);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('migrations match schema.prisma');
      // The shadow database the script created for the replay is gone again.
      expect(await shadowDatabases()).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    "a database migrated by the project's runner has no drift from schema.prisma",
    async () => {
      const db = await cloneTemplate();
      cleanups.push(() => dropDatabase(db));
      const result = await runScript(['drift'], urlFor(db));
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('database matches schema.prisma');
    },
    TIMEOUT,
  );

  it(
    'drift is detected when the database differs',
    async () => {
      const db = await cloneTemplate();
      cleanups.push(() => dropDatabase(db));
      await execIn(db, 'ALTER TABLE articles ADD COLUMN junk int');
      const result = await runScript(['drift'], urlFor(db));
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/ALTER TABLE "articles" DROP COLUMN "junk"/);
    },
    TIMEOUT,
  );

  it(
    'diff detects a schema change without a migration',
    async () => {
      const copy = copyOfPrismaDir();
      cleanups.push(() => rmSync(copy.dir, { recursive: true, force: true }));
      const schema = readFileSync(copy.schema, 'utf8');
      const changed = schema.replace(/^(model Tag \{\n)/m, '$1  parleyTestField String? @map("parley_test_field")\n');
      expect(changed).not.toBe(schema);
      writeFileSync(copy.schema, changed);

      const result = await runScript(['diff', '--schema', copy.schema, '--migrations', copy.migrations], ADMIN_URL);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/ALTER TABLE "tags" ADD COLUMN\s+"parley_test_field" TEXT/);
    },
    TIMEOUT,
  );

  it(
    'hand-written CHECKs, triggers and partial indexes are not reported as differences',
    async () => {
      // The engine does not model these; if an engine upgrade starts reporting them, the
      // script must learn to filter them (precisely) before this passes again.
      const copy = copyOfPrismaDir();
      cleanups.push(() => rmSync(copy.dir, { recursive: true, force: true }));
      mkdirSync(join(copy.migrations, '99991231235959_unmodelled'));
      writeFileSync(join(copy.migrations, '99991231235959_unmodelled', 'migration.sql'), UNMODELLED_SQL);
      const diff = await runScript(['diff', '--schema', copy.schema, '--migrations', copy.migrations], ADMIN_URL);
      expect(diff).toMatchObject({ code: 0, stderr: '' });

      const db = await cloneTemplate();
      cleanups.push(() => dropDatabase(db));
      await execIn(db, UNMODELLED_SQL);
      const drift = await runScript(['drift'], urlFor(db));
      expect(drift).toMatchObject({ code: 0, stderr: '' });
    },
    TIMEOUT,
  );

  it(
    'an unreachable database is reported with exit code 2',
    async () => {
      const url = new URL(ADMIN_URL);
      url.pathname = `/parley_schema_sync_missing_${randomBytes(4).toString('hex')}`;
      const result = await runScript(['drift'], url.toString());
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot connect to .*does not exist/);
    },
    TIMEOUT,
  );
});
