import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createUser, TestUser } from '../helpers/factories';

/**
 * No request holds the database past a bound: campaigns over thousands of near-identical comments
 * answer in seconds (it ran 123 s), a statement over the timeout becomes a 503 problem, and a
 * desk query stops on the server when its client goes away.
 */

/** Near-identical comments from `accounts` authors in the last hour, written straight to the table (fast). */
async function flood(t: TestApp, articleId: string, count: number, accounts: number, offset = 0): Promise<void> {
  await t.prisma.$executeRawUnsafe(
    `INSERT INTO users (id, display_name) SELECT gen_random_uuid(), 'Flood ' || g FROM generate_series(1, $1::int) g WHERE $2::int = 0`,
    accounts,
    offset,
  );
  await t.prisma.$executeRawUnsafe(
    `WITH authors AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE display_name LIKE 'Flood %'),
          rows AS (SELECT gen_random_uuid() AS id, g FROM generate_series($2::int + 1, $2::int + $3::int) g)
     INSERT INTO comments (id, article_id, author_id, root_id, path, status, body_source, body_html, created_at)
     SELECT r.id, $1::uuid, a.id, r.id, lpad(to_hex(r.g), 10, '0'), 'PUBLISHED',
            'The western media hides that the army liberated the whole region yesterday, number ' || (r.g % 9),
            '<p>copy</p>', now() - make_interval(secs => r.g % 3000)
     FROM rows r JOIN authors a ON a.n = 1 + r.g % $4::int`,
    articleId,
    offset,
    count,
    accounts,
  );
}

describe('bounded database work', () => {
  let t: TestApp;
  let checker: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_REPORT_TIMEOUT_MS: '60000' });
    checker = await createUser(t.prisma, { role: 'FACT_CHECKER' });
  });
  afterAll(() => t.close());

  it('finds a campaign of 4,400 near-identical comments in seconds, and says when the window held more than it scans', async () => {
    const article = await createArticle(t.prisma);
    await flood(t, article.id, 4400, 50);
    const started = Date.now();
    const res = await request(t.http).get('/api/desk/campaigns?hours=6&minAccounts=5').set(checker.auth).expect(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.body).toMatchObject({ truncated: false, scanned: 4400 });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ accounts: 50 });
    expect(res.body.items[0].commentIds).toHaveLength(4400);

    await flood(t, article.id, 1000, 50, 4400);
    const more = await request(t.http).get('/api/desk/campaigns?hours=6&minAccounts=5').set(checker.auth).expect(200);
    expect(more.body).toMatchObject({ truncated: true, scanned: 5000 });
  }, 60_000);

  it('cancels the desk query on the server when the client goes away', async () => {
    const locker = new Client({ connectionString: t.db.url });
    // pg_stat_activity is read from outside the locking transaction, which would see a frozen snapshot of it.
    const observer = new Client({ connectionString: t.db.url });
    await locker.connect();
    await observer.connect();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as { port: number };
    const waiting = async () =>
      Number(
        (
          await observer.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%FROM comments%'`,
          )
        ).rows[0].n,
      );
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE comments IN ACCESS EXCLUSIVE MODE');
      const req = httpRequest({ port, host: '127.0.0.1', path: '/api/desk/campaigns?hours=1', headers: checker.auth });
      req.on('error', () => undefined);
      req.end();
      let seen = 0;
      for (let i = 0; i < 100 && seen === 0; i++) {
        seen = await waiting();
        if (seen === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen).toBe(1);
      req.destroy();
      let left = 1;
      for (let i = 0; i < 60 && left > 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        left = await waiting();
      }
      // Gone from pg_stat_activity while the lock it waited for is still held.
      expect(left).toBe(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await observer.end();
    }
  });
});

describe('statement timeouts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '300', DATABASE_REPORT_TIMEOUT_MS: '400' });
  });
  afterAll(() => t.close());

  it('answers a read and a desk query held past their bound with a 503 problem, not a 500 or a hang', async () => {
    const article = await createArticle(t.prisma);
    const checker = await createUser(t.prisma, { role: 'FACT_CHECKER' });
    const locker = new Client({ connectionString: t.db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE comments IN ACCESS EXCLUSIVE MODE');
      for (const [path, auth] of [
        [`/api/articles/${article.id}/comments`, {}],
        ['/api/desk/campaigns?hours=1', checker.auth],
      ] as const) {
        const started = Date.now();
        const res = await request(t.http).get(path).set(auth);
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 503, code: 'QUERY_TIMEOUT' });
        expect(res.headers['retry-after']).toBe('5');
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(Date.now() - started).toBeLessThan(3000);
      }
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await request(t.http).get(`/api/articles/${article.id}/comments`).expect(200);
  });
});
