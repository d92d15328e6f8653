import type { Verdict } from '../../../generated/prisma/enums';
import type { ClaimRow, DeskItemRow, LinkedCommentRow, ProposalRow } from './claims.repository';
import type { ClaimDetailDto, ClaimDto, ProposalDto } from './dto/claim.dto';
import type { DeskItemDto } from './dto/desk-queue.dto';
import type { SourceDto } from './dto/source.dto';

/** Sources are stored as JSON, written only through SourceDto. */
const sourcesOf = (json: unknown) => json as SourceDto[];

export function toClaimResponse(c: ClaimRow): ClaimDto {
  return {
    id: c.id,
    statement: c.statement,
    createdAt: c.createdAt.toISOString(),
    linkedComments: c._count.comments,
    reviewBy: c.reviewBy?.toISOString() ?? null,
    verdict: c.currentVerdict
      ? {
          version: c.currentVerdict.version,
          verdict: c.currentVerdict.verdict,
          summary: c.currentVerdict.summary,
          sources: sourcesOf(c.currentVerdict.sources),
          asOf: c.currentVerdict.asOf.toISOString(),
          authorId: c.currentVerdict.authorId,
        }
      : null,
    externalReview: c.externalReviewUrl
      ? { url: c.externalReviewUrl, publisher: c.externalReviewPublisher as string, rating: c.externalReviewRating as string, citedAt: (c.externalReviewAt as Date).toISOString() }
      : null,
  };
}

type VerdictRow = { version: number; verdict: Verdict; summary: string; sources: unknown; asOf: Date; authorId: string; createdAt: Date };
export function toClaimDetailResponse(claim: ClaimRow, history: VerdictRow[], comments: LinkedCommentRow[]): ClaimDetailDto {
  return {
    ...toClaimResponse(claim),
    history: history.map((v) => ({ version: v.version, verdict: v.verdict, summary: v.summary, sources: sourcesOf(v.sources), asOf: v.asOf.toISOString(), authorId: v.authorId, createdAt: v.createdAt.toISOString() })),
    comments: comments.map((c) => ({ id: c.id, articleId: c.articleId, status: c.status, html: c.bodyHtml, createdAt: c.createdAt.toISOString(), automatic: c.automatic })),
  };
}

export function toProposalResponse(r: ProposalRow): ProposalDto {
  return { id: r.id, articleId: r.articleId, html: r.bodyHtml, createdAt: r.createdAt.toISOString(), similarity: Number(r.similarity) };
}

/** A desk item with its response-time target: due `targetHours` after the first open report. */
export function toDeskItemResponse(i: DeskItemRow, targetHours: number, now: number): DeskItemDto {
  const dueAt = new Date(new Date(i.firstReport).getTime() + targetHours * 3_600_000);
  return {
    comment: { id: i.id, articleId: i.articleId, articleTitle: i.title, html: i.bodyHtml, status: i.status, createdAt: new Date(i.createdAt).toISOString() },
    reach: Number(i.reach),
    urgent: i.urgent,
    contextRequests: i.contextRequests,
    reports: i.reports,
    claims: i.claims ?? [],
    targetHours,
    dueAt: dueAt.toISOString(),
    overdue: dueAt.getTime() < now,
  };
}
