import { accuracy, flagWeight, standing } from './flag-weight';

describe('flag weight', () => {
  it.each([
    ['a brand-new reader', { accountAgeDays: 0, approvedComments: 0, agreed: 0, disagreed: 0 }, 1],
    ['an established reader', { accountAgeDays: 400, approvedComments: 50, agreed: 0, disagreed: 0 }, 2],
    ['an established, always-right reporter', { accountAgeDays: 400, approvedComments: 50, agreed: 10, disagreed: 0 }, 3],
    ['an established, always-wrong reporter', { accountAgeDays: 400, approvedComments: 50, agreed: 0, disagreed: 10 }, 1],
    ['a new, always-wrong reporter', { accountAgeDays: 0, approvedComments: 0, agreed: 0, disagreed: 5 }, 0],
    ['a reporter with too few decided flags to judge', { accountAgeDays: 15, approvedComments: 5, agreed: 2, disagreed: 0 }, 1.5],
  ])('%s weighs %d', (_label, record, expected) => {
    expect(flagWeight(record)).toBe(expected);
  });

  it('keeps standing and accuracy in range', () => {
    expect(standing({ accountAgeDays: -5, approvedComments: 1e6, agreed: 0, disagreed: 0 })).toBe(0.5);
    expect(accuracy({ accountAgeDays: 0, approvedComments: 0, agreed: 3, disagreed: 1 })).toBe(0.5);
  });

  it('rounds to 1/64 so sums are exact', () => {
    const w = flagWeight({ accountAgeDays: 7, approvedComments: 3, agreed: 0, disagreed: 0 });
    expect(w * 64).toBe(Math.round(w * 64));
  });
});
