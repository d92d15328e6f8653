import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../src/generated/prisma/client';
import type { CommentStatus, FlagReason } from '../../src/generated/prisma/enums';
import { QUEUE_PREDICATES, QUEUES, QueueFacts, QueueName } from '../../src/modules/moderation/queues/queue-definitions';
import { QueueItemRow, QueuePageFilter, QueuesRepository } from '../../src/modules/moderation/queues/queues.repository';
import { createArticle, createComment, createUser } from '../helpers/factories';
import { createTestPrisma, TestPrisma } from '../helpers/prisma';

const STATUSES: CommentStatus[] = ['PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD', 'REJECTED', 'DELETED'];
const TIMES = [new Date('2026-06-01T10:00:00.000Z'), new Date('2026-06-01T10:00:00.001Z'), new Date('2026-06-02T07:30:00.000Z')];
const WEIGHTS = [0, 1.5, 1.5, 4.25];

// Score order (a scorer's highest score) is covered by test/e2e/scorer-providers.spec.ts; here the queue orders that need no scorer.
type Order = Exclude<QueuePageFilter['order'], 'score'>;
interface Seeded {
  id: string;
  articleId: string;
  authorId: string;
  section: string;
  createdAt: Date;
  weight: number;
  reasons: string[];
  flagReasons: string[];
  facts: QueueFacts;
}

/**
 * The queue pages on real PostgreSQL, as QueuesService walks them (limit + 1 rows, the cursor from
 * the last row kept), over comments in every combination of the facts queue membership depends
 * on, on two articles in two sections by two authors, with timestamps and flag weights that tie.
 * What each queue should hold is computed here from those facts by the queue predicates.
 */
