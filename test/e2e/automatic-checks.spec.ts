import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

/** The held-out news-like comments the abuse model never saw in training. */
const HELD_OUT = readFileSync(join(__dirname, '../fixtures/abuse-heldout-news.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => ({ y: l[0], text: l.slice(2) }));
const CIVIL = HELD_OUT.filter((c) => c.y === '0').map((c) => c.text);
const ABUSIVE = 'Shut up, you brainless f*cking 1d10t. Nobody wants your propaganda, moron.';

function post(t: TestApp, user: TestUser, articleId: string, body: string) {
  return request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body });
}

describe('automatic checks: the local abuse score', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp({ MOD_SCORER: 'local' });
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  it('withholds an abusive comment, and records the scores and model version for the revision', async () => {
    const article = await createArticle(t.prisma);
    const res = await post(t, p.reader, article.id, ABUSIVE).expect(201);
    expect(res.body).toMatchObject({ state: 'awaiting-review', moderation: { status: 'WITHHELD', reasons: ['ABUSE_SCORE'] } });
    const run = await t.prisma.commentCheckRun.findFirstOrThrow({ where: { commentId: res.body.id } });
    expect(run).toMatchObject({ revision: 1, outcome: 'WITHHELD', reasons: ['ABUSE_SCORE'] });
    expect(run.scorer).toEqual([expect.objectContaining({ provider: 'local', status: 'ok', abuse: expect.any(Number), spam: expect.any(Number), version: expect.stringContaining('abuse') })]);
    expect((run.scorer as { abuse: number }[])[0].abuse).toBeGreaterThanOrEqual(0.9);
  });

  it('publishes every legitimate held-out news comment without a hold or an abuse flag', async () => {
    const article = await createArticle(t.prisma);
    for (const body of CIVIL) {
      const res = await post(t, p.otherReader, article.id, body).expect(201);
      expect({ body, state: res.body.state, reasons: res.body.moderation.reasons }).toEqual({ body, state: 'visible', reasons: [] });
    }
  });

  it('scores an edit again: an abusive edit of a civil comment is withheld', async () => {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const created = await post(t, author, article.id, CIVIL[0]).expect(201);
    const edited = await request(t.http).patch(`/api/comments/${created.body.id}`).set(author.auth).send({ body: ABUSIVE });
    expect(edited.status).toBe(200);
    expect(edited.body.moderation).toMatchObject({ status: 'WITHHELD', reasons: ['ABUSE_SCORE'] });
  });
});

describe('automatic checks: settings', () => {
  it('flags instead of holding below MOD_ABUSE_HOLD_PERCENT, and loads the starter word list when asked', async () => {
    const t = await startTestApp({ MOD_SCORER: 'local', MOD_ABUSE_HOLD_PERCENT: '100', MOD_STARTER_WORDS: 'suspect' });
    try {
      const p = await createPersonas(t.prisma);
      const article = await createArticle(t.prisma);
      const res = await post(t, p.reader, article.id, ABUSIVE).expect(201);
      expect(res.body).toMatchObject({ state: 'visible', moderation: { status: 'PUBLISHED', reasons: ['SUSPECT_WORD', 'ABUSE_SCORE'] } });
      const queue = await request(t.http).get(`/api/moderation/queues/reported?article=${article.id}`).set(p.moderator.auth).expect(200);
      expect(queue.body.items.map((i: { comment: { id: string } }) => i.comment.id)).toEqual([res.body.id]);
    } finally {
      await t.close();
    }
  });

  it('runs no score with MOD_SCORER=off, and no starter list by default', async () => {
    const t = await startTestApp({ MOD_SCORER: 'off' });
    try {
      const p = await createPersonas(t.prisma);
      const article = await createArticle(t.prisma);
      const res = await post(t, p.reader, article.id, ABUSIVE).expect(201);
      expect(res.body).toMatchObject({ state: 'visible', moderation: { status: 'PUBLISHED', reasons: [] } });
    } finally {
      await t.close();
    }
  });
});
