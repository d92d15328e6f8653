import { figures, isHeldOut, labelFor, scoredBy, trainingLine } from './retrain-data';

describe('retraining data from a site’s decisions', () => {
  it.each([
    ['an approval is civil for both models', 'APPROVE', null, 0, 0],
    ['a spam rejection is spam, and says nothing about abuse', 'REJECT', 'SPAM', null, 1],
    ['an abuse rejection is abuse, and says nothing about spam', 'REJECT', 'ABUSE', 1, null],
    ['harassment counts as abuse', 'REJECT', 'HARASSMENT', 1, null],
    ['hate counts as abuse', 'REJECT', 'HATE', 1, null],
    ['an off-topic rejection teaches neither model', 'REJECT', 'OFF_TOPIC', null, null],
    ['a misinformation rejection teaches neither model', 'REJECT', 'MISINFORMATION', null, null],
  ] as const)('%s', (_label, action, reason, abuse, spam) => {
    expect(labelFor('abuse', { action, reason })).toBe(abuse);
    expect(labelFor('spam', { action, reason })).toBe(spam);
  });

  it('puts about the asked share of comments in the held-out slice, the same way every run', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
    const held = ids.filter((id) => isHeldOut(id, 20));
    expect(held.length / ids.length).toBeGreaterThan(0.17);
    expect(held.length / ids.length).toBeLessThan(0.23);
    expect(ids.filter((id) => isHeldOut(id, 20))).toEqual(held);
    expect(ids.filter((id) => isHeldOut(id, 0))).toEqual([]);
  });

  it('finds the local model version that scored a revision, in lists and in old single outcomes', () => {
    expect(scoredBy([{ provider: 'perspective', version: 'p' }, { provider: 'local', version: 'spam a, abuse b' }])).toBe('spam a, abuse b');
    expect(scoredBy({ provider: 'local', version: 'old' })).toBe('old');
    expect(scoredBy([])).toBeNull();
    expect(scoredBy(null)).toBeNull();
  });

  it('computes ROC AUC with ties, and precision and recall at the thresholds', () => {
    const scored = [
      { s: 0.95, y: 1 },
      { s: 0.8, y: 1 },
      { s: 0.8, y: 0 },
      { s: 0.3, y: 0 },
      { s: 0.1, y: 1 },
    ] as const;
    const f = figures([...scored], { hold: 0.9, flag: 0.75 });
    // Pairs (pos, neg): 0.95 beats both, 0.8 ties one and beats one, 0.1 beats neither: (2 + 1.5 + 0) / 6.
    expect(f.auc).toBeCloseTo(3.5 / 6, 3);
    expect(f).toMatchObject({ n: 5, positives: 3, hold: { precision: 1, recall: 0.333, held: 1 }, flag: { precision: 0.667, recall: 0.667, held: 3 } });
    expect(figures([{ s: 0.5, y: 0 }], { hold: 0.9, flag: 0 })).toMatchObject({ auc: null, hold: { precision: null, recall: null }, flag: { held: 0 } });
  });

  it('writes one training line per comment, however many lines the comment had', () => {
    expect(trainingLine(1, ' You\n\nidiot\t! ')).toBe('1\tYou idiot !');
  });
});
