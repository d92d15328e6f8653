import type { CommentStatus, Verdict } from '../../../generated/prisma/enums';
import type { ClaimRow, DeskItemRow } from './claims.repository';
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
  };
}

type VerdictRow = { version: number; verdict: Verdict; summary: string; sources: unknown; asOf: Date; authorId: string; createdAt: Date };
type LinkedRow = { id: string; article_id: string; status: string; body_html: string; created_at: Date; automatic: boolean };

export function toClaimDetailResponse(claim: ClaimRow, history: VerdictRow[], comments: LinkedRow[]): ClaimDetailDto {
  return {
    ...toClaimResponse(claim),
    history: history.map((v) => ({ version: v.version, verdict: v.verdict, summary: v.summary, sources: sourcesOf(v.sources), asOf: v.asOf.toISOString(), authorId: v.authorId, createdAt: v.createdAt.toISOString() })),
    comments: comments.map((c) => ({ id: c.id, articleId: c.article_id, status: c.status as CommentStatus, html: c.body_html, createdAt: c.created_at.toISOString(), automatic: c.automatic })),
  };
}

export function toProposalResponse(r: { id: string; article_id: string; body_html: string; created_at: Date; similarity: number }): ProposalDto {
  return { id: r.id, articleId: r.article_id, html: r.body_html, createdAt: r.created_at.toISOString(), similarity: Number(r.similarity) };
}

/** A desk item with its response-time target: due `targetHours` after the first open report. */
export function toDeskItemResponse(i: DeskItemRow, targetHours: number, now: number): DeskItemDto {
  const dueAt = new Date(new Date(i.first_report).getTime() + targetHours * 3_600_000);
  return {
    comment: { id: i.id, articleId: i.article_id, articleTitle: i.title, html: i.body_html, status: i.status as CommentStatus, createdAt: new Date(i.created_at).toISOString() },
    reach: Number(i.reach),
    urgent: i.urgent,
    reports: i.reports,
    claims: i.claims ?? [],
    targetHours,
    dueAt: dueAt.toISOString(),
    overdue: dueAt.getTime() < now,
  };
}
