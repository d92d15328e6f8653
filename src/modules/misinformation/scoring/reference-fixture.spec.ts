import fixture from './fixtures/community-notes-reference.json';
import { NoteRating, scoreNotes } from './note-scoring';

/**
 * Agreement with the reference implementation (twitter/communitynotes, run through a numpy
 * transliteration; fixtures/README.md says how the expected values were produced).
 */
type Expected = { status: string; rule: string; intercept: number | null; factor: number | null; ratingCount: number };
const expectedNotes = fixture.expected.notes as Record<string, Expected>;
const PUBLIC_STATUS: Record<string, string> = { CRH: 'HELPFUL', CRNH: 'NOT_HELPFUL', NMR: 'NEEDS_MORE_RATINGS', FIRM_REJECT: 'NEEDS_MORE_RATINGS', NEEDS_YOUR_HELP: 'NEEDS_MORE_RATINGS' };

describe('scoreNotes against the reference Community Notes scorer', () => {
  const ratings = fixture.ratings.map(([noteId, raterId, value]) => ({ noteId, raterId, value }) as NoteRating);
  const notes = fixture.notes.map((n) => ({ noteId: n.noteId, authorId: n.authorId, status: n.previousStatus === 'HELPFUL' ? ('HELPFUL' as const) : undefined }));
  const result = scoreNotes(ratings, {}, notes);

  it('gives every note the reference status, decided by the same rule', () => {
    const ours = Object.fromEntries(result.scores.map((s) => [s.noteId, { status: s.status, rule: s.rule }]));
    const theirs = Object.fromEntries(Object.entries(expectedNotes).map(([id, e]) => [id, { status: PUBLIC_STATUS[e.status], rule: e.rule }]));
    expect(ours).toEqual(theirs);
  });

  it('finds note intercepts within 0.02 of the reference, and factors of the same size', () => {
    for (const score of result.scores) {
      const expected = expectedNotes[score.noteId];
      if (expected.intercept === null) {
        expect(score.intercept).toBeNull();
        continue;
      }
      expect({ note: score.noteId, off: Math.abs(score.intercept! - expected.intercept) < 0.02 }).toEqual({ note: score.noteId, off: true });
      expect({ note: score.noteId, off: Math.abs(Math.abs(score.factor!) - Math.abs(expected.factor!)) < 0.05 }).toEqual({ note: score.noteId, off: true });
    }
  });

  it('counts the same ratings and takes away the say of the same raters', () => {
    expect(Object.fromEntries(result.scores.map((s) => [s.noteId, s.ratingCount]))).toEqual(Object.fromEntries(Object.entries(expectedNotes).map(([id, e]) => [id, e.ratingCount])));
    expect(result.excludedRaters).toEqual(fixture.expected.excludedRaters);
    expect(result.mu).toBeCloseTo(fixture.expected.globalIntercept, 2);
  });
});
