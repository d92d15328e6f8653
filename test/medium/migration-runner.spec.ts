import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { checksumOf, migrate, MigrationError, readMigrations } from '../../src/database/migration-runner';
import { MIGRATIONS_DIR } from '../../src/database/paths';
import { createTestDatabase, TestDatabase } from '../helpers/database';

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migration runner', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
    // Start from an empty schema rather than the migrated template.
    await query(db.url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  });
  afterEach(() => db.drop());

  it('records each migration exactly as prisma migrate deploy does', async () => {
    const result = await migrate(db.url, MIGRATIONS_DIR);
    const files = await readMigrations(MIGRATIONS_DIR);
    expect(result.applied).toEqual(files.map((f) => f.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; logs: string | null }>(
      db.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toEqual(
      files.map((f) => ({ migration_name: f.name, checksum: f.checksum, finished_at: expect.any(Date), applied_steps_count: 1, logs: null })),
    );
    expect(files[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    const columns = await query<{ column_name: string; data_type: string }>(
      db.url,
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'id', 'checksum', 'finished_at', 'migration_name', 'logs', 'rolled_back_at', 'started_at', 'applied_steps_count',
    ]);
  });

  it('applies nothing the second time', async () => {
    await migrate(db.url, MIGRATIONS_DIR);
    const again = await migrate(db.url, MIGRATIONS_DIR);
    expect(again.applied).toEqual([]);
  });

  it('computes the checksum as SHA-256 of the file bytes', () => {
    expect(checksumOf(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('rolls a failing migration back, logs the error, and refuses to continue (P3009)', async () => {
    const dir = await migrationsDir({
      '001_ok': 'CREATE TABLE a (id int);',
      '002_broken': 'CREATE TABLE b (id int); SELECT * FROM missing_table;',
      '003_later': 'CREATE TABLE c (id int);',
    });
    await expect(migrate(db.url, dir)).rejects.toThrow(MigrationError);
    const tables = await query<{ table_name: string }>(
      db.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('a','b','c') ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['a']);
    const [row] = await query<{ finished_at: Date | null; logs: string }>(
      db.url,
      "SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '002_broken'",
    );
    expect(row.finished_at).toBeNull();
    expect(row.logs).toContain('missing_table');
    await expect(migrate(db.url, dir)).rejects.toThrow(/P3009/);
  });

  it('skips migrations that Prisma recorded, and resumes after one marked rolled back', async () => {
    const dir = await migrationsDir({ '001_a': 'CREATE TABLE a (id int);', '002_b': 'CREATE TABLE b (id int);' });
    await migrate(db.url, dir);
    await query(db.url, "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '002_b'");
    await query(db.url, 'DROP TABLE b');
    const result = await migrate(db.url, dir);
    expect(result.applied).toEqual(['002_b']);
  });
});
