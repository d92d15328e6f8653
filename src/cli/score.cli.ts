import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { prepareDatabase } from '../database/prepare-database';
import { readWordFile, scoreLines } from '../modules/comments/pipeline/scorer/score-lines';
import { ScorerSet } from '../modules/comments/pipeline/scorer/scorer-set';
import { starterEntries } from '../modules/wordlists/matching/starter-list';
import { WordEntry, WordMatcher } from '../modules/wordlists/matching/word-matcher';
import { WordListsService } from '../modules/wordlists/wordlists.service';

const USAGE = `usage: npm run score -- [FILE | -] [--words FILE] [--site-words]
  One comment per line from FILE (stdin when absent or "-"); one JSON line out per comment.
  --words FILE    word-list entries to match, one per line: BANNED<TAB>phrase or SUSPECT<TAB>phrase
  --site-words    also the site's own lists from its database (DATABASE_URL, or the embedded one)
  Settings (MOD_SCORER and each provider's MOD_SCORER_*, MOD_*_PERCENT, MOD_STARTER_WORDS, ...) are read
  from the environment; every scorer MOD_SCORER lists is run and printed.`;

/** The site's own word lists, read once from its database through the app's service. */
async function siteEntries(config: ReturnType<typeof loadConfig>): Promise<WordEntry[]> {
  const db = await prepareDatabase(config, () => undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url }), { logger: ['error'] });
  try {
    return (await app.get(WordListsService).list()).map((w) => ({ id: w.id, phrase: w.phrase, kind: w.kind }));
  } finally {
    await app.close();
    await db.embedded?.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return void console.log(USAGE);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false' });
  const wordsAt = args.indexOf('--words');
  const fileEntries = wordsAt >= 0 ? readWordFile(args[wordsAt + 1] ?? '') : [];
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--words');
  if (files.length > 1) throw new Error(USAGE);
  const site = args.includes('--site-words') ? await siteEntries(config) : [];
  const words = new WordMatcher([...starterEntries(config.moderation.starterWords), ...fileEntries, ...site]);
  // Every provider MOD_SCORER lists, each with its time limit and breaker, as on the posting path.
  const scorers = new ScorerSet(config.moderation);
  const score = (text: string) => scorers.score(text, config.moderation.scorers);
  const input = files[0] === undefined || files[0] === '-' ? process.stdin : createReadStream(files[0]);
  const n = await scoreLines(input, process.stdout, { score, words, settings: config.moderation, maxLength: config.commentMaxLength });
  console.error(`scored ${n} comments`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
