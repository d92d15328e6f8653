import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../helpers/app';
import { createArticle, createUser, Personas, TestUser } from '../helpers/factories';
import type { PoolName } from './generators';

/*
 * Real records for the fuzzer to aim at: articles (open, pre-moderated, closed), tags, comments
 * and replies by the personas, a rejected comment with an open appeal, flagged and labelled
 * comments, a claim with a verdict, a context note, a word-list entry, and "victim" users for the
 * staff routes. Personas are never in the user pool, so no fuzz case can ban or demote the callers.
 */

export type Pools = Record<PoolName, string[]>;

export function emptyPools(): Pools {
  return { articles: [], articleSlugs: [], tags: [], comments: [], ownComments: [], users: [], claims: [], notes: [], appeals: [], words: [], cursors: [], any: [] };
}

const SOURCES = [{ url: 'https://observatory.example/report-112', title: 'Observatory daily report' }];

/** Readers in good standing may write context notes: an old account with approved comments. */
export async function giveGoodStanding(t: TestApp, user: TestUser): Promise<void> {
  await t.prisma.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - 90 * 86_400_000) } });
  const article = await createArticle(t.prisma);
  for (let i = 0; i < 3; i++) {
    const id = randomUUID();
    await t.prisma.comment.create({
      data: { id, articleId: article.id, authorId: user.id, rootId: id, path: randomBytes(5).toString('hex'), status: 'APPROVED', bodySource: 'ok', bodyHtml: '<p>ok</p>' },
    });
  }
}

/** Adds one round of records to the pools (called again now and then, as fuzz cases delete things). */
export async function buildWorld(t: TestApp, p: Personas, pools: Pools): Promise<void> {
  const http = t.http;
  const n = randomBytes(3).toString('hex');
  const ok = async <T = Record<string, unknown>>(pending: request.Test, what: string): Promise<T> => {
    const res = await pending;
    if (res.status >= 300) throw new Error(`world setup: ${what} answered ${res.status} ${res.text}`);
    return res.body as T;
  };

  const tag = await ok<{ slug: string }>(request(http).post('/api/tags').set(p.admin.auth).send({ name: `Fuzz Tag ${n}` }), 'tag');
  pools.tags.push(tag.slug, 'syria');

  const articles: string[] = [];
  for (const [i, extra] of [{}, { moderationMode: 'PRE' }, { commentsOpen: false }, { commentsCloseAt: null }].entries()) {
    const a = await ok<{ id: string; slug: string }>(
      request(http)
        .post('/api/articles')
        .set(p.admin.auth)
        .send({ url: `https://news.example/fuzz/${n}/${i}`, title: `Fuzz article ${n} ${i}`, section: 'World', tags: [tag.slug, 'Fuzz Other'], ...extra }),
      'article',
    );
    articles.push(a.id);
    pools.articleSlugs.push(a.slug);
  }
  pools.articles.push(...articles);
  const [open, pre] = articles;

  // Decisions are pinned to the status the moderator saw: keep each comment's status as posted.
  const statusOf = new Map<string, string>();
  const post = async (user: TestUser, articleId: string, body: string, parentId?: string) => {
    const c = await ok<{ id: string; moderation: { status: string } }>(
      request(http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body, ...(parentId ? { parentId } : {}) }),
      'comment',
    );
    statusOf.set(c.id, c.moderation.status);
    return c.id;
  };
  const mine = await post(p.reader, open, `The bridge was *reopened* this morning (${n}), see [the report](https://news.example/r).`);
  const theirs = await post(p.otherReader, open, `Casualty figures were 5,000 on the first day, round ${n}.`);
  const reply = await post(p.reader, open, `Source for that? (${n})`, theirs);
  const deeper = await post(p.otherReader, open, `The ministry said so (${n}).`, reply);
  const held = await post(p.reader, pre, `Waiting for approval (${n}).`);
  const toReject = await post(p.reader, open, `Off topic remark about football (${n}).`);
  const approved = await post(p.otherReader, open, `A calm and relevant comment (${n}).`);
  pools.comments.push(mine, theirs, reply, deeper, held, toReject, approved);
  pools.ownComments.push(mine, reply, held, toReject);

  await ok(request(http).put(`/api/comments/${mine}/reactions/RESPECT`).set(p.otherReader.auth), 'reaction');
  await ok(request(http).post(`/api/moderation/comments/${approved}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: statusOf.get(approved) }), 'approve');
  await ok(
    request(http).post(`/api/moderation/comments/${toReject}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: statusOf.get(toReject), reason: 'OFF_TOPIC', message: 'Keep to the article' }),
    'reject',
  );
  const statement = await ok<{ appeal: { id: string } }>(request(http).post(`/api/comments/${toReject}/appeal`).set(p.reader.auth).send({ text: 'It was on topic.' }), 'appeal');
  pools.appeals.push(statement.appeal.id);

  await ok(request(http).post(`/api/comments/${theirs}/flags`).set(p.reader.auth).send({ reason: 'MISINFORMATION', details: 'The ministry figure covers three days.' }), 'flag');
  await ok(request(http).post(`/api/comments/${mine}/flags`).set(p.otherReader.auth).send({ reason: 'SPAM' }), 'flag');
  const claim = await ok<{ id: string }>(
    request(http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: `Casualties were 5,000 on the first day (${n})`, commentIds: [theirs] }),
    'claim',
  );
  pools.claims.push(claim.id);
  await ok(request(http).post(`/api/desk/claims/${claim.id}/verdicts`).set(p.factChecker.auth).send({ verdict: 'MISLEADING', summary: 'Three days, not one.', sources: SOURCES }), 'verdict');
  await ok(request(http).put(`/api/comments/${approved}/label`).set(p.factChecker.auth).send({ verdict: 'UNVERIFIED', summary: 'Not confirmed yet.', sources: SOURCES }), 'label');
  const note = await ok<{ id: string }>(
    request(http).post(`/api/comments/${theirs}/notes`).set(p.reader.auth).send({ text: 'The figure covers three days.', sources: SOURCES }),
    'note',
  );
  pools.notes.push(note.id);

  const word = await ok<{ id: string }>(request(http).post('/api/moderation/words').set(p.admin.auth).send({ phrase: `fuzzword${n}`, kind: 'SUSPECT' }), 'word');
  pools.words.push(word.id);

  for (const overrides of [{}, {}, { role: 'MODERATOR' as const }, { status: 'SUSPENDED' as const, suspendedUntil: new Date(Date.now() + 3_600_000), statusReason: 'cooling off' }]) {
    pools.users.push((await createUser(t.prisma, overrides)).id);
  }
  pools.any = [...new Set([...pools.articles, ...pools.comments, ...pools.users, ...pools.claims, ...pools.notes, ...pools.appeals, ...pools.words])];
}
