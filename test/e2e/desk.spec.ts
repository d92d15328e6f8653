import request from 'supertest';
import { requireExtensions } from '../../src/database/prepare-database';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

const SOURCES = [{ url: 'https://observatory.example/report-112', title: 'Observatory daily report' }];

describe('misinformation desk: claims, verdicts, labels', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  async function post(user: TestUser, articleId: string, body: string): Promise<string> {
    return (await request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body }).expect(201)).body.id;
  }

  it('groups comments across articles under a claim; a verdict labels all of them at once and hides none', async () => {
    const a1 = await createArticle(t.prisma);
    const a2 = await createArticle(t.prisma);
    const c1 = await post(p.reader, a1.id, 'They say the town of Velyka Ruda has fallen to the rebels last night.');
    const c2 = await post(p.otherReader, a2.id, 'Velyka Ruda has fallen, my cousin confirms it.');
    const claim = await request(t.http)
      .post('/api/desk/claims')
      .set(p.factChecker.auth)
      .send({ statement: 'The town of Velyka Ruda has fallen', commentIds: [c1] })
      .expect(201);
    await request(t.http).post(`/api/desk/claims/${claim.body.id}/comments`).set(p.factChecker.auth).send({ commentId: c2 }).expect(200);

    const v1 = await request(t.http)
      .post(`/api/desk/claims/${claim.body.id}/verdicts`)
      .set(p.factChecker.auth)
      .send({ verdict: 'UNVERIFIED', summary: 'No footage or independent source yet.', sources: SOURCES })
      .expect(201);
    expect(v1.body).toMatchObject({ verdict: { version: 1, verdict: 'UNVERIFIED' }, reviewBy: expect.any(String), linkedComments: 2 });

    const page = await request(t.http).get(`/api/articles/${a1.id}/comments`).expect(200);
    expect(page.body.items[0]).toMatchObject({
      id: c1,
      state: 'visible',
      label: { verdict: 'UNVERIFIED', summary: 'No footage or independent source yet.', sources: SOURCES, claim: { id: claim.body.id, version: 1 } },
    });

    await request(t.http)
      .post(`/api/desk/claims/${claim.body.id}/verdicts`)
      .set(p.admin.auth)
      .send({ verdict: 'FALSE', summary: 'Satellite imagery shows the town held.', sources: SOURCES, asOf: '2026-11-20T12:00:00Z' })
      .expect(201);
    const permalink = await request(t.http).get(`/api/comments/${c2}`).expect(200);
    expect(permalink.body.comment).toMatchObject({ state: 'visible', label: { verdict: 'FALSE', asOf: '2026-11-20T12:00:00.000Z', claim: { version: 2 } } });
    const again = await request(t.http).get(`/api/articles/${a1.id}/comments`).expect(200);
    expect(again.body.items[0].label.verdict).toBe('FALSE');

    const detail = await request(t.http).get(`/api/desk/claims/${claim.body.id}`).set(p.factChecker.auth).expect(200);
    expect(detail.body.history.map((h: { version: number; verdict: string }) => [h.version, h.verdict])).toEqual([
      [2, 'FALSE'],
      [1, 'UNVERIFIED'],
    ]);
    expect(detail.body.reviewBy).toBeNull();
    const audit = await t.prisma.auditEvent.findMany({ where: { targetId: claim.body.id, kind: 'VERDICT_ISSUED' }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.data)).toEqual([
      { version: 1, verdict: 'UNVERIFIED', previous: null },
      { version: 2, verdict: 'FALSE', previous: 'UNVERIFIED' },
    ]);
  });

  it('proposes comments that repeat a claim, by text similarity', async () => {
    const article = await createArticle(t.prisma);
    const repeat = await post(p.reader, article.id, 'Reports say 300 soldiers were captured near the northern dam yesterday.');
    await post(p.otherReader, article.id, 'The weather was lovely at the seaside this weekend.');
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: '300 soldiers were captured near the northern dam' }).expect(201);
    const proposals = await request(t.http).get(`/api/desk/claims/${claim.body.id}/proposals`).set(p.factChecker.auth).expect(200);
    expect(proposals.body.items.map((i: { id: string }) => i.id)).toEqual([repeat]);
  });

  it('attaches a reported comment to a known claim it repeats, and puts it on the desk with a target', async () => {
    const article = await createArticle(t.prisma);
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'the bridge at Sorokyne was destroyed' }).expect(201);
    const c = await post(p.reader, article.id, 'Everyone knows the bridge at Sorokyne was destroyed this morning.');
    await request(t.http).post(`/api/comments/${c}/flags`).set(p.otherReader.auth).send({ reason: 'MISINFORMATION', details: 'No evidence', sourceUrl: 'https://example.org/bridge' }).expect(201);
    const detail = await request(t.http).get(`/api/desk/claims/${claim.body.id}`).set(p.factChecker.auth).expect(200);
    expect(detail.body.comments).toEqual([expect.objectContaining({ id: c, automatic: true })]);
    const desk = await request(t.http).get('/api/desk/queue').set(p.factChecker.auth).expect(200);
    const item = desk.body.items.find((i: { comment: { id: string } }) => i.comment.id === c);
    expect(item).toMatchObject({ targetHours: 24, overdue: false, urgent: false, claims: [expect.objectContaining({ id: claim.body.id })] });
    expect(item.reports[0]).toMatchObject({ details: 'No evidence', sourceUrl: 'https://example.org/bridge' });
    expect(desk.body.byClaim).toEqual(expect.arrayContaining([{ claim: expect.objectContaining({ id: claim.body.id }), commentIds: [c] }]));
    // An urgent report on the same comment shortens the target to an hour.
    await request(t.http).post(`/api/comments/${c}/flags`).set(p.admin.auth).send({ reason: 'REVEALS_POSITIONS', details: 'names a position' }).expect(201);
    const urgent = await request(t.http).get('/api/desk/queue').set(p.factChecker.auth).expect(200);
    expect(urgent.body.items.find((i: { comment: { id: string } }) => i.comment.id === c)).toMatchObject({ targetHours: 1, urgent: true });
  });

  it('returns unsettled claims to the desk when their review date passes', async () => {
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'A ceasefire was agreed' }).expect(201);
    await request(t.http)
      .post(`/api/desk/claims/${claim.body.id}/verdicts`)
      .set(p.factChecker.auth)
      .send({ verdict: 'DISPUTED', summary: 'Sides disagree.', sources: SOURCES, reviewBy: new Date(Date.now() - 1000).toISOString() })
      .expect(201);
    const desk = await request(t.http).get('/api/desk/queue').set(p.factChecker.auth).expect(200);
    expect(desk.body.dueForReview.map((c: { id: string }) => c.id)).toContain(claim.body.id);
  });

  it('labels a single comment without a claim, and removes the label', async () => {
    const article = await createArticle(t.prisma);
    const c = await post(p.reader, article.id, 'The casualty figure was 4,000.');
    await request(t.http).put(`/api/comments/${c}/label`).set(p.factChecker.auth).send({ verdict: 'MISLEADING', summary: 'The figure counts both sides.', sources: SOURCES }).expect(200);
    const view = await request(t.http).get(`/api/comments/${c}`).expect(200);
    expect(view.body.comment).toMatchObject({ state: 'visible', label: { verdict: 'MISLEADING' } });
    expect(view.body.comment.label.claim).toBeUndefined();
    await request(t.http).delete(`/api/comments/${c}/label`).set(p.factChecker.auth).expect(204);
    expect((await request(t.http).get(`/api/comments/${c}`).expect(200)).body.comment.label).toBeUndefined();
    await request(t.http).delete(`/api/comments/${c}/label`).set(p.factChecker.auth).expect(404);
  });

  it('is for fact-checkers and admins only, and validates input', async () => {
    await request(t.http).get('/api/desk/queue').set(p.moderator.auth).expect(403);
    await request(t.http).post('/api/desk/claims').set(p.reader.auth).send({ statement: 'x' }).expect(403);
    await request(t.http).post('/api/desk/claims').send({ statement: 'x' }).expect(401);
    await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: '' }).expect(400);
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'something' }).expect(201);
    await request(t.http).post(`/api/desk/claims/${claim.body.id}/verdicts`).set(p.factChecker.auth).send({ verdict: 'TRUE-ISH', summary: 'x', sources: SOURCES }).expect(400);
    await request(t.http).post(`/api/desk/claims/${claim.body.id}/verdicts`).set(p.factChecker.auth).send({ verdict: 'FALSE', summary: 'x', sources: [] }).expect(400);
    await request(t.http).post(`/api/desk/claims/${claim.body.id}/verdicts`).set(p.factChecker.auth).send({ verdict: 'FALSE', summary: 'x', sources: [{ url: 'javascript:alert(1)', title: 'x' }] }).expect(400);
    await request(t.http).post('/api/desk/claims/00000000-0000-4000-8000-000000000000/verdicts').set(p.factChecker.auth).send({ verdict: 'FALSE', summary: 'x', sources: SOURCES }).expect(404);
    await request(t.http).post(`/api/desk/claims/${claim.body.id}/comments`).set(p.factChecker.auth).send({ commentId: '00000000-0000-4000-8000-000000000000' }).expect(404);
  });
});

