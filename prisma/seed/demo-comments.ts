import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/database/prisma.service';
import { CommentStatus } from '../../src/generated/prisma/enums';
import { CommentsRepository } from '../../src/modules/comments/comments.repository';
import { normalizeBody, renderBody } from '../../src/modules/comments/render/comment-body';

/**
 * Demo readers and a few threads under the first demo article: skeptical questions, a reader
 * repeating an unverified claim, non-Latin names and text. Written for Parley; invented.
 */

interface DemoComment {
  key: string;
  author: string;
  body: string;
  replyTo?: string;
  /** How long before seeding it was written, so the thread reads like a real one. */
  minutesAgo: number;
}

const READERS = ['Rania Al-Khatib', 'Дмитро Коваль', 'Jonas Weber', 'Amara Okafor', 'Li Wei'];

const THREAD: DemoComment[] = [
  { key: 'q', author: 'Jonas Weber', body: 'Has either claim been **independently verified**, or are we reading two press releases?', minutesAgo: 1300 },
  {
    key: 'claim',
    author: 'Дмитро Коваль',
    body: 'A channel I follow says they also took the grain silos north of the crossing. Expect the same denial by morning.',
    replyTo: 'q',
    minutesAgo: 1240,
  },
  { key: 'ask-source', author: 'Amara Okafor', body: 'Which channel? Without a link or footage this is one more rumour.', replyTo: 'claim', minutesAgo: 1190 },
  {
    key: 'long',
    author: 'Rania Al-Khatib',
    body:
      'Three things would settle it:\n\n1. Geolocated footage from either bank\n2. Satellite imagery after Tuesday\n3. A statement from the ' +
      'observatory with its own count\n\nUntil then, *both* figures should be reported as claims. شكرا على التقرير.',
    minutesAgo: 610,
  },
  { key: 'pawn', author: 'Li Wei', body: 'The map in the second paragraph is the most useful thing I have read on this all week 🙏', replyTo: 'long', minutesAgo: 95 },
];

export interface SeededComments {
  count: number;
  /** Comment ids by THREAD key. */
  ids: Map<string, string>;
  /** Reader ids by display name. */
  users: Map<string, string>;
}

export async function seedDemoComments(databaseUrl: string, articleId: string): Promise<SeededComments> {
  const prisma = new PrismaService({ url: databaseUrl, poolSize: 2 });
  try {
    const users = new Map<string, string>();
    for (const name of READERS) {
      const user = await prisma.user.create({ data: { displayName: name } });
      users.set(name, user.id);
    }
    const comments = new CommentsRepository(prisma);
    const ids = new Map<string, string>();
    for (const c of THREAD) {
      const id = randomUUID();
      const source = normalizeBody(c.body);
      await comments.insert({
        id,
        articleId,
        authorId: users.get(c.author) as string,
        parentId: c.replyTo ? (ids.get(c.replyTo) ?? null) : null,
        status: CommentStatus.PUBLISHED,
        bodySource: source,
        bodyHtml: renderBody(source),
        idempotency: null,
      });
      ids.set(c.key, id);
      await prisma.comment.update({ where: { id }, data: { createdAt: new Date(Date.now() - c.minutesAgo * 60_000) } });
    }
    return { count: THREAD.length, ids, users };
  } finally {
    await prisma.onModuleDestroy();
  }
}
