import { Verdict } from '../../../generated/prisma/enums';
import { toClaimReview, VERDICT_RATINGS } from './claim-review';

const publisher = { orgName: 'Example Desk', orgUrl: 'https://news.example', pageUrlTemplate: 'https://news.example/fact-checks/{id}' };
const input = (verdict: Verdict) => ({
  claimId: '0b9c1a52-5d55-4d0e-9a43-3b8a0a5e2f10',
  statement: 'The dam was destroyed.',
  verdict: { version: 2, verdict, summary: 'It stands.', sources: [{ url: 'https://imagery.example/1', title: 'Imagery' }], createdAt: new Date('2026-12-03T09:30:00Z') },
  claimCreatedAt: new Date('2026-12-01T22:00:00Z'),
});

describe('ClaimReview markup', () => {
  it('puts every verdict on the 1–5 scale with a name, false lowest and confirmed highest', () => {
    for (const v of Object.values(Verdict)) {
      const { reviewRating } = toClaimReview(input(v), publisher);
      expect(reviewRating.ratingValue).toBeGreaterThanOrEqual(reviewRating.worstRating);
      expect(reviewRating.ratingValue).toBeLessThanOrEqual(reviewRating.bestRating);
      expect(reviewRating.alternateName).toBe(VERDICT_RATINGS[v].name);
    }
    expect(toClaimReview(input('FALSE'), publisher).reviewRating.ratingValue).toBe(1);
    expect(toClaimReview(input('CONFIRMED'), publisher).reviewRating.ratingValue).toBe(5);
    expect(VERDICT_RATINGS.MISLEADING.value).toBeLessThan(VERDICT_RATINGS.UNVERIFIED.value);
  });

  it('names the claim, the organization, the page, the dates and the sources', () => {
    expect(toClaimReview(input('MISLEADING'), publisher)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://news.example/fact-checks/0b9c1a52-5d55-4d0e-9a43-3b8a0a5e2f10',
      claimReviewed: 'The dam was destroyed.',
      datePublished: '2026-12-03',
      reviewBody: 'It stands.',
      author: { '@type': 'Organization', name: 'Example Desk', url: 'https://news.example' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Misleading' },
      itemReviewed: { '@type': 'Claim', datePublished: '2026-12-01' },
      citation: [{ '@type': 'CreativeWork', url: 'https://imagery.example/1', name: 'Imagery' }],
    });
  });
});
