import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { prepareDatabase } from '../database/prepare-database';
import { LocalModelRegistry } from '../modules/comments/pipeline/scorer/local-model-registry';
import { ScorerModelsRepository } from '../modules/comments/pipeline/scorer/scorer-models.repository';
import { describeReport, retrain, RetrainOptions } from './retrain';

const USAGE = `usage: npm run retrain -- --since DATE [--holdout PERCENT] [--only abuse|spam] [--abuse-data DIR]
                        [--spam-data DIR] [--model-dir DIR] [--export FILE] [--dry-run]
  Retrains the local abuse and spam models on the site's approved and rejected comments since DATE
  (and the base data), prints before/after figures on a held-out slice of those decisions (20% by
  default), writes the model files to MOD_MODEL_DIR and records them, so every instance loads them.
  --abuse-data DIR   TweetEval hate/offensive splits (default ../shared/data/tweeteval)
  --spam-data DIR    YouTube Spam Collection CSV files (default ../shared/data/youtube-spam)
  --export FILE      also write each decision (label, held out or not, the model version that scored it) as JSON lines
  --dry-run          train and compare, record nothing`;

export function parseRetrainArgs(argv: string[], modelDir: string): Omit<RetrainOptions, 'log'> {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
    return v;
  };
  const withValue = ['--since', '--holdout', '--only', '--abuse-data', '--spam-data', '--model-dir', '--export'];
  for (let i = 0; i < argv.length; i++) {
    if (withValue.includes(argv[i])) i++;
    else if (argv[i] !== '--dry-run') throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  const sinceRaw = value('--since');
  const since = sinceRaw === undefined ? null : new Date(sinceRaw);
  if (!since || Number.isNaN(since.getTime())) throw new Error(`--since needs a date such as 2026-11-01\n${USAGE}`);
  const holdout = Number(value('--holdout') ?? '20');
  if (!Number.isInteger(holdout) || holdout < 1 || holdout > 90) throw new Error('--holdout must be a whole percentage from 1 to 90');
  const only = value('--only');
  if (only !== undefined && only !== 'abuse' && only !== 'spam') throw new Error('--only must be abuse or spam');
  return {
    since,
    holdoutPercent: holdout,
    kinds: only ? [only] : ['abuse', 'spam'],
    abuseData: value('--abuse-data'),
    spamData: value('--spam-data'),
    modelDir: value('--model-dir') ?? modelDir,
    exportFile: value('--export'),
    dryRun: argv.includes('--dry-run'),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(USAGE);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false' });
  const options = parseRetrainArgs(argv, config.moderation.modelDir);
  const db = await prepareDatabase(config, () => undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url }), { logger: ['error'] });
  try {
    const registry = app.get(LocalModelRegistry);
    await registry.refresh();
    const report = await retrain(app.get(ScorerModelsRepository), registry.current(), config.moderation, { ...options, log: (line) => console.error(line) });
    for (const line of describeReport(report)) console.log(line);
  } finally {
    await app.close();
    await db.embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
