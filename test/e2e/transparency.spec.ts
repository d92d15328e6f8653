import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, Personas } from '../helpers/factories';

describe('transparency', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  it('lists an article’s labels and removals with reason codes and dates, and no personal data', async () => {
    const article = await createArticle(t.prisma);
    const post = async (body: string) => (await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body }).expect(201)).body.id as string;
    const removed = await post('something abusive');
    const labelled = await post('The dam was breached on Monday.');
    await request(t.http).post(`/api/comments/${removed}/flags`).set(p.otherReader.auth).send({ reason: 'ABUSE' }).expect(201);
    await request(t.http).post(`/api/moderation/comments/${removed}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'ABUSE' }).expect(201);
    await request(t.http).post(`/api/comments/${removed}/appeal`).set(p.reader.auth).send({ text: 'Please reconsider' }).expect(201);
    await request(t.http).put(`/api/comments/${labelled}/label`).set(p.factChecker.auth).send({ verdict: 'UNVERIFIED', summary: 'Not confirmed', sources: [{ url: 'https://x.example/a', title: 'A' }] }).expect(200);

    const res = await request(t.http).get(`/api/articles/${article.id}/transparency`).expect(200);
    expect(res.body.removals).toEqual([expect.objectContaining({ commentId: removed, action: 'REJECT', reason: 'ABUSE', appeal: 'OPEN' })]);
    expect(res.body.labels).toEqual([expect.objectContaining({ commentId: labelled, verdict: 'UNVERIFIED' })]);
    const text = JSON.stringify(res.body);
    for (const user of Object.values(p)) {
      expect(text).not.toContain(user.id);
      expect(text).not.toContain(user.displayName);
    }
  });

  it('gives monthly site-wide figures', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const res = await request(t.http).get(`/api/transparency?month=${month}`).expect(200);
    expect(res.body).toMatchObject({
      month,
      decisions: { REJECT: 1 },
      rejectionsByReason: { ABUSE: 1 },
      reportsByReason: { ABUSE: 1 },
      appeals: { OPEN: 1 },
      medianHoursFromReportToDecision: expect.any(Number),
    });
    await request(t.http).get('/api/transparency?month=2026-13').expect(400);
    await request(t.http).get('/api/articles/00000000-0000-4000-8000-000000000000/transparency').expect(404);
  });
});
