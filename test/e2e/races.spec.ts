import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

/**
 * Concurrent requests that touch the same comment, each followed by exact invariants read from
 * the database: counters equal the rows they count, one winner where there can be only one, and
 * no decision that applies to a revision other than the one the moderator saw.
 */

const OLD = new Date(Date.now() - 400 * 86_400_000);

describe('races with exact invariants', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp({ FLAG_HIDE_THRESHOLD: '6' });
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  async function post(user: TestUser, articleId: string, body: string): Promise<string> {
    const res = await request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body }).expect(201);
    return res.body.id as string;
  }

  async function counters(commentId: string) {
    const { rows } = await t.prisma.pool.query(
      `SELECT c.status, c.revision, c.respect_count, c.disagree_count, c.open_flag_count, c.open_flag_weight,
              (SELECT count(*)::int FROM reactions r WHERE r.comment_id = c.id AND r.kind = 'RESPECT') AS respect_rows,
              (SELECT count(*)::int FROM reactions r WHERE r.comment_id = c.id AND r.kind = 'DISAGREE') AS disagree_rows,
              (SELECT count(*)::int FROM flags f WHERE f.comment_id = c.id AND f.status = 'OPEN' AND f.reason <> 'MISINFORMATION') AS open_flag_rows,
              (SELECT coalesce(sum(f.weight) FILTER (WHERE f.counts_toward_hiding), 0)::float8 FROM flags f
                WHERE f.comment_id = c.id AND f.status = 'OPEN' AND f.reason <> 'MISINFORMATION') AS open_flag_row_weight,
              (SELECT count(*)::int FROM comment_revisions v WHERE v.comment_id = c.id) AS revision_rows
         FROM comments c WHERE c.id = $1`,
      [commentId],
    );
    return rows[0] as Record<string, number | string>;
  }

  it('keeps reaction counts equal to reaction rows under 60 concurrent puts and deletes', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(await createUser(t.prisma), article.id, 'React to me, all at once.');
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser(t.prisma)));
    const calls = users.flatMap((u, i) => [
      request(t.http).put(`/api/comments/${c}/reactions/RESPECT`).set(u.auth),
      // Every other user also withdraws at the same moment: the order is up to the server.
      i % 2 === 0 ? request(t.http).delete(`/api/comments/${c}/reactions/RESPECT`).set(u.auth) : request(t.http).put(`/api/comments/${c}/reactions/RESPECT`).set(u.auth),
      request(t.http).put(`/api/comments/${c}/reactions/DISAGREE`).set(u.auth),
    ]);
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.status >= 300)).toEqual([]);
    const row = await counters(c);
    expect(row.respect_count).toBe(row.respect_rows);
    expect(row.disagree_count).toBe(row.disagree_rows);
    expect(row.disagree_rows).toBe(20);
    expect(row.respect_rows).toBeGreaterThanOrEqual(10);
  });

  it('records one open flag per reporter under repeated concurrent flags, with exact counters', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(await createUser(t.prisma), article.id, 'Flag me from every side.');
    const reporters = await Promise.all(Array.from({ length: 5 }, () => createUser(t.prisma, { createdAt: OLD })));
    // Each reporter sends the same flag four times at once, and a fifth with another reason.
    const calls = reporters.flatMap((r) => [
      ...Array.from({ length: 4 }, () => request(t.http).post(`/api/comments/${c}/flags`).set(r.auth).send({ reason: 'ABUSE' })),
      request(t.http).post(`/api/comments/${c}/flags`).set(r.auth).send({ reason: 'SPAM' }),
    ]);
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.status >= 300)).toEqual([]);
    expect(results.filter((r) => r.body.created === true)).toHaveLength(5);
    const row = await counters(c);
    expect(row.open_flag_rows).toBe(5);
    expect(row.open_flag_count).toBe(5);
    expect(row.open_flag_weight).toBeCloseTo(row.open_flag_row_weight as number, 9);
  });

  it('resolves flags exactly when a decision races incoming flags', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(await createUser(t.prisma), article.id, 'Decided while being reported.');
    const reporters = await Promise.all(Array.from({ length: 12 }, () => createUser(t.prisma, { createdAt: OLD })));
    const flagCalls = reporters.map((r) => request(t.http).post(`/api/comments/${c}/flags`).set(r.auth).send({ reason: 'OFF_TOPIC' }));
    const decision = request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' });
    const [decided, ...flagged] = await Promise.all([decision, ...flagCalls]);
    // A flag either lands before the decision (then it is resolved by it) or after (then it stays open),
    // or finds the comment no longer flaggable; never a 5xx, never a counter out of step.
    expect(flagged.filter((r) => r.status >= 500)).toEqual([]);
    expect([201, 409]).toContain(decided.status);
    const row = await counters(c);
    expect(row.open_flag_count).toBe(row.open_flag_rows);
    expect(row.open_flag_weight).toBeCloseTo(row.open_flag_row_weight as number, 9);
    if (decided.status === 201) {
      const resolved = await t.prisma.flag.count({ where: { commentId: c, status: { not: 'OPEN' } } });
      expect(resolved).toBe(decided.body.flagsResolved);
    }
  });

  it('never applies a decision to a revision the moderator did not see when the author edits at the same moment', async () => {
    const article = await createArticle(t.prisma);
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      // A new author each round: the rejections won in earlier rounds would otherwise make the
      // recent-rejections check withhold this author's next comment or edit.
      const author = await createUser(t.prisma);
      const c = await post(author, article.id, `Original wording ${i}.`);
      const [decided, edited] = await Promise.all([
        request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC' }),
        request(t.http).patch(`/api/comments/${c}`).set(author.auth).send({ body: `Reworded ${i}.` }),
      ]);
      const decisions = await t.prisma.moderationDecision.findMany({ where: { commentId: c } });
      const row = await counters(c);
      outcomes.push(`${decided.status}/${edited.status}`);
      if (decided.status === 201) {
        // The decision saw revision 1 and won; a rejected comment cannot be edited, so the edit is
        // refused whether it read the comment before or after the decision committed.
        expect(decisions).toHaveLength(1);
        expect(decisions[0].revision).toBe(1);
        expect(edited.status).toBe(409);
        expect(['COMMENT_CHANGED', 'COMMENT_NOT_EDITABLE']).toContain(edited.body.code);
        expect(row).toMatchObject({ revision: 1, status: 'REJECTED' });
      } else {
        // The edit won: the decision is stale and nothing of it was written.
        expect(decided.status).toBe(409);
        expect(decided.body.code).toBe('STALE_REVISION');
        expect(edited.status).toBe(200);
        expect(decisions).toHaveLength(0);
        expect(row).toMatchObject({ revision: 2, status: 'PUBLISHED' });
      }
      expect(row.revision_rows).toBe(row.revision);
    }
    expect(outcomes.every((o) => /^(201|409)\/\d{3}$/.test(o))).toBe(true);
  });

  it('applies exactly one of an approve and a reject sent at once, ten times over', async () => {
    const article = await createArticle(t.prisma);
    const mod2 = await createUser(t.prisma, { role: 'MODERATOR' });
    for (let i = 0; i < 10; i++) {
      const c = await post(await createUser(t.prisma), article.id, `Approve or reject me, round ${i}.`);
      const [approve, reject] = await Promise.all([
        request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }),
        request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(mod2.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'SPAM' }),
      ]);
      expect([approve.status, reject.status].sort()).toEqual([201, 409]);
      const loser = approve.status === 409 ? approve : reject;
      expect(loser.body).toMatchObject({ code: 'STALE_STATUS' });
      const decisions = await t.prisma.moderationDecision.findMany({ where: { commentId: c } });
      expect(decisions).toHaveLength(1);
      expect((await counters(c)).status).toBe(decisions[0].toStatus);
    }
  });

  it('decides a comment without waiting for a transaction that only refers to it (the relay writing a notification about it)', async () => {
    // The event relay handles up to a batch of events in one transaction; each notification it
    // inserts about a comment holds that row's KEY SHARE lock (the foreign-key check) until the
    // batch commits. A decision must not queue behind it, nor deadlock when the batch goes on to
    // need a row the decision holds (a fresh-clone run once answered such a decision 503).
    const article = await createArticle(t.prisma);
    const parent = await post(await createUser(t.prisma), article.id, 'The parent of the comment decided below.');
    const c = (await request(t.http).post(`/api/articles/${article.id}/comments`).set((await createUser(t.prisma)).auth).send({ body: 'Decide me while the relay refers to me.', parentId: parent }).expect(201)).body.id as string;
    const relay = await t.prisma.pool.connect();
    const watch = { stop: false };
    try {
      await relay.query('BEGIN');
      await relay.query('SELECT 1 FROM comments WHERE id = ANY($1::uuid[]) FOR KEY SHARE', [[c, parent]]);
      const { rows } = await relay.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const decision = request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'SPAM' }).then((r) => r);
      const outcome = await Promise.race([decision, blockedBy(rows[0].pid, watch)]);
      expect(outcome).not.toBe('waiting on a row lock');
      expect(outcome).toMatchObject({ status: 201 });
    } finally {
      watch.stop = true;
      await relay.query('ROLLBACK');
      relay.release();
    }
  });

  /** Resolves once some backend waits for a lock the given backend holds (polled until watch.stop; then never resolves). */
  async function blockedBy(pid: number, watch: { stop: boolean }): Promise<'waiting on a row lock'> {
    while (!watch.stop) {
      const { rows } = await t.prisma.pool.query('SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))', [pid]);
      if (rows.length > 0) return 'waiting on a row lock';
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return new Promise(() => undefined);
  }

  it('refuses a decision that does not say which status the moderator saw', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(await createUser(t.prisma), article.id, 'Decide me without looking.');
    const single = await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1 }).expect(400);
    expect(single.body.errors).toEqual([expect.objectContaining({ field: 'expectedStatus', message: 'expectedStatus is required' })]);
    const bulk = await request(t.http).post('/api/moderation/decisions/bulk').set(p.moderator.auth).send({ action: 'REJECT', reason: 'SPAM', items: [{ commentId: c, revision: 1 }] }).expect(400);
    expect(bulk.body.errors).toEqual([expect.objectContaining({ field: 'items.0.expectedStatus' })]);
    expect(await t.prisma.moderationDecision.count({ where: { commentId: c } })).toBe(0);
  });

  it('lets one of two opposite bulk decisions over the same comments win, never deadlocking or showing driver text', async () => {
    const article = await createArticle(t.prisma);
    const mod2 = await createUser(t.prisma, { role: 'MODERATOR' });
    for (let round = 0; round < 3; round++) {
      // Replies too: a decision also writes the parent's reply count, and a rejection the subtree.
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const parentId = i % 3 === 0 ? undefined : ids[ids.length - 1];
        const res = await request(t.http)
          .post(`/api/articles/${article.id}/comments`)
          .set((await createUser(t.prisma)).auth)
          .send({ body: `Bulk round ${round}, comment ${i}.`, ...(parentId ? { parentId } : {}) })
          .expect(201);
        ids.push(res.body.id);
      }
      const items = ids.map((commentId) => ({ commentId, revision: 1, expectedStatus: 'PUBLISHED' }));
      const [approve, reject] = await Promise.all([
        request(t.http).post('/api/moderation/decisions/bulk').set(p.moderator.auth).send({ action: 'APPROVE', items }),
        request(t.http).post('/api/moderation/decisions/bulk').set(mod2.auth).send({ action: 'REJECT', reason: 'SPAM', items: [...items].reverse() }),
      ]);
      expect([approve.status, reject.status].sort()).toEqual([201, 409]);
      const loser = approve.status === 409 ? approve : reject;
      expect(loser.body).toMatchObject({ code: 'BULK_ITEM_FAILED', itemCode: 'STALE_STATUS' });
      expect(JSON.stringify(loser.body)).not.toMatch(/prisma|invocation|deadlock|40P01|P20\d\d|transaction|\$queryRaw/i);
      // All or nothing: every comment carries the winner's decision and only it.
      const winner = approve.status === 201 ? 'APPROVED' : 'REJECTED';
      const rows = await t.prisma.comment.findMany({ where: { id: { in: ids } }, select: { status: true } });
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => winner));
      expect(await t.prisma.moderationDecision.count({ where: { commentId: { in: ids } } })).toBe(ids.length);
    }
  });

  it('publishes one of 30 identical comments an author sends at once and withholds the rest as repeats', async () => {
    const article = await createArticle(t.prisma);
    const parentId = await post(await createUser(t.prisma), article.id, 'A comment to reply to.');
    for (let round = 0; round < 4; round++) {
      const author = await createUser(t.prisma);
      const body = `The same words, all at once (round ${round}).`;
      // Odd rounds reply to one parent: a published reply also writes the parent's reply count.
      const send = round % 2 === 1 ? { body, parentId } : { body };
      const results = await Promise.all(
        Array.from({ length: 30 }, () => request(t.http).post(`/api/articles/${article.id}/comments`).set(author.auth).send(send)),
      );
      expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
      const answered = results.map((r) => r.body.moderation.status as string).sort();
      expect(answered).toEqual(['PUBLISHED', ...Array.from({ length: 29 }, () => 'WITHHELD')]);
      for (const r of results.filter((x) => x.body.moderation.status === 'WITHHELD')) expect(r.body.moderation.reasons).toEqual(['REPEAT_POST']);
      // The rows and their check records say the same as the answers.
      const rows = await t.prisma.comment.findMany({ where: { authorId: author.id }, select: { id: true, status: true, checkReasons: true } });
      expect(rows.map((r) => r.status).sort()).toEqual(answered);
      const runs = await t.prisma.commentCheckRun.findMany({ where: { commentId: { in: rows.map((r) => r.id) } } });
      expect(runs.filter((r) => r.outcome === 'WITHHELD' && r.reasons.includes('REPEAT_POST'))).toHaveLength(29);
    }
    expect((await counters(parentId)).status).toBe('PUBLISHED');
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: parentId } })).replyCount).toBe(2);
  });

  it('gives a queue item to exactly one of ten moderators claiming it at once', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(await createUser(t.prisma), article.id, `Claim race ${randomUUID()}`);
    const mods = await Promise.all(Array.from({ length: 10 }, () => createUser(t.prisma, { role: 'MODERATOR' })));
    const results = await Promise.all(mods.map((m) => request(t.http).post(`/api/moderation/comments/${c}/claim`).set(m.auth)));
    const winners = results.map((r, i) => ({ status: r.status, id: mods[i].id })).filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.claimedBy).toMatchObject({ id: winners[0].id });
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id: c } });
    expect(row.assignedToId).toBe(winners[0].id);
    // The losers cannot decide it; the winner can.
    const loser = mods.find((m) => m.id !== winners[0].id) as TestUser;
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(loser.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(409);
    const winner = mods.find((m) => m.id === winners[0].id) as TestUser;
    await request(t.http).post(`/api/moderation/comments/${c}/decisions`).set(winner.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }).expect(201);
  });
});
