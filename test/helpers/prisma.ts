import { PrismaService } from '../../src/database/prisma.service';
import { createTestDatabase, TestDatabase } from './database';

/**
 * A PrismaService on a database of this test file's own (cloned from the migrated template),
 * without the application around it: for repository specs that construct the repository
 * themselves (`new ThreadRepository(prisma)`).
 */
export interface TestPrisma {
  prisma: PrismaService;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function createTestPrisma(poolSize = 8): Promise<TestPrisma> {
  const db = await createTestDatabase();
  const prisma = new PrismaService({ url: db.url, poolSize });
  return {
    prisma,
    db,
    close: async () => {
      await prisma.onModuleDestroy();
      await db.drop();
    },
  };
}
