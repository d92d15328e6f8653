import { loadConfig } from '../config/config';
import { migrate } from '../database/migration-runner';
import { MIGRATIONS_DIR } from '../database/paths';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, as `prisma migrate deploy` would. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) {
    console.error('DATABASE_URL is not set. (`npm start` migrates its embedded database by itself.)');
    process.exit(2);
  }
  const result = await migrate(config.databaseUrl, MIGRATIONS_DIR, (line) => console.log(line));
  console.log(`${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place.`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
