import { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/config';
import { PrismaService } from '../../src/database/prisma.service';
import { createTestDatabase, TestDatabase } from './database';

export interface TestApp {
  app: NestExpressApplication;
  /** The server to hand to supertest. */
  http: ReturnType<NestExpressApplication['getHttpServer']>;
  prisma: PrismaService;
  config: AppConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real application (same setup as production) on a fresh database of its own. */
export async function startTestApp(env: Record<string, string> = {}, options: { logStream?: DestinationStream; db?: TestDatabase } = {}): Promise<TestApp> {
  // A caller's own database (a cluster it runs, e.g. a primary with a replica), else a fresh clone.
  const db = options.db ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PASSWORD_HASH_MEMORY_KIB: '4096',
    // Tests act faster than readers; the rate-limit tests set the real limits themselves.
    RATE_LIMIT_POST: '10000/1s',
    RATE_LIMIT_FLAG: '10000/1s',
    RATE_LIMIT_REACT: '10000/1s',
    RATE_LIMIT_LOGIN: '10000/1s',
    MOD_QUEUE_COUNTS_CACHE_MS: '0',
    // Tests read their own writes at once; the http-cache tests turn the micro-cache on.
    MICRO_CACHE_TTL_MS: '0',
    PASSWORD_HASH_ITERATIONS: '1',
    DATABASE_POOL_SIZE: '5',
    ...env,
  });
  // The front end built once per run by globalSetup (PARLEY_TEST_WEB_DIR), served as in production.
  const app = await createApp({ config, databaseUrl: db.url, logStream: options.logStream, webDir: process.env.PARLEY_TEST_WEB_DIR });
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    prisma: app.get(PrismaService),
    config,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
