import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { EmbeddedServer, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrate } from '../../src/database/migration-runner';
import { MIGRATIONS_DIR } from '../../src/database/paths';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser, TestUser } from '../helpers/factories';

/**
 * Read replicas against a real streaming standby: two embedded PostgreSQL clusters, the second a
 * file-level copy of the first with standby.signal and primary_conninfo (the embedded-postgres
 * package ships initdb, pg_ctl and postgres but not pg_basebackup). Replay is paused and resumed
 * with pg_wal_replay_pause/resume, so "the replica has not seen this row yet" is a fact, not a race.
 * The apps' periodic checks are set ten minutes apart; the tests run each check themselves (checkNow).
 */

const FAST = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=80'];
const LONG = '600000';

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

describe('read replicas on a real streaming standby', () => {
  let base: string;
  let primary: EmbeddedServer;
  let replica: EmbeddedServer;
  let replicaSql: Client;
  let primarySql: Client;
  let t: TestApp;
  let writer: TestUser;
  let moderator: TestUser;

  async function startPrimary(port: number) {
    return startEmbeddedPostgres({ dataDir: join(base, 'primary'), port, database: 'parley', postgresFlags: FAST });
  }

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'parley-replica-test-'));
    await chmod(base, 0o755);
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    primary = await startPrimary(primaryPort);
    await migrate(primary.url, MIGRATIONS_DIR);
    await primary.stop();
    // The copy keeps owner and modes (the "postgres" user's when we are root).
    const replicaDir = join(base, 'replica');
    execFileSync('cp', ['-a', primary.dataDir, replicaDir]);
    const { uid, gid } = await stat(replicaDir);
    await writeFile(join(replicaDir, 'standby.signal'), '');
    await chown(join(replicaDir, 'standby.signal'), uid, gid);
    const password = decodeURIComponent(new URL(primary.url).password);
    await appendFile(join(replicaDir, 'postgresql.auto.conf'), `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=${password} application_name=parley_replica'\n`);
    primary = await startPrimary(primaryPort);
    replica = await startEmbeddedPostgres({ dataDir: replicaDir, port: replicaPort, database: 'parley', postgresFlags: FAST });
    primarySql = new Client({ connectionString: primary.url });
    replicaSql = new Client({ connectionString: replica.url });
    // The replica is stopped in the last test: its session's end is expected, not a crash.
    replicaSql.on('error', () => undefined);
    await primarySql.connect();
    await replicaSql.connect();
    t = await startTestApp(
      { DATABASE_REPLICA_URLS: replica.url, REPLICA_MAX_LAG_MS: LONG, REPLICA_CHECK_INTERVAL_MS: LONG, READ_YOUR_WRITES_MS: String(3 * Number(LONG)) },
      { db: { url: primary.url, name: 'parley', drop: async () => undefined } },
    );
    writer = await createUser(t.prisma, { displayName: 'Wren Writer' });
    moderator = await createUser(t.prisma, { role: 'MODERATOR' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await primarySql?.end().catch(() => undefined);
    await replicaSql?.end().catch(() => undefined);
    await replica?.stop();
    await primary?.stop();
    if (base) await rm(base, { recursive: true, force: true });
  });

  /** Waits until the replica has replayed everything the primary had written when this was called. */
  async function caughtUp(): Promise<void> {
    const { rows } = await primarySql.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    for (;;) {
      const { rows: r } = await replicaSql.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [rows[0].lsn]);
      if (r[0].done) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function pauseReplay(): Promise<void> {
    await replicaSql.query('SELECT pg_wal_replay_pause()');
    for (;;) {
      const { rows } = await replicaSql.query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state');
      if (rows[0].state === 'paused') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function pageIds(articleId: string, headers: Record<string, string> = {}): Promise<string[]> {
    const res = await request(t.http).get(`/api/articles/${articleId}/comments`).set(headers).expect(200);
    return (res.body.items as { id: string }[]).map((c) => c.id);
  }

  it('serves anonymous pages from the replica, and a signed-in writer from the primary until the write mark ages out', async () => {
    const article = await createArticle(t.prisma);
    await caughtUp();
    await pauseReplay();
    try {
      const posted = await request(t.http).post(`/api/articles/${article.id}/comments`).set(writer.auth).send({ body: 'Has this been independently verified?' }).expect(201);
      const mark = posted.headers['parley-wrote-at'];
      expect(Number(mark)).toBeGreaterThan(0);
      // The replica has not replayed the comment: anonymous readers do not see it yet…
      expect(await pageIds(article.id)).toEqual([]);
      expect((await request(t.http).get(`/api/articles/${article.id}`).expect(200)).body.comments.count).toBe(0);
      // …nor does a signed-in reader who wrote nothing, or the writer without (or with an aged) mark…
      expect(await pageIds(article.id, moderator.auth)).toEqual([]);
      expect(await pageIds(article.id, writer.auth)).toEqual([]);
      expect(await pageIds(article.id, { ...writer.auth, 'Parley-Wrote-At': String(Date.now() - 3 * Number(LONG) - 1000) })).toEqual([]);
      // …but the writer sending back the mark reads the primary and sees their own comment.
      expect(await pageIds(article.id, { ...writer.auth, 'Parley-Wrote-At': mark })).toEqual([posted.body.id]);
      // The mark is honoured only beside a credential: anonymous traffic cannot pin the primary.
      expect(await pageIds(article.id, { 'Parley-Wrote-At': mark })).toEqual([]);
    } finally {
      await replicaSql.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    expect(await pageIds(article.id)).toHaveLength(1);
  });

  it('reads moderation queue counts from the replica', async () => {
    const article = await createArticle(t.prisma);
    await caughtUp();
    await pauseReplay();
    try {
      await createComment(t.prisma, { articleId: article.id, authorId: writer.id, status: 'PENDING' });
      const counts = await request(t.http).get(`/api/moderation/queues?article=${article.id}`).set(moderator.auth).expect(200);
      expect(counts.body.counts.pending).toBe(0);
    } finally {
      await replicaSql.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    const counts = await request(t.http).get(`/api/moderation/queues?article=${article.id}`).set(moderator.auth).expect(200);
    expect(counts.body.counts.pending).toBe(1);
  });

  it('skips a replica that lags more than REPLICA_MAX_LAG_MS until it catches up', async () => {
    // A second instance on the same clusters whose bound is zero: any replay behind its check is too far.
    const strict = await startTestApp(
      { DATABASE_REPLICA_URLS: replica.url, REPLICA_MAX_LAG_MS: '0', REPLICA_CHECK_INTERVAL_MS: LONG, READ_YOUR_WRITES_MS: String(2 * Number(LONG)) },
      { db: { url: primary.url, name: 'parley', drop: async () => undefined } },
    );
    const set = strict.prisma.replicaSet!;
    const stateNow = async () => {
      await set.checkNow();
      return set.health()[0];
    };
    try {
      const article = await createArticle(t.prisma);
      await caughtUp();
      while ((await stateNow()).state !== 'up') await caughtUp();
      await pauseReplay();
      let commentId: string;
      try {
        commentId = (await createComment(t.prisma, { articleId: article.id, authorId: writer.id })).id;
        const health = await stateNow();
        expect(health).toMatchObject({ replica: 1, state: 'lagging' });
        expect(health.lagMs).toBeGreaterThanOrEqual(0);
        const ready = await request(strict.http).get('/health/ready').expect(200);
        expect(ready.body.details.replicas).toMatchObject({ status: 'up', configured: 1, serving: 0, replicas: [{ replica: 1, state: 'lagging' }] });
        // Lagging: anonymous reads go to the primary and see the new comment at once.
        const page = await request(strict.http).get(`/api/articles/${article.id}/comments`).expect(200);
        expect(page.body.items.map((c: { id: string }) => c.id)).toEqual([commentId]);
      } finally {
        await replicaSql.query('SELECT pg_wal_replay_resume()');
      }
      await caughtUp();
      while ((await stateNow()).state !== 'up') await caughtUp();
      expect((await request(strict.http).get('/health/ready').expect(200)).body.details.replicas.serving).toBe(1);
      expect((await request(strict.http).get('/metrics').expect(200)).text).toMatch(/parley_database_replica_serving\{replica="1"\} 1\n[^]*parley_database_replica_lag_seconds\{replica="1"\} 0\n/);
    } finally {
      await strict.close();
    }
  });

  it('falls back to the primary when the replica stops, between checks and after, and stays ready', async () => {
    const article = await createArticle(t.prisma);
    await caughtUp();
    await pauseReplay();
    const comment = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(writer.auth).send({ body: 'Reported retaken, unconfirmed.' }).expect(201)).body as { id: string };
    expect(await pageIds(article.id)).toEqual([]);
    await replica.stop();
    // No check has run yet: the first read (through Prisma's model API) finds the replica gone and
    // is answered from the primary, and so is the next (hot statements on the pool).
    expect((await request(t.http).get(`/api/articles/${article.id}`).expect(200)).body.comments.count).toBe(1);
    expect(await pageIds(article.id)).toEqual([comment.id]);
    await t.prisma.replicaSet!.checkNow();
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body.details.database.status).toBe('up');
    expect(ready.body.details.replicas).toMatchObject({ serving: 0, replicas: [{ replica: 1, state: 'down', lagMs: null }] });
    expect(ready.text).not.toContain(String(new URL(replica.url).port));
    const metrics = await request(t.http).get('/metrics').expect(200);
    expect(metrics.text).toContain('parley_database_replica_serving{replica="1"} 0');
    expect(metrics.text).not.toContain('parley_database_replica_lag_seconds{replica="1"}');
    expect(await pageIds(article.id)).toEqual([comment.id]);
    expect((await request(t.http).get(`/api/articles/${article.id}`).expect(200)).body.comments.count).toBe(1);
  });
});