describe('extension check', () => {
  it('fails with a clear message when the server lacks a needed extension', async () => {
    const url = new URL(process.env.PARLEY_TEST_ADMIN_URL as string);
    await expect(requireExtensions(url.toString(), ['pg_trgm'])).resolves.toBeUndefined();
    await expect(requireExtensions(url.toString(), ['pg_trgm', 'no_such_extension'])).rejects.toThrow(/lacks the extension\(s\) no_such_extension/);
  });
});

describe('misinformation desk: campaigns and automatic attachment of new comments', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  it('reports near-identical text posted from many accounts as a campaign', async () => {
    const article = await createArticle(t.prisma);
    const accounts = await Promise.all(Array.from({ length: 6 }, () => createUser(t.prisma)));
    for (const [i, a] of accounts.entries()) {
      await request(t.http)
        .post(`/api/articles/${article.id}/comments`)
        .set(a.auth)
        .send({ body: `The western media hides that the army liberated the whole region yesterday${'!'.repeat(i % 2)}` })
        .expect(201);
    }
    await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'A completely different and ordinary remark about the weather.' }).expect(201);
    const res = await request(t.http).get('/api/desk/campaigns?hours=1&minAccounts=5').set(p.factChecker.auth).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ accounts: 6, commentIds: expect.any(Array) });
    expect(res.body.items[0].commentIds).toHaveLength(6);
    await request(t.http).get('/api/desk/campaigns?hours=500').set(p.factChecker.auth).expect(400);
  });

  it('attaches a new comment that repeats a known claim', async () => {
    const article = await createArticle(t.prisma);
    const claim = await request(t.http).post('/api/desk/claims').set(p.factChecker.auth).send({ statement: 'the airport at Zelenyi Hai was captured' }).expect(201);
    const c = (await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'Big news: the airport at Zelenyi Hai was captured overnight.' }).expect(201)).body.id;
    let linked: { id: string }[] = [];
    for (let i = 0; i < 20 && linked.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      linked = (await request(t.http).get(`/api/desk/claims/${claim.body.id}`).set(p.factChecker.auth).expect(200)).body.comments;
    }
    expect(linked).toEqual([expect.objectContaining({ id: c, automatic: true })]);
  });
});
