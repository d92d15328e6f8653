import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { toAppError } from '../../src/common/errors/problem.filter';
import { isDatabaseUnavailable } from '../../src/database/db-errors';
import { PrismaService } from '../../src/database/prisma.service';
import { createTestDatabase, TestDatabase } from '../helpers/database';

/**
 * What the service sees when PostgreSQL shuts down under it: a fast shutdown terminates every
 * backend with 57P01 ("terminating connection due to administrator command"). Reproduced here by
 * terminating the backend of a Prisma query that waits on a lock. Regression: Prisma reports that
 * as P2039 with the SQLSTATE only in meta.driverAdapterError, which used to become a 500
 * (bench/outage.mjs found it); it must be a 503 with Retry-After, and the pool must recover.
 */
describe('a database connection terminated under a Prisma query', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let locker: Client;
  let admin: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = new PrismaService({ url: db.url, poolSize: 2 });
    locker = new Client({ connectionString: db.url });
    await locker.connect();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await locker.end();
    await admin.end();
    await prisma.onModuleDestroy();
    await db.drop();
  });

  async function terminatedQueryError(): Promise<unknown> {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE idempotency_keys IN ACCESS EXCLUSIVE MODE');
    const pending = prisma.idempotencyKey.findUnique({ where: { userId_key: { userId: randomUUID(), key: 'outage-test' } } }).then(
      () => new Error('the query was expected to fail'),
      (err: unknown) => err,
    );
    try {
      // Wait until the query is blocked on the lock, then end its backend as a shutdown would
      // (from a connection outside the locking transaction, which would see a frozen snapshot
      // of pg_stat_activity).
      let terminated = false;
      for (let i = 0; i < 100 && !terminated; i++) {
        const { rows } = await admin.query<{ ok: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        );
        terminated = rows.some((r) => r.ok);
        if (!terminated) await new Promise((r) => setTimeout(r, 50));
      }
      expect(terminated).toBe(true);
      return await pending;
    } finally {
      await locker.query('ROLLBACK');
    }
  }

  it('is classified as the database being unavailable: a 503 with Retry-After, never a 500', async () => {
    const err = await terminatedQueryError();
    expect(isDatabaseUnavailable(err)).toBe(true);
    const problem = toAppError(err);
    expect(problem.status).toBe(503);
    expect(problem.code).toBe('DATABASE_UNAVAILABLE');
    expect(problem.headers['Retry-After']).toBeDefined();
  });

  it('leaves Prisma and the pool usable: the next queries succeed without a restart', async () => {
    await terminatedQueryError();
    for (let i = 0; i < 4; i++) {
      await expect(prisma.idempotencyKey.count()).resolves.toBe(0);
      await expect(prisma.pool.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    }
  });
});
