import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaService } from '../../src/database/prisma.service';
import type { Prisma } from '../../src/generated/prisma/client';
import type { Role } from '../../src/generated/prisma/enums';
import { hashSessionToken, newSessionToken } from '../../src/modules/auth/session-token';

/** Test data with sensible defaults; pass overrides for what a test cares about. */

export interface TestUser {
  id: string;
  token: string;
  role: Role;
  displayName: string;
  /** `Authorization` header for supertest's `.set()`. */
  auth: { Authorization: string };
}

export async function createUser(prisma: PrismaService, overrides: Partial<Prisma.UserCreateInput> = {}): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const user = await prisma.user.create({
    data: { displayName: `Reader ${suffix}`, email: `reader-${suffix}@example.org`, ...overrides },
  });
  const token = newSessionToken();
  await prisma.session.create({
    data: { userId: user.id, tokenHash: hashSessionToken(token), expiresAt: new Date(Date.now() + 3600_000) },
  });
  return { id: user.id, token, role: user.role, displayName: user.displayName, auth: { Authorization: `Bearer ${token}` } };
}

export interface Personas {
  reader: TestUser;
  otherReader: TestUser;
  moderator: TestUser;
  factChecker: TestUser;
  admin: TestUser;
}

export async function createPersonas(prisma: PrismaService): Promise<Personas> {
  return {
    reader: await createUser(prisma, { displayName: 'Lena Reader' }),
    otherReader: await createUser(prisma, { displayName: 'Omar Reader' }),
    moderator: await createUser(prisma, { role: 'MODERATOR', displayName: 'Mo Moderator' }),
    factChecker: await createUser(prisma, { role: 'FACT_CHECKER', displayName: 'Fay Checker' }),
    admin: await createUser(prisma, { role: 'ADMIN', displayName: 'Ada Admin' }),
  };
}

let articleCounter = 0;

export async function createArticle(prisma: PrismaService, overrides: Partial<Prisma.ArticleCreateInput> = {}) {
  articleCounter += 1;
  const n = `${Date.now().toString(36)}-${articleCounter}`;
  return prisma.article.create({
    data: {
      slug: `article-${n}`,
      url: `https://news.example/a/${n}`,
      title: `Article ${n}`,
      publishedAt: new Date(),
      ...overrides,
    },
  });
}

let commentCounter = 0;

/**
 * A top-level comment written straight to the table (no checks, no counters beyond the triggers),
 * for tests that need comments in given states; pass status, flags or dates as overrides.
 */
export async function createComment(
  prisma: PrismaService,
  data: { articleId: string; authorId: string } & Partial<Prisma.CommentUncheckedCreateInput>,
) {
  commentCounter += 1;
  const id = randomUUID();
  return prisma.comment.create({
    data: { id, rootId: id, path: commentCounter.toString(16).padStart(10, '0'), status: 'PUBLISHED', bodySource: 'x', bodyHtml: '<p>x</p>', ...data },
  });
}
