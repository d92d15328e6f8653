import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../helpers/database';
import { importFingerprint, invariantFailures } from '../helpers/import-checks';
import { sleep } from './helpers/app-process';
import { Install, installApp } from './helpers/installed-app';

const FIXTURE = join(__dirname, '../fixtures/import/frontline-monitor.wxr.xml');
/** Comments in the generated file: enough for 48 batches of 25, few enough to stay quick. */
const N = 1200;

/** A WXR file of `n` comments on ten posts, every third one a reply to the one before. */
function generatedWxr(n: number): string {
  const items: string[] = [];
  for (let post = 1; post <= 10; post++) {
    const comments: string[] = [];
    for (let i = 1; i <= n / 10; i++) {
      const id = post * 100_000 + i;
      const parent = i % 3 === 0 ? id - 1 : 0;
      const at = new Date(Date.UTC(2016, 3, post, 0, 0, i)).toISOString().slice(0, 19).replace('T', ' ');
      comments.push(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>Reader ${i % 97}</wp:comment_author>
<wp:comment_author_email>reader${i % 97}@mail.example</wp:comment_author_email><wp:comment_date_gmt>${at}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment ${id}: has this been <em>independently</em> verified?]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`);
    }
    items.push(`<item><title>Report ${post}</title><link>https://bench.example/report-${post}/</link><wp:post_id>${post}</wp:post_id>
<wp:post_date_gmt>2016-04-0${post % 9 + 1} 00:00:00</wp:post_date_gmt>${comments.join('\n')}</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:base_site_url>https://bench.example</wp:base_site_url>${items.join('\n')}</channel></rss>`;
}

/**
 * `npm run import` as an operator runs it: the compiled command in its own process, against a
 * database of its own, killed midway with SIGKILL and run again.
 */
describe('the import command', () => {
  let install: Install;
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    install = await installApp({ private: false });
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
  }, 60_000);
  afterAll(async () => {
    await pool.end();
    await db.drop();
    await rm(install.home, { recursive: true, force: true });
  });

  function runImport(args: string[]) {
    const child = spawn(process.execPath, ['--max-old-space-size=192', 'dist/src/cli/import.cli.js', ...args], {
      cwd: install.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: db.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = once(child, 'close').then(([code]) => ({ code: code as number | null, stdout, stderr }));
    return { child, exited };
  }

  it('imports a file and ends with a summary; no progress bar when stderr is not a terminal', async () => {
    const { code, stdout, stderr } = await runImport(['wxr', FIXTURE]).exited;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('comments written now: 11');
    expect(stdout).toContain('skipped: 1 parent skipped, 1 pingback, 1 spam, 1 trash');
    expect(stdout).toContain('articles: 2 created, 0 matched');
    expect(stdout).toContain('accounts: 6 placeholders made');
  }, 60_000);

  it('refuses an unknown format with its usage', async () => {
    const { code, stderr } = await runImport(['blogger', FIXTURE]).exited;
    expect(code).toBe(1);
    expect(stderr).toContain('usage: npm run import -- wxr FILE');
  }, 30_000);

  it('finishes after being killed midway, and a further run changes nothing', async () => {
    const file = join(install.dir, 'big.wxr.xml');
    await writeFile(file, generatedWxr(N));
    const first = runImport(['wxr', file, '--batch-size', '25']);
    // Kill it once some comments of the file are written: mid-write, with batches still to go.
    for (let i = 0; i < 600; i++) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.url LIKE 'https://bench.example/%'`);
      if (rows[0].n > 0) break;
      await sleep(50);
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const partial = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM import_comments WHERE source = 'wxr:https://bench.example' AND comment_id IS NOT NULL`);
    expect(partial.rows[0].n).toBeGreaterThan(0);
    expect(partial.rows[0].n).toBeLessThan(N);
    expect(await invariantFailures(pool)).toEqual([]);

    const second = await runImport(['wxr', file]).exited;
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`comments written now: ${N - partial.rows[0].n}`);
    const { rows } = await pool.query<{ n: number; roots: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE c.parent_id IS NULL)::int AS roots
       FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.url LIKE 'https://bench.example/%'`,
    );
    expect(rows[0]).toEqual({ n: N, roots: (N * 2) / 3 });
    expect(await invariantFailures(pool)).toEqual([]);

    const before = await importFingerprint(pool);
    expect((await runImport(['wxr', file]).exited).stdout).toContain('comments written now: 0');
    expect(await importFingerprint(pool)).toBe(before);
  }, 120_000);
});