describe('QueuesRepository', () => {
  let t: TestPrisma;
  let queues: QueuesRepository;
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    t = await createTestPrisma();
    queues = new QueuesRepository(t.prisma);
    const articles = [await createArticle(t.prisma, { section: 'world' }), await createArticle(t.prisma, { section: 'sport' })];
    const authors = [await createUser(t.prisma), await createUser(t.prisma)];
    const comments: Prisma.CommentCreateManyInput[] = [];
    const flags: Prisma.FlagCreateManyInput[] = [];
    let n = 0;
    for (const status of STATUSES)
      for (const openFlagCount of [0, 2])
        for (const urgentFlagCount of [0, 1])
          for (const decidedAt of [null, TIMES[0]])
            for (const appealOpen of [false, true]) {
              for (const [a, article] of articles.entries()) {
                n += 1;
                const id = randomUUID();
                const facts = { status, openFlagCount, urgentFlagCount, decidedAt, appealOpen };
                const [createdAt, weight, authorId] = [TIMES[n % 3], openFlagCount > 0 ? WEIGHTS[n % 4] : 0, authors[(n >> 1) % 2].id];
                const reasons = n % 5 === 0 ? ['LINKS'] : [];
                comments.push({ id, rootId: id, path: n.toString(16).padStart(10, '0'), articleId: article.id, authorId, createdAt, openFlagWeight: weight, checkReasons: reasons, bodySource: 'x', bodyHtml: '<p>x</p>', ...facts });
                // Some flagged comments carry open reader flags (the reason filter reads them); some a settled one.
                const flagReasons: FlagReason[] = openFlagCount === 0 ? [] : n % 3 === 0 ? ['SPAM'] : n % 4 === 0 ? ['ABUSE'] : [];
                for (const reason of flagReasons) flags.push({ commentId: id, articleId: article.id, reason, weight: 1, countsTowardHiding: true });
                if (n % 7 === 0) flags.push({ commentId: id, articleId: article.id, reason: 'SPAM', weight: 1, countsTowardHiding: true, status: 'DISAGREED' });
                seeded.push({ id, articleId: article.id, authorId, section: a === 0 ? 'world' : 'sport', createdAt, weight, reasons, flagReasons, facts });
              }
            }
    await t.prisma.comment.createMany({ data: comments });
    await t.prisma.flag.createMany({ data: flags });
  });
  afterAll(() => t.close());

  async function walk(filter: Omit<QueuePageFilter, 'after' | 'limit'>, limit: number): Promise<QueueItemRow[]> {
    const seen: QueueItemRow[] = [];
    let after: QueuePageFilter['after'] = null;
    for (let page = 0; page < 200; page++) {
      const rows = await queues.findPage({ ...filter, after, limit });
      const kept = rows.slice(0, limit);
      seen.push(...kept);
      if (rows.length <= limit) return seen;
      const last = kept[kept.length - 1];
      after = { createdAt: last.createdAt, id: last.id, weight: last.weight };
    }
    throw new Error('the cursor does not advance');
  }

  const byTime = (a: Seeded, b: Seeded) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ORDER: Record<Order, (a: Seeded, b: Seeded) => number> = {
    oldest: byTime,
    weight: (a, b) => b.weight - a.weight || byTime(a, b),
  };
  const expected = (queue: QueueName, order: Order, keep: (s: Seeded) => boolean = () => true) =>
    seeded.filter((s) => QUEUE_PREDICATES[queue](s.facts) && keep(s)).sort(ORDER[order]).map((s) => s.id);

  const cases = QUEUES.flatMap((queue) => (['oldest', 'weight'] as const).map((order) => [queue, order] as const));

  it.each(cases)('each queue pages through all its items exactly once, in order (%s by %s)', async (queue, order) => {
    const want = expected(queue, order);
    expect(want.length).toBeGreaterThan(8);
    for (const limit of [2, 7]) {
      const ids = (await walk({ queue, order }, limit)).map((r) => r.id);
      expect({ limit, ids }).toEqual({ limit, ids: want });
    }
  });

  it('narrows a page to an article, a section, an author or a reason without losing items', async () => {
    const [one] = seeded;
    const filters: [string, Partial<QueuePageFilter>, (s: Seeded) => boolean][] = [
      ['article', { articleId: one.articleId }, (s) => s.articleId === one.articleId],
      ['section', { section: 'sport' }, (s) => s.section === 'sport'],
      ['author', { authorId: one.authorId }, (s) => s.authorId === one.authorId],
      ['check reason', { reason: 'LINKS' }, (s) => s.reasons.includes('LINKS')],
      ['open flag reason', { reason: 'SPAM' }, (s) => s.flagReasons.includes('SPAM')],
      ['section and author', { section: 'world', authorId: one.authorId }, (s) => s.section === 'world' && s.authorId === one.authorId],
    ];
    for (const queue of ['pending', 'reported', 'unmoderated', 'urgent'] as const) {
      for (const [what, filter, keep] of filters) {
        const ids = (await walk({ queue, order: 'weight', ...filter }, 5)).map((r) => r.id);
        expect({ queue, what, ids }).toEqual({ queue, what, ids: expected(queue, 'weight', keep) });
      }
    }
  });

  it('counts equal page totals, site-wide and per article', async () => {
    for (const articleId of [null, seeded[0].articleId, seeded[1].articleId]) {
      const counts: Record<string, number> = { ...(await queues.statusCounts(articleId)), ...(await queues.flagCounts(articleId)) };
      for (const queue of QUEUES) {
        const paged = (await walk({ queue, order: 'oldest', articleId: articleId ?? undefined }, 25)).length;
        expect({ queue, articleId, count: counts[queue] }).toEqual({ queue, articleId, count: paged });
      }
    }
  });

  it('lists articles with work waiting, counting a comment in several flag queues once', async () => {
    const ours = new Set(seeded.map((s) => s.articleId));
    const busy = (await queues.busyArticles(10)).filter((b) => ours.has(b.articleId));
    const inAny = (s: Seeded, names: QueueName[]) => names.some((q) => QUEUE_PREDICATES[q](s.facts));
    const want = [...new Set(seeded.map((s) => s.articleId))].map((articleId) => {
      const mine = seeded.filter((s) => s.articleId === articleId);
      return { articleId: articleId, held: mine.filter((s) => inAny(s, ['pending'])).length, flagged: mine.filter((s) => inAny(s, ['reported', 'urgent', 'appeals'])).length };
    });
    expect(busy.map(({ articleId, held, flagged }) => ({ articleId, held, flagged })).sort((a, b) => (a.articleId < b.articleId ? -1 : 1))).toEqual(
      want.sort((a, b) => (a.articleId < b.articleId ? -1 : 1)),
    );
  });

  it('builds each item with the comment, its article, its parent and the top of its thread', async () => {
    const article = await createArticle(t.prisma, { section: 'local', title: 'Bridge reopens' });
    const author = await createUser(t.prisma, { displayName: 'Queue Writer' });
    const top = await createComment(t.prisma, { articleId: article.id, authorId: author.id });
    const middle = await createComment(t.prisma, { articleId: article.id, authorId: author.id, parentId: top.id, rootId: top.id, depth: 1, path: `${top.path}0000000001` });
    const held = await createComment(t.prisma, {
      articleId: article.id,
      authorId: author.id,
      parentId: middle.id,
      rootId: top.id,
      depth: 2,
      path: `${middle.path}0000000002`,
      status: 'PENDING',
      revision: 3,
    });
    const [row] = await queues.findPage({ queue: 'pending', order: 'oldest', articleId: article.id, after: null, limit: 5 });
    expect(row.id).toBe(held.id);
    expect(row.item).toMatchObject({
      comment: { id: held.id, status: 'PENDING', revision: 3, depth: 2, createdAt: held.createdAt.toISOString(), editedAt: null, decidedAt: null },
      article: { id: article.id, title: 'Bridge reopens', section: 'local', slug: article.slug },
      parent: { id: middle.id, status: 'PUBLISHED', author: { id: author.id, displayName: 'Queue Writer' } },
      root: { id: top.id },
      flags: { count: 0, byReason: [] },
      claim: null,
      appeal: null,
    });
  });
});
