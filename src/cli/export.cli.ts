import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { prepareDatabase } from '../database/prepare-database';
import { WxrExportService } from '../modules/import/export/wxr-export.service';

const USAGE = `usage: npm run export -- wxr FILE [--site-url URL]
  Writes every comment, under its article and in thread order, as a WordPress export (WXR) that
  WordPress or another Parley can import. --site-url sets the export's base_site_url.
  Uses DATABASE_URL, or the embedded database when it is unset.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return void console.log(USAGE);
  const [format, file] = args;
  if (format !== 'wxr' || !file) throw new Error(USAGE);
  const at = args.indexOf('--site-url');
  const siteUrl = at >= 0 ? args[at + 1] : undefined;
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false' });
  const db = await prepareDatabase(config, () => undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url }), { logger: ['error'] });
  try {
    const out = createWriteStream(file);
    const result = await app.get(WxrExportService).export(out, { siteUrl });
    out.end();
    await finished(out);
    console.log(`exported ${result.comments} comments of ${result.articles} articles to ${file}`);
  } finally {
    await app.close();
    await db.embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
