import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { CommentStatus } from '../../src/generated/prisma/enums';
import { CommentsRepository, NewComment } from '../../src/modules/comments/comments.repository';
import { PATH_MAX_LEVELS, PATH_SEGMENT } from '../../src/modules/comments/thread/comment-row';
import { invariantBreaks, NO_BREAKS } from '../helpers/comment-invariants';
import { createArticle, createUser } from '../helpers/factories';
import { createTestPrisma, TestPrisma } from '../helpers/prisma';

/**
 * The comment writes where the SQL is hardest, on real PostgreSQL: the posting statement
 * (`insert`: parent lock, idempotency key, repeat guard, counters in one statement) and the status
 * change that hides or restores a whole subtree (`changeStatus`). Every test checks the counters
 * against the rows themselves (test/helpers/comment-invariants.ts).
 */
describe('CommentsRepository', () => {
  let t: TestPrisma;
  let repo: CommentsRepository;
  let bodies = 0;

  beforeAll(async () => {
    t = await createTestPrisma(14);
    repo = new CommentsRepository(t.prisma);
  });
  afterAll(() => t.close());

  function draft(c: Pick<NewComment, 'articleId' | 'authorId'> & Partial<NewComment>): NewComment {
    bodies += 1;
    return { id: randomUUID(), parentId: null, status: 'PUBLISHED', bodySource: `comment ${bodies}`, bodyHtml: `<p>comment ${bodies}</p>`, idempotency: null, ...c };
  }

  /** Posts through the real statement and insists it went in. */
  async function post(c: Pick<NewComment, 'articleId' | 'authorId'> & Partial<NewComment>) {
    const d = draft(c);
    const outcome = await repo.insert(d);
    if (outcome.kind !== 'inserted') throw new Error(`expected an insert, got ${outcome.kind}`);
    return { id: d.id, ...outcome };
  }

  /** changeStatus in a transaction of its own: true when it applied (the comment was still `from`). */
  const setStatus = async (id: string, from: CommentStatus, to: CommentStatus) => Boolean(await t.prisma.$transaction((tx) => repo.changeStatus(id, from, to, tx)));

  const row = (id: string) => t.prisma.comment.findUniqueOrThrow({ where: { id } });
  const articleCount = async (id: string) => (await t.prisma.article.findUniqueOrThrow({ where: { id } })).commentCount;

  /** The backend that is waiting for a lock `pid` holds, once there is one (polled). */
  async function blockedBy(pid: number): Promise<number> {
    for (let i = 0; i < 500; i++) {
      const { rows } = await t.prisma.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]);
      if (rows.length > 0) return rows[0].pid;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`nothing waited for backend ${pid}`);
  }

  async function fixture() {
    return { article: await createArticle(t.prisma), author: await createUser(t.prisma) };
  }

  describe('insert', () => {
    it('inserts a top-level comment as its own root with its first revision and check run', async () => {
      const { article, author } = await fixture();
      const c = await post({ articleId: article.id, authorId: author.id, checkReasons: ['LINKS'], scorer: { model: 'test', score: 0.1 } });

      expect(c).toMatchObject({ depth: 0, rootId: c.id, status: 'PUBLISHED', checkReasons: ['LINKS'] });
      expect(c.path).toMatch(new RegExp(`^[0-9a-f]{${PATH_SEGMENT}}$`));
      const revisions = await t.prisma.commentRevision.findMany({ where: { commentId: c.id } });
      expect(revisions.map((r) => [r.revision, r.bodySource, r.createdAt.getTime()])).toEqual([[1, (await row(c.id)).bodySource, c.createdAt.getTime()]]);
      const runs = await t.prisma.commentCheckRun.findMany({ where: { commentId: c.id } });
      expect(runs.map((r) => [r.revision, r.outcome, r.reasons, r.scorer])).toEqual([[1, 'PUBLISHED', ['LINKS'], { model: 'test', score: 0.1 }]]);
      expect(await articleCount(article.id)).toBe(1);
    });

    it("inserts a reply at the right depth and path and bumps its parent's reply count and the article's count", async () => {
      const { article, author } = await fixture();
      const top = await post({ articleId: article.id, authorId: author.id });
      const chain = [top];
      for (let i = 0; i < 4; i++) chain.push(await post({ articleId: article.id, authorId: author.id, parentId: chain[chain.length - 1].id }));
      const sibling = await post({ articleId: article.id, authorId: author.id, parentId: top.id });

      chain.forEach((c, depth) => {
        expect(c).toMatchObject({ depth, rootId: top.id });
        expect(c.path).toHaveLength(PATH_SEGMENT * (depth + 1));
        if (depth > 0) expect(c.path.startsWith(chain[depth - 1].path)).toBe(true);
      });
      // Siblings sort in thread order: the later reply after the earlier one's whole subtree.
      expect(sibling.path > chain[4].path && sibling.path.startsWith(top.path)).toBe(true);
      expect((await row(top.id)).replyCount).toBe(2);
      for (const c of chain.slice(1, 4)) expect((await row(c.id)).replyCount).toBe(1);
      expect(await articleCount(article.id)).toBe(6);
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
    });

    it(`stops paths growing past ${PATH_MAX_LEVELS} levels: deeper replies sort by time under their ${PATH_MAX_LEVELS}th-level ancestor`, async () => {
      const { article, author } = await fixture();
      const chain = [await post({ articleId: article.id, authorId: author.id })];
      for (let depth = 1; depth <= PATH_MAX_LEVELS + 3; depth++) {
        chain.push(await post({ articleId: article.id, authorId: author.id, parentId: chain[depth - 1].id }));
      }
      const cap = PATH_MAX_LEVELS * PATH_SEGMENT;
      chain.forEach((c, depth) => {
        expect({ depth: c.depth, length: c.path.length }).toEqual({ depth, length: Math.min(depth + 1, PATH_MAX_LEVELS + 1) * PATH_SEGMENT });
        if (depth > PATH_MAX_LEVELS) expect(c.path.slice(0, cap)).toBe(chain[PATH_MAX_LEVELS - 1].path);
      });
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
      const deep = chain.slice(PATH_MAX_LEVELS);
      expect([...deep].sort((a, b) => (a.path < b.path ? -1 : 1)).map((c) => c.depth)).toEqual(deep.map((c) => c.depth));
    });

    it('counts nothing for a held reply, but records its revision', async () => {
      const { article, author } = await fixture();
      const top = await post({ articleId: article.id, authorId: author.id });
      for (const status of ['PENDING', 'WITHHELD', 'REJECTED'] as const) {
        const held = await post({ articleId: article.id, authorId: author.id, parentId: top.id, status });
        expect(held.status).toBe(status);
        expect(await t.prisma.commentRevision.count({ where: { commentId: held.id } })).toBe(1);
      }
      expect((await row(top.id)).replyCount).toBe(0);
      expect(await articleCount(article.id)).toBe(1);
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
    });

    it('refuses a reply to a parent readers cannot see and writes nothing, not even the idempotency key', async () => {
      const { article, author } = await fixture();
      const other = await createArticle(t.prisma);
      const top = await post({ articleId: article.id, authorId: author.id });
      const held = await post({ articleId: article.id, authorId: author.id, parentId: top.id, status: 'PENDING' });
      const doomed = await post({ articleId: article.id, authorId: author.id, parentId: top.id });
      const underDoomed = await post({ articleId: article.id, authorId: author.id, parentId: doomed.id });
      const deleted = await post({ articleId: article.id, authorId: author.id, parentId: top.id });
      expect(await setStatus(doomed.id, 'PUBLISHED', 'REJECTED')).toBe(true);
      expect(await setStatus(deleted.id, 'PUBLISHED', 'DELETED')).toBe(true);
      const before = { comments: await t.prisma.comment.count(), keys: await t.prisma.idempotencyKey.count(), count: await articleCount(article.id) };

      const parents = { held: held.id, rejected: doomed.id, 'under a rejected one': underDoomed.id, deleted: deleted.id, missing: randomUUID() };
      for (const [what, parentId] of Object.entries(parents)) {
        const outcome = await repo.insert(draft({ articleId: article.id, authorId: author.id, parentId, idempotency: { key: `k-${what}`, requestHash: 'h' } }));
        expect({ what, outcome }).toEqual({ what, outcome: { kind: 'parent-unavailable' } });
      }
      const onOtherArticle = await repo.insert(draft({ articleId: other.id, authorId: author.id, parentId: top.id }));
      expect(onOtherArticle).toEqual({ kind: 'parent-unavailable' });

      expect({ comments: await t.prisma.comment.count(), keys: await t.prisma.idempotencyKey.count(), count: await articleCount(article.id) }).toEqual(before);
      expect(await articleCount(other.id)).toBe(0);
    });

    it('records an idempotency key once: a second insert with the key reports duplicate-key and writes nothing', async () => {
      const { article, author } = await fixture();
      const idempotency = { key: 'post-once', requestHash: 'hash-1' };
      const first = await post({ articleId: article.id, authorId: author.id, idempotency });
      const again = draft({ articleId: article.id, authorId: author.id, idempotency });

      expect(await repo.insert(again)).toEqual({ kind: 'duplicate-key' });
      expect(await t.prisma.comment.findUnique({ where: { id: again.id } })).toBeNull();
      expect(await repo.findIdempotencyKey(author.id, 'post-once')).toEqual({ requestHash: 'hash-1', commentId: first.id });
      expect(await articleCount(article.id)).toBe(1);
      // The key is the author's own: another author may use the same one.
      const stranger = await createUser(t.prisma);
      expect((await repo.insert(draft({ articleId: article.id, authorId: stranger.id, idempotency }))).kind).toBe('inserted');
    });

    it('lets exactly one of many inserts sent at once with one idempotency key through', async () => {
      const { article, author } = await fixture();
      const idempotency = { key: 'double-click', requestHash: 'h' };
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => repo.insert(draft({ articleId: article.id, authorId: author.id, idempotency }))));
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['duplicate-key', 'duplicate-key', 'duplicate-key', 'duplicate-key', 'duplicate-key', 'duplicate-key', 'duplicate-key', 'inserted']);
      expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(1);
      expect(await articleCount(article.id)).toBe(1);
    });

    it.each<[CommentStatus, CommentStatus]>([
      ['PUBLISHED', 'WITHHELD'],
      ['PENDING', 'WITHHELD'],
      ['WITHHELD', 'WITHHELD'],
      ['REJECTED', 'REJECTED'],
    ])('withholds a repeat found under the author’s lock: %s becomes %s, with REPEAT_POST first', async (asked, stored) => {
      const { article, author } = await fixture();
      const body = { bodySource: `same words ${asked}`, bodyHtml: '<p>same</p>' };
      await post({ articleId: article.id, authorId: author.id, ...body, repeatWindowSeconds: 60 });
      const repeat = await post({ articleId: article.id, authorId: author.id, ...body, status: asked, checkReasons: ['LINKS'], repeatWindowSeconds: 60 });

      expect({ status: repeat.status, reasons: repeat.checkReasons }).toEqual({ status: stored, reasons: ['REPEAT_POST', 'LINKS'] });
      expect(await row(repeat.id)).toMatchObject({ status: stored, checkReasons: ['REPEAT_POST', 'LINKS'] });
      const [run] = await t.prisma.commentCheckRun.findMany({ where: { commentId: repeat.id } });
      expect({ outcome: run.outcome, reasons: run.reasons }).toEqual({ outcome: stored, reasons: ['REPEAT_POST', 'LINKS'] });
      expect(await articleCount(article.id)).toBe(1);
    });

    it('does not call it a repeat outside the window, after the earlier one was deleted, or for another author', async () => {
      const { article, author } = await fixture();
      const body = { bodySource: 'said twice', bodyHtml: '<p>said twice</p>' };
      const first = await post({ articleId: article.id, authorId: author.id, ...body });
      expect((await post({ articleId: article.id, authorId: author.id, ...body, repeatWindowSeconds: 0 })).status).toBe('PUBLISHED');
      const stranger = await createUser(t.prisma);
      expect((await post({ articleId: article.id, authorId: stranger.id, ...body, repeatWindowSeconds: 60 })).status).toBe('PUBLISHED');

      const { article: elsewhere, author: writer } = await fixture();
      const gone = await post({ articleId: elsewhere.id, authorId: writer.id, ...body });
      await setStatus(gone.id, 'PUBLISHED', 'DELETED');
      expect((await post({ articleId: elsewhere.id, authorId: writer.id, ...body, repeatWindowSeconds: 60 })).status).toBe('PUBLISHED');
      expect(first.status).toBe('PUBLISHED');
    });

    it('publishes one of many identical posts sent at once and withholds the rest', async () => {
      const { article, author } = await fixture();
      const body = { bodySource: 'sent twelve times', bodyHtml: '<p>sent twelve times</p>' };
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () => repo.insert(draft({ articleId: article.id, authorId: author.id, ...body, repeatWindowSeconds: 60 }))),
      );
      const statuses = outcomes.map((o) => (o.kind === 'inserted' ? o.status : o.kind));
      expect(statuses.filter((s) => s === 'PUBLISHED')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'WITHHELD')).toHaveLength(11);
      expect(await articleCount(article.id)).toBe(1);
    });

    it("lets an author's other text through while a post of theirs holds the repeat lock, and makes the same text wait for it", async () => {
      const { article, author } = await fixture();
      const holder = new Client({ connectionString: t.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT comment_repeat_guard($1::uuid, 'held words', 60)`, [author.id]);
        const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        // Another text by the same author goes in while the lock is held (before issue 19 it waited for it).
        const other = await post({ articleId: article.id, authorId: author.id, bodySource: 'other words', repeatWindowSeconds: 60 });
        expect(other.status).toBe('PUBLISHED');
        const same = repo.insert(draft({ articleId: article.id, authorId: author.id, bodySource: 'held words', repeatWindowSeconds: 60 }));
        await blockedBy(holderPid);
        await holder.query(`INSERT INTO comments (id, article_id, author_id, root_id, path, status, body_source, body_html)
                            VALUES ($3, $1, $2, $3, 'ffffffffff', 'PUBLISHED', 'held words', '<p>held words</p>')`, [article.id, author.id, randomUUID()]);
        await holder.query('COMMIT');
        const outcome = await same;
        expect(outcome.kind === 'inserted' && { status: outcome.status, reasons: outcome.checkReasons }).toEqual({ status: 'WITHHELD', reasons: ['REPEAT_POST'] });
      } finally {
        await holder.end();
      }
    });

    it('keeps the stored text hash the repeat check looks up equal to the text through edits', async () => {
      const { article, author } = await fixture();
      const c = await post({ articleId: article.id, authorId: author.id, bodySource: 'first words' });
      await t.prisma.comment.update({ where: { id: c.id }, data: { bodySource: 'edited words' } });
      const { rows } = await t.prisma.pool.query<{ same: boolean }>(`SELECT body_hash = md5('edited words')::uuid AS same FROM comments WHERE id = $1`, [c.id]);
      expect(rows).toEqual([{ same: true }]);
      expect((await post({ articleId: article.id, authorId: author.id, bodySource: 'first words', repeatWindowSeconds: 60 })).status).toBe('PUBLISHED');
      expect((await post({ articleId: article.id, authorId: author.id, bodySource: 'edited words', repeatWindowSeconds: 60 })).status).toBe('WITHHELD');
    });

    it('raises a system flag when the checks ask for one', async () => {
      const { article, author } = await fixture();
      const c = await post({ articleId: article.id, authorId: author.id, status: 'PENDING', checkReasons: ['SPAM', 'LINKS'], systemFlag: true });
      const flags = await t.prisma.flag.findMany({ where: { commentId: c.id } });
      expect(flags.map((f) => ({ reason: f.reason, details: f.details, reporterId: f.reporterId, weight: f.weight, countsTowardHiding: f.countsTowardHiding }))).toEqual([
        { reason: 'SYSTEM', details: 'SPAM, LINKS', reporterId: null, weight: 0, countsTowardHiding: false },
      ]);
      expect((await row(c.id)).openFlagCount).toBe(1);
      const plain = await post({ articleId: article.id, authorId: author.id });
      expect(await t.prisma.flag.count({ where: { commentId: plain.id } })).toBe(0);
    });

    it("keeps the parent's reply count exact under many replies at once", async () => {
      const { article, author } = await fixture();
      const top = await post({ articleId: article.id, authorId: author.id });
      const writers = await Promise.all(Array.from({ length: 10 }, () => createUser(t.prisma)));
      const outcomes = await Promise.all(
        writers.flatMap((w) => [1, 2].map(() => repo.insert(draft({ articleId: article.id, authorId: w.id, parentId: top.id })))),
      );
      expect(outcomes.every((o) => o.kind === 'inserted')).toBe(true);
      expect((await row(top.id)).replyCount).toBe(20);
      expect(new Set(outcomes.map((o) => (o.kind === 'inserted' ? o.path : ''))).size).toBe(20);
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
    });
  });

  describe('addRevision', () => {
    it('adds a revision only at the revision and status the caller read', async () => {
      const { article, author } = await fixture();
      const c = await post({ articleId: article.id, authorId: author.id, bodySource: 'first', bodyHtml: '<p>first</p>' });
      const edit = (revision: number, status: CommentStatus, text: string) =>
        t.prisma.$transaction((tx) => repo.addRevision(c.id, { revision, status }, text, `<p>${text}</p>`, tx));

      expect(await edit(1, 'PUBLISHED', 'second')).toBe(true);
      expect(await edit(1, 'PUBLISHED', 'stale revision')).toBe(false);
      await setStatus(c.id, 'PUBLISHED', 'WITHHELD');
      expect(await edit(2, 'PUBLISHED', 'stale status')).toBe(false);
      expect(await edit(2, 'WITHHELD', 'third')).toBe(true);

      expect((await repo.findRevisions(c.id)).map((r) => [r.revision, r.bodySource])).toEqual([
        [1, 'first'],
        [2, 'second'],
        [3, 'third'],
      ]);
      expect(await row(c.id)).toMatchObject({ revision: 3, bodySource: 'third', bodyHtml: '<p>third</p>', status: 'WITHHELD' });
      expect((await row(c.id)).editedAt).not.toBeNull();
    });
  });

  describe('changeStatus', () => {
    /**
     * top ─┬─ a ─┬─ a1 ── a1x
     *      │     ├─ a2
     *      │     ├─ held (PENDING)
     *      │     └─ gone (DELETED) ── orphan
     *      └─ b
     */
    async function tree() {
      const { article, author } = await fixture();
      const on = (parentId: string | null, status: CommentStatus = 'PUBLISHED') => post({ articleId: article.id, authorId: author.id, parentId, status });
      const top = await on(null);
      const a = await on(top.id);
      const a1 = await on(a.id);
      const a1x = await on(a1.id);
      const a2 = await on(a.id);
      const held = await on(a.id, 'PENDING');
      const gone = await on(a.id);
      const orphan = await on(gone.id);
      const b = await on(top.id);
      await setStatus(gone.id, 'PUBLISHED', 'DELETED');
      return { article, ids: { top: top.id, a: a.id, a1: a1.id, a1x: a1x.id, a2: a2.id, held: held.id, gone: gone.id, orphan: orphan.id, b: b.id } };
    }

    async function snapshot(articleId: string) {
      const rows = await t.prisma.comment.findMany({ where: { articleId }, select: { id: true, status: true, replyCount: true, hiddenAncestors: true } });
      return { count: await articleCount(articleId), rows: rows.sort((x, y) => (x.id < y.id ? -1 : 1)) };
    }

    it('keeps article and reply counts exact when a subtree is rejected then restored', async () => {
      const { article, ids } = await tree();
      // top, a, a1, a1x, a2, orphan, b
      expect(await articleCount(article.id)).toBe(7);
      const before = await snapshot(article.id);

      expect(await setStatus(ids.a, 'PUBLISHED', 'REJECTED')).toBe(true);
      expect(await articleCount(article.id)).toBe(2);
      expect((await row(ids.top)).replyCount).toBe(1);
      for (const id of [ids.a1, ids.a1x, ids.a2, ids.held, ids.gone, ids.orphan]) expect((await row(id)).hiddenAncestors).toBe(1);
      expect((await row(ids.a)).hiddenAncestors).toBe(0);
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);

      expect(await setStatus(ids.a, 'REJECTED', 'PUBLISHED')).toBe(true);
      expect(await snapshot(article.id)).toEqual(before);
    });

    it("keeps a rejected descendant's subtree hidden when its ancestor is rejected and restored", async () => {
      const { article, ids } = await tree();
      await setStatus(ids.a1, 'PUBLISHED', 'REJECTED');
      await setStatus(ids.a, 'PUBLISHED', 'REJECTED');
      expect((await row(ids.a1x)).hiddenAncestors).toBe(2);
      await setStatus(ids.a, 'REJECTED', 'APPROVED');

      expect((await row(ids.a1x)).hiddenAncestors).toBe(1);
      expect((await row(ids.a1)).hiddenAncestors).toBe(0);
      // a2 and the orphan under the deleted one are back; a1 and a1x stay out.
      expect((await row(ids.a)).replyCount).toBe(1);
      expect(await articleCount(article.id)).toBe(5);
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
    });

    it('moves counts when a reply is withheld and later approved, and leaves its replies visible', async () => {
      const { article, ids } = await tree();
      await setStatus(ids.a1, 'PUBLISHED', 'WITHHELD');
      expect({ a: (await row(ids.a)).replyCount, a1x: (await row(ids.a1x)).hiddenAncestors, count: await articleCount(article.id) }).toEqual({ a: 1, a1x: 0, count: 6 });
      await setStatus(ids.a1, 'WITHHELD', 'APPROVED');
      expect({ a: (await row(ids.a)).replyCount, count: await articleCount(article.id) }).toEqual({ a: 2, count: 7 });
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
    });

    it('changes nothing and reports false when the comment is no longer in the status the caller read', async () => {
      const { article, ids } = await tree();
      const before = await snapshot(article.id);
      expect(await setStatus(ids.a, 'PENDING', 'REJECTED')).toBe(false);
      expect(await setStatus(ids.held, 'PUBLISHED', 'REJECTED')).toBe(false);
      expect(await snapshot(article.id)).toEqual(before);
    });

    it('counts nothing when a comment under a rejected ancestor changes status', async () => {
      const { article, ids } = await tree();
      await setStatus(ids.a, 'PUBLISHED', 'REJECTED');
      const count = await articleCount(article.id);
      await setStatus(ids.held, 'PENDING', 'APPROVED');
      await setStatus(ids.a2, 'PUBLISHED', 'WITHHELD');
      await setStatus(ids.a1, 'PUBLISHED', 'REJECTED');
      expect(await articleCount(article.id)).toBe(count);
      expect((await row(ids.a)).replyCount).toBe(0);
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
      await setStatus(ids.a, 'REJECTED', 'APPROVED');
      // held (now approved) is back; a2 (withheld) and a1's subtree (rejected) are not.
      expect((await row(ids.a)).replyCount).toBe(1);
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
    });

    it.each<CommentStatus>(['PENDING', 'PUBLISHED'])('hides a %s reply that was being posted deeper in the subtree while the subtree was rejected', async (status) => {
      // The interleaving is forced, not hoped for: the reply's statement locks its parent and then
      // waits on an idempotency key another transaction holds, while the rejection starts.
      const { article, author } = await fixture();
      const replier = await createUser(t.prisma);
      const top = await post({ articleId: article.id, authorId: author.id });
      const middle = await post({ articleId: article.id, authorId: author.id, parentId: top.id });
      const holder = new Client({ connectionString: t.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response) VALUES ($1, 'held', 'h', 201, '{}')`, [replier.id]);
        const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        const late = draft({ articleId: article.id, authorId: replier.id, parentId: middle.id, status, idempotency: { key: 'held', requestHash: 'h' } });
        const posting = repo.insert(late);
        const postingPid = await blockedBy(holderPid);
        const rejecting = setStatus(top.id, 'PUBLISHED', 'REJECTED');
        await blockedBy(postingPid);
        await holder.query('ROLLBACK');
        expect((await posting).kind).toBe('inserted');
        expect(await rejecting).toBe(true);
        expect((await row(late.id)).hiddenAncestors).toBe(1);
        expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
      } finally {
        await holder.end();
      }
    });

    it('refuses a reply deep in a subtree that waited for the subtree’s rejection to commit', async () => {
      const { article, author } = await fixture();
      const top = await post({ articleId: article.id, authorId: author.id });
      const middle = await post({ articleId: article.id, authorId: author.id, parentId: top.id });
      const leaf = await post({ articleId: article.id, authorId: author.id, parentId: middle.id });
      let commit = () => {};
      const gate = new Promise<void>((resolve) => (commit = resolve));
      let rejectingPid = 0;
      const rejecting = t.prisma.$transaction(async (tx) => {
        rejectingPid = (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid;
        const changed = await repo.changeStatus(top.id, 'PUBLISHED', 'REJECTED', tx);
        await gate;
        return Boolean(changed);
      });
      while (rejectingPid === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const late = draft({ articleId: article.id, authorId: (await createUser(t.prisma)).id, parentId: leaf.id });
      const posting = repo.insert(late);
      await blockedBy(rejectingPid);
      commit();
      expect(await rejecting).toBe(true);
      expect(await posting).toEqual({ kind: 'parent-unavailable' });
      expect(await invariantBreaks(t.prisma, article.id)).toEqual(NO_BREAKS);
    });

    it('keeps every count and hidden mark exact through a seeded series of random transitions', async () => {
      const { article, author } = await fixture();
      let seed = 0x2f6b;
      const next = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await post({ articleId: article.id, authorId: author.id })).id);
      // Replies and status changes interleaved: a reply to a parent readers cannot see is refused
      // (and must change nothing), a reply elsewhere lands among hidden and visible subtrees.
      const statuses: CommentStatus[] = ['PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD', 'REJECTED', 'DELETED'];
      const failures: unknown[] = [];
      const replies = new Set<string>();
      for (let step = 0; step < 150; step++) {
        const id = ids[next(ids.length)];
        let what: string;
        if (next(3) === 0) {
          const d = draft({ articleId: article.id, authorId: author.id, parentId: id, status: next(4) === 0 ? 'PENDING' : 'PUBLISHED' });
          const outcome = await repo.insert(d);
          if (outcome.kind === 'inserted') ids.push(d.id);
          replies.add(outcome.kind);
          what = `reply to ${id}: ${outcome.kind}`;
        } else {
          const { status } = await row(id);
          const to = statuses[next(statuses.length)];
          if (to === status) continue;
          expect(await setStatus(id, status, to)).toBe(true);
          what = `${id}: ${status} → ${to}`;
        }
        const m = await invariantBreaks(t.prisma, article.id);
        if (Object.values(m).some((rows) => rows.length > 0)) failures.push({ step, what, ...m });
      }
      // The series reached both kinds of reply, and trees deeper than one level.
      expect([...replies].sort()).toEqual(['inserted', 'parent-unavailable']);
      expect(await t.prisma.comment.count({ where: { articleId: article.id, depth: { gt: 1 } } })).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    });
  });
});
