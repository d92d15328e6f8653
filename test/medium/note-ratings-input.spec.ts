import { randomUUID } from 'node:crypto';
import { NotesRepository } from '../../src/modules/misinformation/notes/notes.repository';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser } from '../helpers/factories';

/** What the note scorer is given: rating times to the millisecond, oldest change first. */
describe('NotesRepository.allRatings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ NOTES_SCORING_INTERVAL_MINUTES: '0' });
  });
  afterAll(() => t.close());

  it('returns every rating with the time of its last change in epoch milliseconds, oldest first', async () => {
    const author = await createUser(t.prisma);
    const comment = await createComment(t.prisma, { articleId: (await createArticle(t.prisma)).id, authorId: author.id });
    const note = await t.prisma.contextNote.create({ data: { id: randomUUID(), commentId: comment.id, authorId: author.id, text: 'x', sources: [] } });
    const [early, late] = [new Date('2026-03-01T10:00:00.123Z'), new Date('2026-03-03T09:30:00.456Z')];
    const [a, b] = [await createUser(t.prisma), await createUser(t.prisma)];
    await t.prisma.noteRating.create({ data: { noteId: note.id, raterId: a.id, value: 'SOMEWHAT_HELPFUL', updatedAt: late } });
    await t.prisma.noteRating.create({ data: { noteId: note.id, raterId: b.id, value: 'HELPFUL', updatedAt: early } });

    const ratings = (await t.app.get(NotesRepository).allRatings()).filter((r) => r.noteId === note.id);
    expect(ratings).toEqual([
      { noteId: note.id, raterId: b.id, value: 'HELPFUL', ratedAt: early.getTime() },
      { noteId: note.id, raterId: a.id, value: 'SOMEWHAT_HELPFUL', ratedAt: late.getTime() },
    ]);
  });
});
