import request from 'supertest';
import { seedDemoData } from '../../prisma/seed/demo';
import { NotesService } from '../../src/modules/misinformation/notes/notes.service';
import { startTestApp, TestApp } from '../helpers/app';

/**
 * The feature is visible on first start: the demo data, scored by the real scoring job as
 * `npm start` does right after seeding, with the default settings (nothing lowered for the demo),
 * shows a bridging note on the demo claim under the comments that repeat it on both articles.
 */
describe('the demo data on first start', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    expect(await seedDemoData(t.db.url)).not.toBeNull();
    await t.app.get(NotesService).score('schedule');
  });
  afterAll(() => t.close());

  it('shows a note rated helpful by both camps of seeded raters under every comment linked to the claim, and no one-camp note', async () => {
    const claim = await t.prisma.claim.findFirstOrThrow({ include: { comments: true } });
    const notes = (await request(t.http).get(`/api/claims/${claim.id}/notes`).expect(200)).body.items;
    expect(notes).toEqual([expect.objectContaining({ claimId: claim.id, status: 'HELPFUL', text: expect.stringContaining('The silos are about 12 km north') })]);
    const bridging = await t.prisma.contextNote.findUniqueOrThrow({ where: { id: notes[0].id }, include: { ratings: true } });
    expect(bridging.ratings.length).toBeGreaterThanOrEqual(12);
    // Helpful across the divide: its support does not lean on either side's factor.
    expect(Math.abs(bridging.factor as number)).toBeLessThan(0.5);

    expect(claim.comments).toHaveLength(2);
    const articles = new Set<string>();
    for (const { commentId } of claim.comments) {
      const shown = (await request(t.http).get(`/api/comments/${commentId}`).expect(200)).body.comment;
      articles.add(shown.articleId);
      expect(shown.notes).toEqual([expect.objectContaining({ id: bridging.id })]);
      expect(shown.label).toMatchObject({ verdict: 'UNVERIFIED', claim: { id: claim.id } });
    }
    expect(articles.size).toBe(2);

    // Each camp's own notes split the raters and are never shown.
    const others = await t.prisma.contextNote.findMany({ where: { claimId: null } });
    expect(others.length).toBe(10);
    for (const n of others) expect(n.status).not.toBe('HELPFUL');
  });
});
