import { applyRules, FINAL_RULES, FIRST_ROUND_RULES, NoteFacts, sideCounts, SideCounts } from './scoring-rules';

const BOTH_SIDES: SideCounts = { minSignCount: 6, negativeMean: 0.9, positiveMean: 0.9, netMinHelpful: 5, netMinHelpfulRatio: 0.4 };
const note = (over: Partial<NoteFacts>): NoteFacts => ({ ratingCount: 12, intercept: 0, factor: 0, sides: BOTH_SIDES, wasHelpful: false, ...over });
const thresholds = { minRatingsNeeded: 5, minMinorityNetHelpful: 4 };

describe('final status rules', () => {
  it.each<[string, Partial<NoteFacts>, string, string]>([
    ['helpful at the bar', { intercept: 0.4, factor: 0.5 }, 'CRH', 'GENERAL_CRH'],
    ['helpful but with too few ratings', { intercept: 0.6, ratingCount: 4 }, 'NMR', 'INITIAL_NMR'],
    ['just under the bar', { intercept: 0.399 }, 'NMR', 'INITIAL_NMR'],
    ['just under the bar, shown last time', { intercept: 0.39, wasHelpful: true }, 'CRH', 'GENERAL_CRH_INERTIA'],
    ['further under the bar, shown last time', { intercept: 0.389, wasHelpful: true }, 'NMR', 'INITIAL_NMR'],
    ['helpful by intercept but explained by a large factor', { intercept: 0.5, factor: 0.51 }, 'FIRM_REJECT', 'LARGE_FACTOR'],
    ['helpful without net helpful ratings from one side', { intercept: 0.5, sides: { ...BOTH_SIDES, netMinHelpful: 3 } }, 'NEEDS_YOUR_HELP', 'MIN_MINORITY_RATERS'],
    ['helpful with a lopsided crowd', { intercept: 0.5, ratingCount: 120, sides: { ...BOTH_SIDES, netMinHelpful: 5, netMinHelpfulRatio: 0.04 } }, 'NEEDS_YOUR_HELP', 'RATER_BALANCE'],
    ['helpful with ten net helpful from each side', { intercept: 0.5, ratingCount: 220, sides: { ...BOTH_SIDES, netMinHelpful: 10, netMinHelpfulRatio: 0.045 } }, 'CRH', 'GENERAL_CRH'],
    ['not helpful at the diamond edge', { intercept: -0.05 - 0.8 * 0.25, factor: -0.25 }, 'CRNH', 'GENERAL_CRNH'],
    ['low but partisan', { intercept: -0.2, factor: 0.25 }, 'FIRM_REJECT', 'LOW_INTERCEPT'],
    ['rated down by both sides', { intercept: 0.1, sides: { minSignCount: 3, negativeMean: 0.4, positiveMean: 0.1, netMinHelpful: 0, netMinHelpfulRatio: 0 } }, 'CRNH', 'RATIO_CRNH'],
    ['rated down by both sides, but one side barely rated it', { intercept: 0.1, sides: { minSignCount: 2, negativeMean: 0, positiveMean: 0, netMinHelpful: 0, netMinHelpfulRatio: 0 } }, 'FIRM_REJECT', 'LOW_INTERCEPT'],
    ['middling', { intercept: 0.35 }, 'NMR', 'INITIAL_NMR'],
    ['not in the fit', { intercept: NaN, factor: NaN, sides: { minSignCount: 0, negativeMean: NaN, positiveMean: NaN, netMinHelpful: 0, netMinHelpfulRatio: 0 } }, 'NMR', 'INITIAL_NMR'],
  ])('%s', (_, facts, status, rule) => {
    expect(applyRules(FINAL_RULES, note(facts), thresholds)).toEqual({ status, rule });
  });

  it('uses the minority threshold it is given', () => {
    const facts = note({ intercept: 0.5, sides: { ...BOTH_SIDES, netMinHelpful: 2 } });
    expect(applyRules(FINAL_RULES, facts, { ...thresholds, minMinorityNetHelpful: 2 }).status).toBe('CRH');
  });
});

describe('first-round status rules', () => {
  it('judge by intercept and factor alone', () => {
    expect(applyRules(FIRST_ROUND_RULES, note({ intercept: 0.5, factor: 0.9, sides: { ...BOTH_SIDES, netMinHelpful: 0 } }), thresholds).status).toBe('CRH');
    expect(applyRules(FIRST_ROUND_RULES, note({ intercept: 0.1 }), thresholds).status).toBe('NMR');
  });
});

describe('sideCounts', () => {
  it('splits each note’s ratings by the sign of the rater’s factor, ignoring raters without one', () => {
    const all = {
      note: Int32Array.from([0, 0, 0, 0, 0, 1]),
      rater: Int32Array.from([0, 1, 2, 3, 4, 0]),
      value: Float32Array.from([1, 1, 0.5, 0, 1, 1]),
      ratedAt: new Float64Array(6),
    };
    const factor = Float64Array.from([-0.7, -0.2, 0.4, 0.6, 0.9]);
    const steps = sideCounts(all, factor, Uint8Array.from([1, 1, 1, 1, 0]), 2);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const [first, second] = step.value;
    expect(first).toEqual({ minSignCount: 2, negativeMean: 1, positiveMean: 0.25, netMinHelpful: 0, netMinHelpfulRatio: 0 });
    expect(second).toEqual({ minSignCount: 0, negativeMean: 1, positiveMean: NaN, netMinHelpful: 0, netMinHelpfulRatio: 0 });
  });
});
