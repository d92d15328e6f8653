import { randomUUID } from 'node:crypto';
import type { CommentStatus } from '../../src/generated/prisma/enums';
import { CommentsRepository } from '../../src/modules/comments/comments.repository';
import type { ThreadSort } from '../../src/modules/comments/dto/comment.dto';
import type { CommentRow } from '../../src/modules/comments/thread/comment-row';
import { RowWithKind, ThreadRepository, TopKey } from '../../src/modules/comments/thread/thread.repository';
import { createArticle, createComment, createUser, TestUser } from '../helpers/factories';
import { createTestPrisma, TestPrisma } from '../helpers/prisma';

/**
 * The thread pages (keyset over top comments, first replies through a LATERAL join on the
 * (root_id, path) index) on real PostgreSQL. Pages are walked the way ThreadService walks them:
 * limit + 1 rows, the cursor taken from the last row kept.
 */
describe('ThreadRepository', () => {
  let t: TestPrisma;
  let threads: ThreadRepository;
  let comments: CommentsRepository;
  const caps = { depth: 3, fetch: 10 };

  beforeAll(async () => {
    t = await createTestPrisma();
    threads = new ThreadRepository(t.prisma);
    comments = new CommentsRepository(t.prisma);
  });
  afterAll(() => t.close());

  /** Every top comment of the article as `viewerId` pages through it, in page order. */
  async function walkTops(articleId: string, sort: ThreadSort, viewerId: string | null, limit: number): Promise<CommentRow[]> {
    const seen: CommentRow[] = [];
    let after: TopKey | null = null;
    for (let page = 0; page < 100; page++) {
      const { tops } = await threads.findTopPage(articleId, sort, after, limit, viewerId, caps);
      const kept = tops.slice(0, limit);
      seen.push(...kept);
      if (tops.length <= limit) return seen;
      const last = kept[kept.length - 1];
      const count = sort === 'replies' ? last.replyCount : sort === 'respect' ? last.respectCount : undefined;
      after = { createdAt: last.createdAt, id: last.id, count };
    }
    throw new Error('more than 100 pages: the cursor does not advance');
  }

  /** A reply posted through the real posting statement (so paths, depths and counts are real). */
  async function reply(articleId: string, author: TestUser, parentId: string | null, status: CommentStatus = 'PUBLISHED'): Promise<string> {
    const id = randomUUID();
    const outcome = await comments.insert({ id, articleId, authorId: author.id, parentId, status, bodySource: id, bodyHtml: `<p>${id}</p>`, idempotency: null });
    if (outcome.kind !== 'inserted') throw new Error(`expected an insert, got ${outcome.kind}`);
    return id;
  }

  const reject = (id: string) => t.prisma.$transaction((tx) => comments.changeStatus(id, 'PUBLISHED', 'REJECTED', tx));

  type Key = { id: string; createdAt: Date; replyCount: number; respectCount: number };
  const byTime = (a: Key, b: Key) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  /** The order each sort promises, computed here from the rows themselves. */
  const ORDER: Record<ThreadSort, (a: Key, b: Key) => number> = {
    newest: (a, b) => byTime(b, a),
    oldest: byTime,
    replies: (a, b) => b.replyCount - a.replyCount || byTime(b, a),
    respect: (a, b) => b.respectCount - a.respectCount || byTime(b, a),
  };

  const TIMES = [new Date('2026-05-01T08:00:00.000Z'), new Date('2026-05-01T09:00:00.000Z'), new Date('2026-05-01T09:00:00.001Z')];

  /** 23 published top comments on three timestamps (most share one), with tied counts. */
  async function crowdedArticle() {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const rows: Key[] = [];
    for (let i = 0; i < 23; i++) {
      const c = await createComment(t.prisma, {
        articleId: article.id,
        authorId: author.id,
        createdAt: TIMES[i % 5 === 0 ? 0 : i % 7 === 0 ? 2 : 1],
        replyCount: i % 3,
        respectCount: [0, 5, 5, 9][i % 4],
      });
      rows.push(c);
    }
    return { article, rows };
  }

  describe('findTopPage', () => {
    it('pages newest-first without skipping equal timestamps', async () => {
      const { article, rows } = await crowdedArticle();
      const ids = (await walkTops(article.id, 'newest', null, 5)).map((r) => r.id);
      expect(ids).toEqual([...rows].sort(ORDER.newest).map((r) => r.id));
    });

    it.each<ThreadSort>(['oldest', 'replies', 'respect'])('pages %s without duplicates or gaps across pages', async (sort) => {
      const { article, rows } = await crowdedArticle();
      for (const limit of [1, 4, 22, 23, 50]) {
        const ids = (await walkTops(article.id, sort, null, limit)).map((r) => r.id);
        expect({ limit, ids }).toEqual({ limit, ids: [...rows].sort(ORDER[sort]).map((r) => r.id) });
      }
    });

    it("slots the viewer's own rejected top comments into their places, for them alone", async () => {
      const article = await createArticle(t.prisma);
      const [writer, other] = [await createUser(t.prisma), await createUser(t.prisma)];
      const visible: Key[] = [];
      const own: Key[] = [];
      for (let i = 0; i < 12; i++) {
        const mine = i % 3 === 1;
        const c = await createComment(t.prisma, { articleId: article.id, authorId: writer.id, createdAt: TIMES[i % 2], status: mine ? 'REJECTED' : 'PUBLISHED' });
        (mine ? own : visible).push(c);
      }
      // Somebody else's rejected comment: shown to that author, never to the writer.
      const theirs = await createComment(t.prisma, { articleId: article.id, authorId: other.id, createdAt: TIMES[1], status: 'REJECTED' });

      const expectations: [string | null, Key[]][] = [
        [writer.id, [...visible, ...own]],
        [other.id, [...visible, theirs]],
        [null, visible],
      ];
      for (const sort of ['newest', 'oldest'] as const) {
        for (const [viewer, rows] of expectations) {
          const ids = (await walkTops(article.id, sort, viewer, 3)).map((r) => r.id);
          expect({ sort, viewer, ids }).toEqual({ sort, viewer, ids: [...rows].sort(ORDER[sort]).map((r) => r.id) });
        }
      }
    });

    it('keeps held and deleted top comments in place while they have replies, and drops them without', async () => {
      const article = await createArticle(t.prisma);
      const author = await createUser(t.prisma);
      const at = TIMES[1];
      const shown: Key[] = [];
      for (const status of ['PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD', 'DELETED'] as CommentStatus[]) {
        const withReplies = await createComment(t.prisma, { articleId: article.id, authorId: author.id, createdAt: at, status, replyCount: 1 });
        const without = await createComment(t.prisma, { articleId: article.id, authorId: author.id, createdAt: at, status });
        shown.push(withReplies);
        if (status === 'PUBLISHED' || status === 'APPROVED') shown.push(without);
      }
      const ids = (await walkTops(article.id, 'newest', null, 2)).map((r) => r.id);
      expect(ids).toEqual(shown.sort(ORDER.newest).map((r) => r.id));
    });

    it("returns each top comment's first replies in thread order, within the depth and fetch caps", async () => {
      const article = await createArticle(t.prisma);
      const author = await createUser(t.prisma);
      const first = await reply(article.id, author, null);
      const r1 = await reply(article.id, author, first);
      const r1a = await reply(article.id, author, r1);
      await reply(article.id, author, r1a); // depth 3: past the depth cap of 2 below
      const r2 = await reply(article.id, author, first);
      await reply(article.id, author, first); // past the fetch cap of 3
      const second = await reply(article.id, author, null);
      const r4 = await reply(article.id, author, second);

      const { tops, replies } = await threads.findTopPage(article.id, 'oldest', null, 10, null, { depth: 2, fetch: 3 });
      expect(tops.map((r) => r.id)).toEqual([first, second]);
      const under = (top: RowWithKind) => replies.filter((r) => r.ord === top.ord).map((r) => r.id);
      expect(under(tops[0])).toEqual([r1, r1a, r2]);
      expect(under(tops[1])).toEqual([r4]);
      expect(replies.every((r) => r.kind === 1) && tops.every((r) => r.kind === 0)).toBe(true);
    });

    it('hides a rejected subtree from readers but shows the rejected comment itself to its author', async () => {
      const article = await createArticle(t.prisma);
      const [writer, replier, holder, moderator] = [await createUser(t.prisma), await createUser(t.prisma), await createUser(t.prisma), await createUser(t.prisma, { role: 'MODERATOR' })];
      const top = await reply(article.id, writer, null);
      const rejected = await reply(article.id, writer, top);
      const below = await reply(article.id, writer, rejected);
      await reply(article.id, replier, below);
      const fine = await reply(article.id, replier, top);
      const held = await reply(article.id, holder, top, 'PENDING');
      await reject(rejected);

      const repliesAs = async (viewerId: string | null) => (await threads.findTopPage(article.id, 'newest', null, 10, viewerId, caps)).replies.map((r) => r.id);
      expect(await repliesAs(null)).toEqual([fine]);
      // The repository knows no roles: moderators read rejected comments in the rejected queue.
      expect(await repliesAs(moderator.id)).toEqual([fine]);
      expect(await repliesAs(replier.id)).toEqual([fine]);
      expect(await repliesAs(writer.id)).toEqual([rejected, fine]);
      expect(await repliesAs(holder.id)).toEqual([fine, held]);
      // Not even its author reads below a rejected comment, by any route.
      expect((await threads.findChildrenPage(rejected, null, 10, writer.id, caps)).tops).toEqual([]);
      expect((await threads.findOneWithReplies(below, writer.id, caps)).replies).toEqual([]);
    });
  });

  describe('findOwnHeldTops and findByPaths', () => {
    it("lists the viewer's own held top comments newest first, for them alone", async () => {
      const article = await createArticle(t.prisma);
      const [writer, other] = [await createUser(t.prisma), await createUser(t.prisma)];
      const held: Key[] = [];
      for (const [i, status] of (['PENDING', 'WITHHELD', 'PUBLISHED', 'REJECTED', 'PENDING'] as CommentStatus[]).entries()) {
        const c = await createComment(t.prisma, { articleId: article.id, authorId: writer.id, status, createdAt: TIMES[i % 3] });
        if (status === 'PENDING' || status === 'WITHHELD') held.push(c);
      }
      await createComment(t.prisma, { articleId: article.id, authorId: other.id, status: 'PENDING' });
      const top = await reply(article.id, writer, null);
      await reply(article.id, writer, top, 'PENDING'); // a held reply is not a held top comment

      const mine = await threads.findOwnHeldTops(article.id, writer.id);
      expect(mine.map((r) => r.id).sort()).toEqual(held.map((r) => r.id).sort());
      expect(mine.map((r) => r.createdAt.getTime())).toEqual(held.map((r) => r.createdAt.getTime()).sort((a, b) => b - a));
    });

    it("finds a reply's ancestors from the prefixes of its path, top first", async () => {
      const article = await createArticle(t.prisma);
      const author = await createUser(t.prisma);
      const chain = [await reply(article.id, author, null)];
      for (let i = 0; i < 4; i++) chain.push(await reply(article.id, author, chain[i]));
      await reply(article.id, author, chain[1]); // a sibling branch, not an ancestor
      const deepest = await threads.findRow(chain[4]);
      if (!deepest) throw new Error('the reply is missing');
      const prefixes = [10, 20, 30, 40].map((n) => deepest.path.slice(0, n));
      expect((await threads.findByPaths(deepest.rootId, prefixes)).map((r) => r.id)).toEqual(chain.slice(0, 4));
      expect(await threads.findByPaths(deepest.rootId, [])).toEqual([]);
    });
  });

  describe('findChildrenPage', () => {
    it("pages a comment's direct replies in thread order without duplicates or gaps", async () => {
      const article = await createArticle(t.prisma);
      const [viewer, other] = [await createUser(t.prisma), await createUser(t.prisma)];
      const parent = await reply(article.id, other, null);
      const expected: string[] = [];
      for (let i = 0; i < 13; i++) {
        const status: CommentStatus = i % 4 === 3 ? 'PENDING' : 'PUBLISHED';
        const author = i % 2 === 0 ? viewer : other;
        const id = await reply(article.id, author, parent, status);
        // A reply below it is not a direct reply of the parent.
        if (i % 3 === 0 && status === 'PUBLISHED') await reply(article.id, other, id);
        // Held replies are shown to their author only.
        if (status === 'PUBLISHED' || author === viewer) expected.push(id);
      }
      const walk = async (viewerId: string | null, limit: number) => {
        const ids: string[] = [];
        let afterPath: string | null = null;
        for (let page = 0; page < 50; page++) {
          const { tops } = await threads.findChildrenPage(parent, afterPath, limit, viewerId, caps);
          const kept = tops.slice(0, limit);
          ids.push(...kept.map((r) => r.id));
          if (tops.length <= limit) return ids;
          afterPath = kept[kept.length - 1].path;
        }
        throw new Error('the cursor does not advance');
      };
      const direct = await t.prisma.comment.findMany({ where: { parentId: parent }, orderBy: { path: 'asc' }, select: { id: true } });
      const inOrder = (ids: string[]) => direct.map((d) => d.id).filter((id) => ids.includes(id));
      for (const limit of [1, 3, 20]) {
        expect({ limit, ids: await walk(viewer.id, limit) }).toEqual({ limit, ids: inOrder(expected) });
      }
      const publicOnes = (await t.prisma.comment.findMany({ where: { parentId: parent, status: 'PUBLISHED' }, orderBy: { path: 'asc' } })).map((c) => c.id);
      expect(await walk(null, 4)).toEqual(publicOnes);
    });
  });
});
