import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { ImportService } from '../../src/modules/import/import.service';
import { startTestApp, TestApp } from '../helpers/app';
import { importedThreads, importFingerprint, invariantFailures } from '../helpers/import-checks';

const WXR = join(__dirname, '../fixtures/import/frontline-monitor.wxr.xml');
const DEIR = 'https://frontline-monitor.example/2016/04/deir-ez-zor-casualty-figures/';
const TAL = 'https://frontline-monitor.example/2016/04/tal-hamid-unconfirmed/';

describe('importing a WordPress export', () => {
  let t: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    t = await startTestApp();
    pool = new Pool({ connectionString: t.db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('rebuilds both threads with their order and depth, parents written after children included', async () => {
    const summary = await t.app.get(ImportService).run('wxr', WXR, { batchSize: 3 });
    expect(summary.source).toBe('wxr:https://frontline-monitor.example');
    expect(summary.totals).toEqual({
      articlesCreated: 2,
      articlesMatched: 0,
      commentsWritten: 11,
      skipped: { 'parent skipped': 1, pingback: 1, spam: 1, trash: 1 },
      accountsCreated: 6,
      accountsMatched: 0,
    });
    const lines = (await importedThreads(pool)).map((l) => [l.url, l.sourceId, l.parent, l.depth, l.status]);
    expect(lines).toEqual([
      [DEIR, '11', null, 0, 'APPROVED'],
      [DEIR, '14', '11', 1, 'APPROVED'],
      [DEIR, '19', '14', 2, 'APPROVED'],
      [DEIR, '20', null, 0, 'APPROVED'],
      [DEIR, '21', '20', 1, 'APPROVED'],
      [DEIR, '22', null, 0, 'PENDING'],
      [TAL, '31', null, 0, 'APPROVED'],
      [TAL, '35', '31', 1, 'APPROVED'],
      [TAL, '32', '31', 1, 'APPROVED'],
      [TAL, '33', '32', 2, 'APPROVED'],
      [TAL, '34', '33', 3, 'APPROVED'],
    ]);
  });

  it('keeps every count exact, as the posting path would', async () => {
    expect(await invariantFailures(pool)).toEqual([]);
    const { rows } = await pool.query<{ url: string; comment_count: number }>('SELECT url, comment_count FROM articles ORDER BY url');
    expect(rows).toEqual([
      { url: DEIR, comment_count: 5 },
      { url: TAL, comment_count: 5 },
    ]);
  });

  it('sanitizes bodies like new comments: no script, no bidi override, Markdown source', async () => {
    const body = async (sourceId: string) =>
      (
        await pool.query<{ body_source: string; body_html: string }>(
          'SELECT c.body_source, c.body_html FROM comments c JOIN import_comments i ON i.comment_id = c.id WHERE i.source_id = $1',
          [sourceId],
        )
      ).rows[0];
    const pending = await body('22');
    expect(pending.body_source).toBe('Has this been independently verified, or is it another fake news report? Nobody here has been to the base.');
    expect(pending.body_html).not.toMatch(/script|alert/);
    const admin = await body('32');
    expect(admin.body_source).toBe('**Silos** footage is from 2014, see the minaret in the background. Reverse me');
    expect(admin.body_html).toContain('<strong>Silos</strong>');
    const linked = await body('21');
    expect(linked.body_source).toContain('[this map](https://maps.example/deir-ez-zor?utm_source=x)');
    expect(linked.body_html).toContain('rel="nofollow ugc noopener"');
    const quoted = await body('14');
    expect(quoted.body_source).toMatch(/^> Marek Novák says: Has the observatory ever published its list of names\?\n\nFor the March clashes/);
    expect(quoted.body_source).toContain('«قالت مصادر محلية إن عدد القتلى أقل بكثير مما أعلن»');
    const list = await body('11');
    // WordPress showed a typed "1." as text, not as a list: so does Parley.
    expect(list.body_source).toContain('\n1\\. Has the observatory ever published its list of names?\n2\\. Did');
    expect(list.body_html).toContain('<p>1. Has the observatory');
    expect(list.body_html).toContain('<em>both</em>');
  });

  it('gives each commenter one placeholder account: by email (any case), else by name; staff-like names replaced', async () => {
    const { rows } = await pool.query<{ display_name: string; email: string | null; placeholder: boolean; password_hash: string | null; n: number }>(
      `SELECT u.display_name, u.email, u.placeholder, u.password_hash, count(c.id)::int AS n
       FROM users u JOIN comments c ON c.author_id = u.id GROUP BY u.id ORDER BY u.display_name`,
    );
    expect(rows.every((r) => r.placeholder && r.password_hash === null)).toBe(true);
    const byName = Object.fromEntries(rows.map((r) => [r.display_name, { email: r.email, n: r.n }]));
    expect(byName['Marek Novák']).toEqual({ email: 'marek.novak@mail.example', n: 3 });
    expect(byName['Layla Haddad']).toEqual({ email: 'layla.h@mail.example', n: 2 });
    expect(byName['Tomasz']).toEqual({ email: null, n: 2 });
    expect(byName['Олег Петренко']).toEqual({ email: 'oleg@mail.example', n: 2 });
    expect(rows.map((r) => r.display_name)).not.toContain('Admin');
    expect(rows.filter((r) => /^Reader [0-9a-f]{4}$/.test(r.display_name))).toHaveLength(1);
  });

  it('shows the imported thread to readers through the API', async () => {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM articles WHERE url = $1', [TAL]);
    const res = await request(t.http).get(`/api/articles/${rows[0].id}/comments`).expect(200);
    expect(JSON.stringify(res.body)).toContain('Олег Петренко');
    expect(res.body.article.commentCount).toBe(5);
  });

  it('changes nothing when run a second time', async () => {
    const before = await importFingerprint(pool);
    const again = await t.app.get(ImportService).run('wxr', WXR, { batchSize: 3 });
    expect(again.commentsWrittenNow).toBe(0);
    expect(await importFingerprint(pool)).toBe(before);
  });

  it('lets a reader who registers with an imported email adopt the account and its comments', async () => {
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM users WHERE email = 'layla.h@mail.example'`);
    const res = await request(t.http)
      .post('/api/auth/register')
      .send({ email: 'Layla.H@mail.example', password: 'a quiet harbour at dusk 1916', displayName: 'Layla H.' })
      .expect(201);
    expect(res.body.user.id).toBe(rows[0].id);
    expect(res.body.user.displayName).toBe('Layla H.');
    const mine = await pool.query<{ n: number; placeholder: boolean }>(
      'SELECT (SELECT count(*)::int FROM comments WHERE author_id = u.id) AS n, u.placeholder FROM users u WHERE u.id = $1',
      [rows[0].id],
    );
    expect(mine.rows[0]).toEqual({ n: 2, placeholder: false });
    await request(t.http).post('/api/auth/login').send({ email: 'layla.h@mail.example', password: 'a quiet harbour at dusk 1916' }).expect(200);
    // Claimed once: registering the same email again is the usual conflict.
    await request(t.http)
      .post('/api/auth/register')
      .send({ email: 'layla.h@mail.example', password: 'another long passphrase 77', displayName: 'Someone Else' })
      .expect(409);
  });

  it('never lets anyone sign in to a placeholder that nobody has claimed', async () => {
    await request(t.http).post('/api/auth/login').send({ email: 'oleg@mail.example', password: '' }).expect((r) => expect([400, 401]).toContain(r.status));
    await request(t.http).post('/api/auth/login').send({ email: 'oleg@mail.example', password: 'any password at all 12' }).expect(401);
  });
});

describe('importing a Disqus export', () => {
  const DISQUS = join(__dirname, '../fixtures/import/frontline-monitor.disqus.xml');
  const MOSUL = 'https://frontline-monitor.example/2017/02/mosul-bridge-strike/';
  const RAQQA = 'https://frontline-monitor.example/2017/02/raqqa-dam/';
  let t: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    t = await startTestApp();
    pool = new Pool({ connectionString: t.db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('rebuilds threads, keeps a deleted post as a tombstone for its reply, and skips spam', async () => {
    // An article the site registered before the import: matched by its canonical URL, not duplicated.
    const existing = await t.prisma.article.create({ data: { slug: 'raqqa-dam', url: RAQQA, title: 'Raqqa dam', publishedAt: new Date('2017-02-05T12:00:00Z') } });
    const summary = await t.app.get(ImportService).run('disqus', DISQUS);
    expect(summary.totals).toMatchObject({ articlesCreated: 1, articlesMatched: 1, commentsWritten: 6, skipped: { spam: 1 } });
    const lines = (await importedThreads(pool)).map((l) => [l.url, l.sourceId, l.parent, l.depth, l.status, l.author]);
    expect(lines).toEqual([
      [MOSUL, '9001', null, 0, 'APPROVED', 'Inès Laurent'],
      [MOSUL, '9002', '9001', 1, 'DELETED', 'Guest Reader'],
      [MOSUL, '9004', '9002', 2, 'APPROVED', 'Inès Laurent'],
      [MOSUL, '9003', '9001', 1, 'APPROVED', 'Samir'],
      [RAQQA, '9010', null, 0, 'APPROVED', 'hydro_watch'],
      [RAQQA, '9011', '9010', 1, 'APPROVED', 'Noor'],
    ]);
    const { rows } = await pool.query<{ id: string; comment_count: number }>('SELECT id, comment_count FROM articles ORDER BY url');
    expect(rows.map((r) => r.comment_count)).toEqual([3, 2]);
    expect(rows[1].id).toBe(existing.id);
    const deleted = await pool.query(`SELECT c.body_source FROM comments c JOIN import_comments i ON i.comment_id = c.id WHERE i.source_id = '9002'`);
    expect(deleted.rows[0].body_source).toBe('');
    expect(await invariantFailures(pool)).toEqual([]);
  });

  it('changes nothing when run a second time', async () => {
    const before = await importFingerprint(pool);
    await t.app.get(ImportService).run('disqus', DISQUS);
    expect(await importFingerprint(pool)).toBe(before);
  });
});
