import request from 'supertest';
import type { CommentStatus } from '../../src/generated/prisma/enums';
import { QUEUE_PREDICATES, QUEUE_SQL, QUEUES, QueueFacts } from '../../src/modules/moderation/queues/queue-definitions';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser } from '../helpers/factories';

const STATUSES: CommentStatus[] = ['PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD', 'REJECTED', 'DELETED'];

/** Every combination of the facts queue membership depends on. */
function combinations(): QueueFacts[] {
  const out: QueueFacts[] = [];
  for (const status of STATUSES)
    for (const openFlagCount of [0, 2])
      for (const urgentFlagCount of [0, 1])
        for (const decidedAt of [null, new Date('2026-01-01T00:00:00Z')])
          for (const appealOpen of [false, true]) out.push({ status, openFlagCount, urgentFlagCount, decidedAt, appealOpen });
  return out;
}

describe('queue definitions: predicates and queries agree', () => {
  let t: TestApp;
  const facts = new Map<string, QueueFacts>();

  beforeAll(async () => {
    t = await startTestApp();
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    for (const f of combinations()) {
      const { id } = await createComment(t.prisma, { articleId: article.id, authorId: author.id, ...f });
      facts.set(id, f);
    }
  });
  afterAll(() => t.close());

  it.each(QUEUES)('the %s query selects exactly the comments its predicate accepts', async (queue) => {
    const { rows } = await t.prisma.pool.query<{ id: string }>(`SELECT c.id FROM comments c WHERE ${QUEUE_SQL[queue]}`);
    const expected = [...facts].filter(([, f]) => QUEUE_PREDICATES[queue](f)).map(([id]) => id);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
  });

  it('pages each queue through the API with exactly the comments its predicate accepts', async () => {
    const moderator = await createUser(t.prisma, { role: 'MODERATOR' });
    for (const queue of QUEUES) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { comment: { id: string } }[]; nextCursor: string | null } } = await request(t.http)
          .get(`/api/moderation/queues/${queue}?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
          .set(moderator.auth)
          .expect(200);
        ids.push(...page.body.items.map((i) => i.comment.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const expected = [...facts].filter(([, f]) => QUEUE_PREDICATES[queue](f)).map(([id]) => id);
      expect({ queue, ids: ids.sort() }).toEqual({ queue, ids: expected.sort() });
    }
  });

  it('reports the same counts through the API, including the counter-backed queues', async () => {
    const moderator = await createUser(t.prisma, { role: 'MODERATOR' });
    const res = await request(t.http).get('/api/moderation/queues').set(moderator.auth).expect(200);
    for (const queue of QUEUES) {
      const expected = [...facts.values()].filter((f) => QUEUE_PREDICATES[queue](f)).length;
      expect({ queue, count: res.body.counts[queue] }).toEqual({ queue, count: expected });
    }
  });
});
