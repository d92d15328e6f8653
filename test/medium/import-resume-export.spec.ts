import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Pool } from 'pg';
import { WxrExportService } from '../../src/modules/import/export/wxr-export.service';
import { ImportService } from '../../src/modules/import/import.service';
import { startTestApp, TestApp } from '../helpers/app';
import { importedThreads, importFingerprint, invariantFailures } from '../helpers/import-checks';

const WXR = join(__dirname, '../fixtures/import/frontline-monitor.wxr.xml');

/** What a reader sees of the imported threads, independent of ids: per article, in reading order. */
async function threadShape(pool: Pool) {
  const { rows } = await pool.query(`
    SELECT a.url, c.depth, c.status::text AS status, u.display_name AS author, c.body_source AS body, c.created_at AS at,
           (SELECT p.created_at FROM comments p WHERE p.id = c.parent_id) AS "parentAt"
    FROM comments c JOIN articles a ON a.id = c.article_id JOIN comments r ON r.id = c.root_id JOIN users u ON u.id = c.author_id
    ORDER BY a.url, r.created_at, c.path`);
  return rows;
}

describe('an import interrupted midway', () => {
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

  it('is finished by the next run, with nothing written twice and every count exact', async () => {
    let batches = 0;
    const crash = () => {
      batches++;
      if (batches === 3) throw new Error('power cut');
    };
    await expect(t.app.get(ImportService).run('wxr', WXR, { batchSize: 2, onWrite: crash })).rejects.toThrow('power cut');
    const partial = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM comments');
    // Three batches of two committed before the failure; nothing of the fourth.
    expect(partial.rows[0].n).toBe(6);
    expect(await invariantFailures(pool)).toEqual([]);

    const resumed = await t.app.get(ImportService).run('wxr', WXR, { batchSize: 2 });
    expect(resumed.commentsWrittenNow).toBe(5);
    expect(resumed.totals.commentsWritten).toBe(11);
    const lines = (await importedThreads(pool)).map((l) => `${l.sourceId}<${l.parent ?? '-'}@${l.depth}`);
    expect(lines).toEqual(['11<-@0', '14<11@1', '19<14@2', '20<-@0', '21<20@1', '22<-@0', '31<-@0', '35<31@1', '32<31@1', '33<32@2', '34<33@3']);
    expect(await invariantFailures(pool)).toEqual([]);
    const after = await importFingerprint(pool);
    await t.app.get(ImportService).run('wxr', WXR, { batchSize: 2 });
    expect(await importFingerprint(pool)).toBe(after);
  });
});

describe('exporting comments as WXR', () => {
  let first: TestApp;
  let second: TestApp;
  let firstPool: Pool;
  let secondPool: Pool;
  const dir = mkdtempSync(join(tmpdir(), 'parley-wxr-'));

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp();
    firstPool = new Pool({ connectionString: first.db.url, max: 2 });
    secondPool = new Pool({ connectionString: second.db.url, max: 2 });
  });
  afterAll(async () => {
    await firstPool.end();
    await secondPool.end();
    await first.close();
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a file that imports back into the same threads, bodies, authors and statuses', async () => {
    await first.app.get(ImportService).run('wxr', WXR);
    const file = join(dir, 'export.xml');
    const out = createWriteStream(file);
    const result = await first.app.get(WxrExportService).export(out, { siteUrl: 'https://frontline-monitor.example' });
    out.end();
    await finished(out);
    expect(result).toEqual({ articles: 2, comments: 11 });
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<wp:comment_approved>0</wp:comment_approved>');
    expect(xml).toContain('<wp:comment_author_email>marek.novak@mail.example</wp:comment_author_email>');

    const summary = await second.app.get(ImportService).run('wxr', file);
    expect(summary.totals).toMatchObject({ articlesCreated: 2, commentsWritten: 11, skipped: {} });
    expect(await threadShape(secondPool)).toEqual(await threadShape(firstPool));
    expect(await invariantFailures(secondPool)).toEqual([]);
  });
});
