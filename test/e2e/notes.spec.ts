import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createUser, TestUser } from '../helpers/factories';

const SOURCES = [{ url: 'https://observatory.example/note-source', title: 'Observatory' }];

describe('community context notes with the bridging scorer', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ NOTES_MIN_RATINGS_PER_RATER: '5', NOTES_SCORING_INTERVAL_MINUTES: '0' });
  });
  afterAll(() => t.close());

  async function inGoodStanding(): Promise<TestUser> {
    const u = await createUser(t.prisma, { createdAt: new Date(Date.now() - 90 * 86_400_000) });
    const article = await createArticle(t.prisma);
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      await t.prisma.comment.create({
        data: { id, articleId: article.id, authorId: u.id, rootId: id, path: randomUUID().replace(/-/g, '').slice(0, 10), status: 'APPROVED', bodySource: 'ok', bodyHtml: '<p>ok</p>' },
      });
    }
    return u;
  }

  it('shows a note only when raters from both camps find it helpful, and records status changes', async () => {
    const article = await createArticle(t.prisma);
    const poster = await createUser(t.prisma);
    const reporter = await createUser(t.prisma);
    const comment = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(poster.auth).send({ body: 'Casualties were 5,000 on day one.' }).expect(201)).body.id;

    const writer = await inGoodStanding();
    const newcomer = await createUser(t.prisma);
    const closed = await request(t.http).post(`/api/comments/${comment}/notes`).set(writer.auth).send({ text: 'x', sources: SOURCES }).expect(409);
    expect(closed.body.code).toBe('NOTES_NOT_OPEN');
    await request(t.http).post(`/api/comments/${comment}/flags`).set(reporter.auth).send({ reason: 'MISINFORMATION', details: 'Source?' }).expect(201);
    await request(t.http).post(`/api/comments/${comment}/notes`).set(newcomer.auth).send({ text: 'x', sources: SOURCES }).expect(403);
    await request(t.http).post(`/api/comments/${comment}/notes`).set(writer.auth).send({ text: 'no sources', sources: [] }).expect(400);

    const write = async (text: string) =>
      (await request(t.http).post(`/api/comments/${comment}/notes`).set(writer.auth).send({ text, sources: SOURCES }).expect(201)).body.id as string;
    const bridging = await write('The ministry figure covers three days, not one.');
    const junk = await write('Everyone lies anyway.');
    const [a1, a2, b1, b2] = [await write('Camp A view 1'), await write('Camp A view 2'), await write('Camp B view 1'), await write('Camp B view 2')];
    const sparse = await write('Too new to judge.');

    const campA = await Promise.all(Array.from({ length: 10 }, () => createUser(t.prisma)));
    const campB = await Promise.all(Array.from({ length: 10 }, () => createUser(t.prisma)));
    const rate = (u: TestUser, note: string, value: string) => request(t.http).put(`/api/notes/${note}/rating`).set(u.auth).send({ value }).expect(200);
    for (const [camp, mine, theirs] of [[campA, [a1, a2], [b1, b2]], [campB, [b1, b2], [a1, a2]]] as const) {
      for (const u of camp) {
        await rate(u, bridging, 'HELPFUL');
        await rate(u, junk, 'NOT_HELPFUL');
        for (const n of mine) await rate(u, n, 'HELPFUL');
        for (const n of theirs) await rate(u, n, 'NOT_HELPFUL');
      }
    }
    await rate(campA[0], sparse, 'HELPFUL');
    await rate(campB[0], sparse, 'HELPFUL');
    // A rating can be changed, and one's own note cannot be rated.
    await rate(campA[1], junk, 'SOMEWHAT_HELPFUL');
    await rate(campA[1], junk, 'NOT_HELPFUL');
    await request(t.http).put(`/api/notes/${bridging}/rating`).set(writer.auth).send({ value: 'HELPFUL' }).expect(403);

    const run = await request(t.http).post('/api/desk/notes/score').set((await createUser(t.prisma, { role: 'FACT_CHECKER' })).auth).expect(200);
    expect(run.body).toMatchObject({ notes: 7, changed: 2 });

    const page = await request(t.http).get(`/api/comments/${comment}/notes`).expect(200);
    const status = Object.fromEntries(page.body.items.map((n: { id: string; status: string }) => [n.id, n.status]));
    expect(status[bridging]).toBe('HELPFUL');
    expect(status[junk]).toBe('NOT_HELPFUL');
    for (const partisan of [a1, a2, b1, b2]) expect(status[partisan]).not.toBe('HELPFUL');
    expect(status[sparse]).toBe('NEEDS_MORE_RATINGS');

    const thread = await request(t.http).get(`/api/comments/${comment}`).expect(200);
    expect(thread.body.comment.notes).toEqual([expect.objectContaining({ id: bridging, text: 'The ministry figure covers three days, not one.' })]);
    const changes = await t.prisma.noteStatusChange.findMany({ where: { noteId: bridging } });
    expect(changes).toEqual([expect.objectContaining({ fromStatus: 'NEEDS_MORE_RATINGS', toStatus: 'HELPFUL', runId: run.body.runId })]);
    // A note with too few ratings to be fitted has no intercept, rather than a made-up 0.
    expect(await t.prisma.contextNote.findUnique({ where: { id: sparse }, select: { intercept: true, factor: true } })).toEqual({ intercept: null, factor: null });
    const scored = await t.prisma.contextNote.findUnique({ where: { id: bridging }, select: { intercept: true } });
    expect(scored?.intercept).toBeGreaterThanOrEqual(0.4);

    // A second run over the same ratings, with the first run's labels now on record, changes nothing.
    const rerun = await request(t.http).post('/api/desk/notes/score').set((await createUser(t.prisma, { role: 'FACT_CHECKER' })).auth).expect(200);
    expect(rerun.body).toMatchObject({ notes: 7, changed: 0 });

    // Scoring again with nothing new changes nothing.
    const again = await request(t.http).post('/api/desk/notes/score').set(writer.auth).expect(403);
    expect(again.body.code).toBe('FORBIDDEN');
  });

  it('hides, and refuses ratings and notes on, the notes of a comment that is not public, until it is restored', async () => {
    const article = await createArticle(t.prisma);
    const poster = await createUser(t.prisma);
    const reporter = await createUser(t.prisma);
    const rater = await createUser(t.prisma);
    const moderator = await createUser(t.prisma, { role: 'MODERATOR' });
    const writer = await inGoodStanding();
    const comment = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(poster.auth).send({ body: 'The bridge was blown up last night.' }).expect(201)).body.id as string;
    await request(t.http).post(`/api/comments/${comment}/flags`).set(reporter.auth).send({ reason: 'MISINFORMATION', details: 'It was closed, not destroyed.' }).expect(201);
    const note = (await request(t.http).post(`/api/comments/${comment}/notes`).set(writer.auth).send({ text: 'The bridge was closed for repairs.', sources: SOURCES }).expect(201)).body.id as string;
    await request(t.http).put(`/api/notes/${note}/rating`).set(rater.auth).send({ value: 'HELPFUL' }).expect(200);

    await request(t.http).post(`/api/moderation/comments/${comment}/decisions`).set(moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'MISINFORMATION' }).expect(201);
    // Reads: gone for everyone who cannot see the comment, still there for its author.
    await request(t.http).get(`/api/comments/${comment}/notes`).expect(404);
    await request(t.http).get(`/api/comments/${comment}/notes`).set(rater.auth).expect(404);
    expect((await request(t.http).get(`/api/comments/${comment}/notes`).set(poster.auth).expect(200)).body.items).toHaveLength(1);
    // Writes: refused as for the comment itself, and nothing changes.
    const rated = await request(t.http).put(`/api/notes/${note}/rating`).set(rater.auth).send({ value: 'NOT_HELPFUL' }).expect(404);
    expect(rated.body.code).toBe('NOTE_NOT_FOUND');
    await request(t.http).put(`/api/notes/${note}/rating`).set(reporter.auth).send({ value: 'HELPFUL' }).expect(404);
    await request(t.http).post(`/api/comments/${comment}/notes`).set(writer.auth).send({ text: 'Another note.', sources: SOURCES }).expect(404);
    expect(await t.prisma.noteRating.findMany({ where: { noteId: note } })).toEqual([expect.objectContaining({ raterId: rater.id, value: 'HELPFUL' })]);
    expect(await t.prisma.contextNote.count({ where: { commentId: comment } })).toBe(1);

    // Restored: the notes are back, and rateable.
    await request(t.http).post(`/api/moderation/comments/${comment}/decisions`).set(moderator.auth).send({ action: 'RESTORE', revision: 1, expectedStatus: 'REJECTED' }).expect(201);
    expect((await request(t.http).get(`/api/comments/${comment}/notes`).expect(200)).body.items).toHaveLength(1);
    await request(t.http).put(`/api/notes/${note}/rating`).set(reporter.auth).send({ value: 'HELPFUL' }).expect(200);
  });

  it('takes no notes on a withheld comment', async () => {
    const article = await createArticle(t.prisma, { moderationMode: 'PRE' });
    const poster = await createUser(t.prisma);
    const writer = await inGoodStanding();
    const held = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(poster.auth).send({ body: 'Held for review.' }).expect(201)).body.id as string;
    await t.prisma.comment.update({ where: { id: held }, data: { status: 'WITHHELD', labeled: true } });
    await request(t.http).post(`/api/comments/${held}/notes`).set(writer.auth).send({ text: 'Context.', sources: SOURCES }).expect(404);
    await request(t.http).get(`/api/comments/${held}/notes`).expect(404);
    await request(t.http).get(`/api/comments/${held}/notes`).set(poster.auth).expect(200);
  });
});
