import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Applies prisma/migrations exactly as `prisma migrate deploy` records them, so either tool can
 * take over from the other: same `_prisma_migrations` table, same SHA-256 checksums, same
 * advisory lock, same refusal to continue past a failed migration (Prisma's P3009).
 */

const PRISMA_ADVISORY_LOCK = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {}

export function checksumOf(sql: Buffer | string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Checksums Prisma accepts for a file: as stored, and with its line endings switched. */
function acceptedChecksums(sql: string): Set<string> {
  const lf = sql.replace(/\r\n/g, '\n');
  const crlf = lf.replace(/\n/g, '\r\n');
  return new Set([checksumOf(sql), checksumOf(lf), checksumOf(crlf)]);
}

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const bytes = await readFile(join(dir, name, 'migration.sql'));
    files.push({ name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) });
  }
  return files;
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate(
  connectionString: string,
  migrationsDir: string,
  log: (line: string) => void = () => undefined,
): Promise<MigrationResult> {
  const files = await readMigrations(migrationsDir);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      await client.query(CREATE_TABLE);
      return await applyPending(client, files, log);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: Client,
  files: MigrationFile[],
  log: (line: string) => void,
): Promise<MigrationResult> {
  const { rows } = await client.query<AppliedRow>(
    'SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and was not rolled back (Prisma P3009). ` +
        'Fix the database, then mark it with `prisma migrate resolve`.',
    );
  }
  const done = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  for (const row of done.values()) {
    const file = files.find((f) => f.name === row.migration_name);
    if (file && !acceptedChecksums(file.sql).has(row.checksum)) {
      log(`warning: migration ${row.migration_name} was modified after it was applied`);
    }
  }
  const pending = files.filter((f) => !done.has(f.name));
  for (const file of pending) {
    await applyOne(client, file);
    log(`applied migration ${file.name}`);
  }
  return { applied: pending.map((f) => f.name), alreadyApplied: done.size };
}

async function applyOne(client: Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query(
    'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
    [id, file.checksum, file.name],
  );
  try {
    // One simple-protocol query: PostgreSQL runs a multi-statement string in one implicit transaction.
    await client.query(file.sql);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
    throw new MigrationError(`Migration ${file.name} failed: ${message}`);
  }
  await client.query(
    'UPDATE "_prisma_migrations" SET applied_steps_count = 1, finished_at = now() WHERE id = $1',
    [id],
  );
}
