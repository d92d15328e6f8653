import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { prepareDatabase } from '../database/prepare-database';
import { ImportService, ImportSummary } from '../modules/import/import.service';
import { ImportFormat } from '../modules/import/sources/source-records';
import { megabytes, ProgressBar } from './progress-bar';

const USAGE = `usage: npm run import -- wxr FILE [--site-url URL] [--batch-size N]
       npm run import -- disqus FILE [--batch-size N]
  Brings the comments of a WordPress export (WXR) or a Disqus export into Parley: articles are
  matched or created by URL, commenters get placeholder accounts. Safe to run again: what is
  already imported is skipped, and a run that stopped midway is finished.
  --site-url URL   the site's address, replacing the origin of the export's links (an export
                   taken on another host) and naming the source its mappings are kept under
  --batch-size N   comments written per transaction (default 2000)
  Uses DATABASE_URL, or the embedded database when it is unset.`;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

export function formatSummary(s: ImportSummary, seconds: number): string {
  const t = s.totals;
  const skipped = Object.entries(t.skipped).map(([reason, n]) => `${n} ${reason}`).join(', ') || 'none';
  return [
    `import of ${s.source || 'the file'} finished in ${seconds.toFixed(1)} s (${s.records} records read)`,
    `  comments written now: ${s.commentsWrittenNow}`,
    `  comments imported in all: ${t.commentsWritten}; skipped: ${skipped}`,
    `  articles: ${t.articlesCreated} created, ${t.articlesMatched} matched`,
    `  accounts: ${t.accountsCreated} placeholders made, ${t.accountsMatched} existing accounts matched by email`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return void console.log(USAGE);
  const [format, file] = args;
  if ((format !== 'wxr' && format !== 'disqus') || !file) throw new Error(USAGE);
  const batchSize = Number(option(args, 'batch-size') ?? 2000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20000) throw new Error('--batch-size must be a whole number from 1 to 20000');
  // Depths of a large export are computed in one statement: no request-sized timeout here.
  const config = loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '600000', ...process.env, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false' });
  const db = await prepareDatabase(config, () => undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url }), { logger: ['error'] });
  const bar = new ProgressBar();
  const started = Date.now();
  try {
    const summary = await app.get(ImportService).run(format as ImportFormat, file, {
      siteUrl: option(args, 'site-url'),
      batchSize,
      onRead: (p) => bar.update('reading ', p.bytes, p.total, megabytes),
      onWrite: (p) => bar.update('writing ', p.written, p.total),
    });
    bar.done();
    console.log(formatSummary(summary, (Date.now() - started) / 1000));
  } finally {
    bar.done();
    await app.close();
    await db.embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
