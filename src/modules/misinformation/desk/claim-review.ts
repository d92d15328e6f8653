import type { Verdict } from '../../../generated/prisma/enums';

/**
 * schema.org ClaimReview markup for a verdict, as search engines and fact-check aggregators read
 * it: the claim reviewed, a rating on a numeric scale with its name (alternateName), the
 * organization that reviewed it, the date, the page, and the sources as citations.
 */

/** The verdicts on a 1–5 scale (1 = false, 5 = true) and the name readers see for each. */
export const VERDICT_RATINGS: Readonly<Record<Verdict, { value: number; name: string }>> = {
  FALSE: { value: 1, name: 'False' },
  MISLEADING: { value: 2, name: 'Misleading' },
  // Neither true nor false as far as the desk can tell (yet): the middle of the scale.
  UNVERIFIED: { value: 3, name: 'Unverified' },
  DISPUTED: { value: 3, name: 'Disputed' },
  // It was true once; it is not a fair description of now.
  OUTDATED: { value: 3, name: 'Outdated' },
  CONFIRMED: { value: 5, name: 'True' },
};

export const BEST_RATING = 5;
export const WORST_RATING = 1;

export interface ClaimReviewInput {
  claimId: string;
  statement: string;
  verdict: { version: number; verdict: Verdict; summary: string; sources: { url: string; title: string }[]; createdAt: Date };
  /** The claim first reached the desk (the claim's own date). */
  claimCreatedAt: Date;
}

export interface Publisher {
  orgName: string;
  orgUrl: string;
  /** Where the review is published; `{id}` stands for the claim's id. */
  pageUrlTemplate: string;
}

export interface ClaimReviewMarkup {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  reviewBody: string;
  author: { '@type': 'Organization'; name: string; url: string };
  reviewRating: { '@type': 'Rating'; ratingValue: number; bestRating: number; worstRating: number; alternateName: string };
  itemReviewed: { '@type': 'Claim'; datePublished: string };
  citation: { '@type': 'CreativeWork'; url: string; name: string }[];
}

export function toClaimReview(input: ClaimReviewInput, publisher: Publisher): ClaimReviewMarkup {
  const rating = VERDICT_RATINGS[input.verdict.verdict];
  const page = publisher.pageUrlTemplate.replaceAll('{id}', encodeURIComponent(input.claimId));
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    // The claim's page: it shows the current verdict, and the review of each version names it.
    url: page,
    claimReviewed: input.statement,
    datePublished: input.verdict.createdAt.toISOString().slice(0, 10),
    reviewBody: input.verdict.summary,
    author: { '@type': 'Organization', name: publisher.orgName, url: publisher.orgUrl },
    reviewRating: { '@type': 'Rating', ratingValue: rating.value, bestRating: BEST_RATING, worstRating: WORST_RATING, alternateName: rating.name },
    itemReviewed: { '@type': 'Claim', datePublished: input.claimCreatedAt.toISOString().slice(0, 10) },
    citation: input.verdict.sources.map((s) => ({ '@type': 'CreativeWork', url: s.url, name: s.title })),
  };
}
