import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

const SOURCES = [{ url: 'https://observatory.example/claim-note', title: 'Observatory' }];
const VERDICT = {
  verdict: 'FALSE',
  summary: 'The dam is intact: satellite images from this morning show water flowing normally.',
  sources: [
    { url: 'https://imagery.example/dam-0312', title: 'Satellite image of the dam, 3 December' },
    { url: 'https://observatory.example/dam', title: 'Monitoring group report' },
  ],
};

/** Notes that follow claims, readers' requests for context, and the desk closing its loop. */
describe('misinformation desk: claim notes, context requests, resolutions, publishing', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp({ NOTES_MIN_RATINGS_PER_RATER: '5', NOTES_SCORING_INTERVAL_MINUTES: '0', FACTCHECK_ORG_NAME: 'The Daily Example Fact Desk' });
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  const post = async (articleId: string, author: TestUser, body: string) =>
    (await request(t.http).post(`/api/articles/${articleId}/comments`).set(author.auth).send({ body }).expect(201)).body.id as string;

  async function claimWithVerdict(statement: string, commentIds: string[] = []): Promise<string> {
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement, commentIds }).expect(201);
    await request(t.http).post(`/api/desk/claims/${claim.body.id}/verdicts`).set(p.factChecker.auth).send(VERDICT).expect(201);
    return claim.body.id as string;
  }

  async function inGoodStanding(): Promise<TestUser> {
    const u = await createUser(t.prisma, { createdAt: new Date(Date.now() - 90 * 86_400_000) });
    const article = await createArticle(t.prisma);
    for (let i = 0; i < 3; i++) await createComment(t.prisma, { articleId: article.id, authorId: u.id, status: 'APPROVED' });
    return u;
  }

  async function report(commentId: string, reporter: TestUser = p.reader): Promise<void> {
    await request(t.http).post(`/api/comments/${commentId}/flags`).set(reporter.auth).send({ reason: 'MISINFORMATION', details: 'Source?' }).expect(201);
  }

  const deskQueue = async () => (await request(t.http).get('/api/desk/queue').set(p.factChecker.auth).expect(200)).body;

  it('shows a claim note rated helpful across camps under every linked comment, on every article, linked now or later', async () => {
    const first = await createArticle(t.prisma);
    const now = await post(first.id, p.reader, 'The dam upstream was blown up last night, the valley will flood.');
    const claim = await claimWithVerdict('The dam upstream of the town was destroyed on 2 December.', [now]);

    const writer = await inGoodStanding();
    const write = async (text: string) =>
      (await request(t.http).post(`/api/claims/${claim}/notes`).set(writer.auth).send({ text, sources: SOURCES }).expect(201)).body as { id: string; text: string; claimId: string; commentId: null };
    const bridging = await write('Images taken this morning show the dam standing; the video shared is of a 2019 flood.');
    expect(bridging).toMatchObject({ claimId: claim, commentId: null, status: 'NEEDS_MORE_RATINGS' });
    const [a1, a2, b1, b2] = [await write('Camp A reading 1'), await write('Camp A reading 2'), await write('Camp B reading 1'), await write('Camp B reading 2')];
    // A newcomer cannot write one; nor can anyone on a claim the desk has not published.
    await request(t.http).post(`/api/claims/${claim}/notes`).set((await createUser(t.prisma)).auth).send({ text: 'x', sources: SOURCES }).expect(403);
    const unpublished = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'Still being checked' }).expect(201);
    await request(t.http).post(`/api/claims/${unpublished.body.id}/notes`).set(writer.auth).send({ text: 'x', sources: SOURCES }).expect(404);
    await request(t.http).get(`/api/claims/${unpublished.body.id}/notes`).expect(404);

    const campA = await Promise.all(Array.from({ length: 10 }, () => createUser(t.prisma)));
    const campB = await Promise.all(Array.from({ length: 10 }, () => createUser(t.prisma)));
    const rate = (u: TestUser, note: string, value: string) => request(t.http).put(`/api/notes/${note}/rating`).set(u.auth).send({ value }).expect(200);
    for (const [camp, mine, theirs] of [[campA, [a1, a2], [b1, b2]], [campB, [b1, b2], [a1, a2]]] as const) {
      for (const u of camp) {
        await rate(u, bridging.id, 'HELPFUL');
        for (const n of mine) await rate(u, n.id, 'HELPFUL');
        for (const n of theirs) await rate(u, n.id, 'NOT_HELPFUL');
      }
    }
    await request(t.http).post('/api/desk/notes/score').set(p.factChecker.auth).expect(200);

    const claimNotes = await request(t.http).get(`/api/claims/${claim}/notes`).expect(200);
    const status = Object.fromEntries(claimNotes.body.items.map((n: { id: string; status: string }) => [n.id, n.status]));
    expect(status[bridging.id]).toBe('HELPFUL');
    for (const partisan of [a1, a2, b1, b2]) expect(status[partisan.id]).not.toBe('HELPFUL');
    const shown = [expect.objectContaining({ id: bridging.id, text: bridging.text })];
    expect((await request(t.http).get(`/api/comments/${now}`).expect(200)).body.comment.notes).toEqual(shown);
    // The claim note's change is recorded once for each comment linked to the claim (streams and webhooks follow comments).
    const noteEvents = (await t.prisma.domainEvent.findMany({ where: { type: 'note.status_changed' } })).filter((e) => (e.payload as { noteId: string }).noteId === bridging.id);
    expect(noteEvents.map((e) => ({ articleId: e.articleId, payload: e.payload }))).toEqual([
      { articleId: first.id, payload: { noteId: bridging.id, commentId: now, articleId: first.id, from: 'NEEDS_MORE_RATINGS', to: 'HELPFUL' } },
    ]);

    // A comment on another article, posted and linked after the note was scored, shows it at once.
    const second = await createArticle(t.prisma);
    const later = await post(second.id, p.otherReader, 'Heard the dam is gone, anyone near the valley?');
    expect((await request(t.http).get(`/api/comments/${later}`).expect(200)).body.comment.notes).toBeUndefined();
    await request(t.http).post(`/api/desk/claims/${claim}/comments`).set(p.factChecker.auth).send({ commentId: later }).expect(200);
    expect((await request(t.http).get(`/api/comments/${later}`).expect(200)).body.comment.notes).toEqual(shown);
    const thread = await request(t.http).get(`/api/articles/${second.id}/comments`).expect(200);
    const inThread = thread.body.items.find((c: { id: string }) => c.id === later);
    expect(inThread.notes).toEqual(shown);
    expect(inThread.label).toMatchObject({ verdict: 'FALSE', claim: { id: claim } });
    // The comment's notes page lists the claim's notes, marked with the claim.
    const page = await request(t.http).get(`/api/comments/${later}/notes`).expect(200);
    expect(page.body.items).toContainEqual(expect.objectContaining({ id: bridging.id, claimId: claim, status: 'HELPFUL' }));

    // Notes follow visibility: a rejected linked comment shows none, and its readers cannot ask for more.
    const rejected = await createComment(t.prisma, { articleId: second.id, authorId: p.otherReader.id, status: 'REJECTED' });
    await request(t.http).post(`/api/desk/claims/${claim}/comments`).set(p.factChecker.auth).send({ commentId: rejected.id }).expect(200);
    const afterReject = await request(t.http).get(`/api/articles/${second.id}/comments`).expect(200);
    expect(JSON.stringify(afterReject.body)).not.toContain(rejected.id);
    await request(t.http).get(`/api/comments/${rejected.id}`).expect(404);
    await request(t.http).put(`/api/comments/${rejected.id}/context-request`).set(p.reader.auth).expect(404);
  });

  it('takes one context request per reader per comment, withdrawable, and lists the most requested for note writers', async () => {
    const article = await createArticle(t.prisma);
    const little = await post(article.id, p.otherReader, 'Only one reader wonders about this casualty number.');
    const much = await post(article.id, p.otherReader, 'Everyone is asking where this casualty number comes from.');
    const readers = await Promise.all(Array.from({ length: 3 }, () => createUser(t.prisma)));

    const ask = (u: TestUser, id: string) => request(t.http).put(`/api/comments/${id}/context-request`).set(u.auth).expect(200);
    expect((await ask(readers[0], much)).body).toEqual({ commentId: much, requested: true, requests: 1 });
    expect((await ask(readers[0], much)).body).toEqual({ commentId: much, requested: true, requests: 1 });
    await ask(readers[1], much);
    await ask(readers[2], much);
    await ask(readers[0], little);
    const withdrawn = await request(t.http).delete(`/api/comments/${much}/context-request`).set(readers[2].auth).expect(200);
    expect(withdrawn.body).toEqual({ commentId: much, requested: false, requests: 2 });
    await request(t.http).delete(`/api/comments/${much}/context-request`).set(readers[2].auth).expect(200);

    await request(t.http).put(`/api/comments/${much}/context-request`).expect(401);
    await request(t.http).put(`/api/comments/${randomUUID()}/context-request`).set(p.reader.auth).expect(404);
    await request(t.http).get('/api/notes/requested').expect(401);
    const listed = await request(t.http).get('/api/notes/requested').set(p.reader.auth).expect(200);
    const ours = listed.body.items.filter((i: { id: string }) => i.id === much || i.id === little);
    expect(ours).toEqual([
      expect.objectContaining({ id: much, articleId: article.id, requests: 2, notes: 0 }),
      expect.objectContaining({ id: little, requests: 1 }),
    ]);
    await request(t.http).get('/api/notes/requested?limit=0').set(p.reader.auth).expect(400);

    // Each reader reads back their own requests on the article (what the embed marks as asked).
    const mine = (u: TestUser) => request(t.http).get(`/api/articles/${article.id}/context-requests/mine`).set(u.auth).expect(200);
    expect((await mine(readers[0])).body).toEqual({ commentIds: [little, much].sort() });
    expect((await mine(readers[2])).body).toEqual({ commentIds: [] });
    await request(t.http).get(`/api/articles/${article.id}/context-requests/mine`).expect(401);
    await request(t.http).get('/api/articles/not-a-uuid/context-requests/mine').set(p.reader.auth).expect(404);
  });

  it("leaves a reader's request on a comment that stops being public out of their article's list", async () => {
    const article = await createArticle(t.prisma);
    const id = await post(article.id, p.otherReader, 'A comment a moderator will take down later.');
    await request(t.http).put(`/api/comments/${id}/context-request`).set(p.reader.auth).expect(200);
    const mine = () => request(t.http).get(`/api/articles/${article.id}/context-requests/mine`).set(p.reader.auth).expect(200);
    expect((await mine()).body.commentIds).toEqual([id]);
    await request(t.http).post(`/api/moderation/comments/${id}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', reason: 'SPAM', revision: 1, expectedStatus: 'PUBLISHED' }).expect(201);
    expect((await mine()).body.commentIds).toEqual([]);
  });

  it('ranks the desk queue by context requests, then by reach', async () => {
    const article = await createArticle(t.prisma);
    const loud = await post(article.id, p.otherReader, 'Widely shared: the convoy was ambushed at the northern checkpoint.');
    const asked = await post(article.id, p.otherReader, 'Quietly posted: the ministry doubled its casualty count.');
    await report(loud, p.reader);
    await report(asked, p.reader);
    // Reach: replies and reactions on the loud one.
    for (let i = 0; i < 3; i++) await request(t.http).put(`/api/comments/${loud}/reactions/RESPECT`).set((await createUser(t.prisma)).auth).expect(200);
    const order = (q: { items: { comment: { id: string } }[] }) => q.items.map((i) => i.comment.id).filter((id) => id === loud || id === asked);
    expect(order(await deskQueue())).toEqual([loud, asked]);

    for (let i = 0; i < 2; i++) await request(t.http).put(`/api/comments/${asked}/context-request`).set((await createUser(t.prisma)).auth).expect(200);
    const queue = await deskQueue();
    expect(order(queue)).toEqual([asked, loud]);
    expect(queue.items.find((i: { comment: { id: string } }) => i.comment.id === asked).contextRequests).toBe(2);
  });

  it('resolves misinformation reports with an outcome, audited, and the comment leaves the desk queue', async () => {
    const article = await createArticle(t.prisma);
    const [fine, linked, labelled] = [
      await post(article.id, p.otherReader, 'The mayor said the curfew starts at nine tonight.'),
      await post(article.id, p.otherReader, 'They say the refinery fire was started by a drone from the east.'),
      await post(article.id, p.otherReader, 'This photo shows the shelling of the school yesterday.'),
    ];
    for (const id of [fine, linked, labelled]) await report(id);
    const queued = async () => (await deskQueue()).items.map((i: { comment: { id: string } }) => i.comment.id);
    expect(await queued()).toEqual(expect.arrayContaining([fine, linked, labelled]));
    const resolve = (id: string, body: object, who: TestUser = p.factChecker) => request(t.http).post(`/api/desk/comments/${id}/resolution`).set(who.auth).send(body);

    // Who may resolve, and what is refused.
    await request(t.http).post(`/api/desk/comments/${fine}/resolution`).send({ outcome: 'NO_ISSUE' }).expect(401);
    await resolve(fine, { outcome: 'NO_ISSUE' }, p.reader).expect(403);
    await resolve(fine, { outcome: 'NO_ISSUE' }, p.moderator).expect(403);
    await resolve(fine, { outcome: 'LINKED_TO_CLAIM' }).expect(400);
    await resolve(fine, { outcome: 'NO_ISSUE', claimId: randomUUID() }).expect(400);
    await resolve(fine, { outcome: 'MAYBE' }).expect(400);
    await resolve(randomUUID(), { outcome: 'NO_ISSUE' }).expect(404);
    expect((await resolve(labelled, { outcome: 'LABELLED' }).expect(409)).body.code).toBe('NOT_LABELLED');
    await resolve(linked, { outcome: 'LINKED_TO_CLAIM', claimId: randomUUID() }).expect(404);

    const noIssue = await resolve(fine, { outcome: 'NO_ISSUE' }).expect(200);
    expect(noIssue.body).toEqual({ commentId: fine, outcome: 'NO_ISSUE', claimId: null, reportsResolved: 1 });
    expect((await resolve(fine, { outcome: 'NO_ISSUE' }).expect(409)).body.code).toBe('NO_OPEN_MISINFORMATION_REPORTS');

    const claim = await claimWithVerdict('The refinery fire was started by a drone.');
    await resolve(linked, { outcome: 'LINKED_TO_CLAIM', claimId: claim }, p.admin).expect(200);
    const detail = await request(t.http).get(`/api/desk/claims/${claim}`).set(p.factChecker.auth).expect(200);
    expect(detail.body.comments.map((c: { id: string }) => c.id)).toContain(linked);

    await request(t.http).put(`/api/comments/${labelled}/label`).set(p.factChecker.auth).send({ ...VERDICT, verdict: 'MISLEADING' }).expect(200);
    await resolve(labelled, { outcome: 'LABELLED' }).expect(200);

    const left = await queued();
    for (const id of [fine, linked, labelled]) expect(left).not.toContain(id);
    const flags = await t.prisma.flag.findMany({ where: { commentId: { in: [fine, linked, labelled] } } });
    expect(Object.fromEntries(flags.map((f) => [f.commentId, f.status]))).toEqual({ [fine]: 'DISAGREED', [linked]: 'AGREED', [labelled]: 'AGREED' });
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: linked } })).misinfoFlagCount).toBe(0);
    const audit = await t.prisma.auditEvent.findMany({ where: { kind: 'MISINFO_REPORTS_RESOLVED' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.targetId, (a.data as { outcome: string }).outcome, a.actorId])).toEqual([
      [fine, 'NO_ISSUE', p.factChecker.id],
      [linked, 'LINKED_TO_CLAIM', p.admin.id],
      [labelled, 'LABELLED', p.factChecker.id],
    ]);
    // A new report brings the comment back.
    await report(fine, await createUser(t.prisma));
    expect(await queued()).toContain(fine);
  });

  it('resolves while verdicts are issued and reports arrive on the same claim and comment, never a 500', async () => {
    const article = await createArticle(t.prisma);
    const claim = await claimWithVerdict('The ferry service was halted by shelling.');
    for (let round = 0; round < 6; round++) {
      const comment = await post(article.id, p.otherReader, `The ferry stopped running after the shelling, round ${round}.`);
      await report(comment);
      const late = await createUser(t.prisma);
      const answers = await Promise.all([
        request(t.http).post(`/api/desk/comments/${comment}/resolution`).set(p.factChecker.auth).send({ outcome: 'LINKED_TO_CLAIM', claimId: claim }),
        request(t.http).post(`/api/desk/claims/${claim}/verdicts`).set(p.admin.auth).send({ ...VERDICT, verdict: round % 2 ? 'FALSE' : 'MISLEADING' }),
        request(t.http).post(`/api/comments/${comment}/flags`).set(late.auth).send({ reason: 'MISINFORMATION', details: 'Still wrong' }),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 201, 201]);
      // The late report either was resolved with the others or keeps the comment on the desk: never lost.
      const open = await t.prisma.flag.count({ where: { commentId: comment, status: 'OPEN' } });
      expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: comment } })).misinfoFlagCount).toBe(open);
    }
  });

  it('publishes each verdict as schema.org ClaimReview', async () => {
    const claim = await claimWithVerdict('Two bridges over the river were destroyed on Monday.');
    await request(t.http)
      .post(`/api/desk/claims/${claim}/verdicts`)
      .set(p.factChecker.auth)
      .send({ verdict: 'CONFIRMED', summary: 'Both bridges are down, seen by our reporter.', sources: [{ url: 'https://news.example/bridges', title: 'Our report' }] })
      .expect(201);
    const current = await request(t.http).get(`/api/claims/${claim}/claim-review`).expect(200);
    const review = current.body;
    // The fields search engines require of ClaimReview, and their types.
    expect(review['@context']).toBe('https://schema.org');
    expect(review['@type']).toBe('ClaimReview');
    expect(review.claimReviewed).toBe('Two bridges over the river were destroyed on Monday.');
    expect(review.url).toBe(`${t.config.publicUrl}/api/claims/${claim}/claim-review`);
    expect(review.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(review.author).toEqual({ '@type': 'Organization', name: 'The Daily Example Fact Desk', url: t.config.publicUrl });
    expect(review.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'True' });
    expect(review.citation).toEqual([{ '@type': 'CreativeWork', url: 'https://news.example/bridges', name: 'Our report' }]);
    expect(review.itemReviewed).toMatchObject({ '@type': 'Claim' });

    const first = await request(t.http).get(`/api/claims/${claim}/claim-review?version=1`).expect(200);
    expect(first.body.reviewRating).toMatchObject({ ratingValue: 1, alternateName: 'False' });
    expect(first.body.citation).toHaveLength(2);
    await request(t.http).get(`/api/claims/${claim}/claim-review?version=3`).expect(404);
    await request(t.http).get(`/api/claims/${claim}/claim-review?version=zero`).expect(400);
    const bare = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'Not checked yet' }).expect(201);
    await request(t.http).get(`/api/claims/${bare.body.id}/claim-review`).expect(404);
    await request(t.http).get(`/api/claims/${randomUUID()}/claim-review`).expect(404);
  });

  it('labels comments with an external fact-check the claim cites, and back with the desk verdict when it stops', async () => {
    const article = await createArticle(t.prisma);
    const comment = await post(article.id, p.otherReader, 'The foreign minister resigned this morning, it is all over the news.');
    const claim = (await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'The foreign minister resigned.', commentIds: [comment] }).expect(201)).body.id;
    expect((await request(t.http).get(`/api/comments/${comment}`).expect(200)).body.comment.label).toBeUndefined();

    const external = { url: 'https://factcheck.example/2026/minister', publisher: 'Example Fact Check', rating: 'Fabricated' };
    await request(t.http).put(`/api/desk/claims/${claim}/external-review`).set(p.reader.auth).send(external).expect(403);
    await request(t.http).put(`/api/desk/claims/${claim}/external-review`).set(p.factChecker.auth).send({ ...external, url: 'javascript:alert(1)' }).expect(400);
    await request(t.http).put(`/api/desk/claims/${randomUUID()}/external-review`).set(p.factChecker.auth).send(external).expect(404);
    const cited = await request(t.http).put(`/api/desk/claims/${claim}/external-review`).set(p.factChecker.auth).send(external).expect(200);
    expect(cited.body.externalReview).toMatchObject(external);

    const label = (await request(t.http).get(`/api/comments/${comment}`).expect(200)).body.comment.label;
    expect(label).toMatchObject({ verdict: null, externalReview: external, sources: [{ url: external.url, title: external.publisher }], claim: { id: claim, version: null } });
    expect(label.summary).toContain('Fabricated');
    // No verdict of the desk's own: nothing to publish as the desk's ClaimReview.
    await request(t.http).get(`/api/claims/${claim}/claim-review`).expect(404);

    await request(t.http).post(`/api/desk/claims/${claim}/verdicts`).set(p.factChecker.auth).send(VERDICT).expect(201);
    expect((await request(t.http).get(`/api/comments/${comment}`).expect(200)).body.comment.label.externalReview).toEqual(external);
    await request(t.http).delete(`/api/desk/claims/${claim}/external-review`).set(p.factChecker.auth).expect(200);
    await request(t.http).delete(`/api/desk/claims/${claim}/external-review`).set(p.factChecker.auth).expect(404);
    const own = (await request(t.http).get(`/api/comments/${comment}`).expect(200)).body.comment.label;
    expect(own).toMatchObject({ verdict: 'FALSE', claim: { id: claim, version: 1 } });
    expect(own.externalReview).toBeUndefined();
    const kinds = await t.prisma.auditEvent.findMany({ where: { kind: 'CLAIM_EXTERNAL_REVIEW_SET', targetId: claim }, orderBy: { id: 'asc' } });
    expect(kinds.map((k) => k.data)).toEqual([{ review: external }, { review: null }]);
  });

  it('shows moderators a comment’s claim, verdict, notes and context requests in their queue items', async () => {
    const article = await createArticle(t.prisma);
    const comment = await post(article.id, p.otherReader, 'Spam spam spam, and the airport was bombed too.');
    await request(t.http).post(`/api/comments/${comment}/flags`).set(p.reader.auth).send({ reason: 'SPAM' }).expect(201);
    const claim = await claimWithVerdict('The airport was bombed on Tuesday.', [comment]);
    const writer = await inGoodStanding();
    const note = await request(t.http).post(`/api/claims/${claim}/notes`).set(writer.auth).send({ text: 'The airport reopened on Tuesday.', sources: SOURCES }).expect(201);
    await request(t.http).put(`/api/comments/${comment}/context-request`).set(p.reader.auth).expect(200);

    const page = await request(t.http).get(`/api/moderation/queues/reported?article=${article.id}`).set(p.moderator.auth).expect(200);
    const item = page.body.items.find((i: { comment: { id: string } }) => i.comment.id === comment);
    expect(item.factCheck).toEqual({
      claims: [{ id: claim, statement: 'The airport was bombed on Tuesday.', verdict: 'FALSE', summary: VERDICT.summary, externalReview: null }],
      label: null,
      notes: [{ id: note.body.id, text: 'The airport reopened on Tuesday.', status: 'NEEDS_MORE_RATINGS', claimId: claim }],
      contextRequests: 1,
    });
  });
});

describe('context requests under the reaction rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_REACT: '2/60s' });
  });
  afterAll(() => t.close());

  it('refuses a reader’s third request or withdrawal within the window with 429', async () => {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const reader = await createUser(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id, authorId: author.id });
    await request(t.http).put(`/api/comments/${comment.id}/context-request`).set(reader.auth).expect(200);
    await request(t.http).delete(`/api/comments/${comment.id}/context-request`).set(reader.auth).expect(200);
    const refused = await request(t.http).put(`/api/comments/${comment.id}/context-request`).set(reader.auth).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    // Another reader has a counter of their own.
    await request(t.http).put(`/api/comments/${comment.id}/context-request`).set((await createUser(t.prisma)).auth).expect(200);
  });
});
