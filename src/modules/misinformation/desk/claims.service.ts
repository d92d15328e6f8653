import { isUuid } from '../../../common/http/parse-uuid.pipe';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { commonError } from '../../../common/errors/app-error';
import { decodeCursor, Page, toPage } from '../../../common/pagination/cursor';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { BoundedQueries } from '../../../database/bounded-queries';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { findCampaigns } from './campaigns';
import { AuditService } from '../../audit/audit.service';
import { ClaimListQueryDto, CreateClaimDto, LabelDto, VerdictDto } from './desk.dto';
import { ClaimRow, ClaimsRepository } from './claims.repository';
import { deskError } from './desk.errors';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function toClaim(c: ClaimRow) {
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
          sources: c.currentVerdict.sources,
          asOf: c.currentVerdict.asOf.toISOString(),
          authorId: c.currentVerdict.authorId,
        }
      : null,
  };
}

/**
 * The misinformation desk: claims grouping comments across articles, versioned verdicts that
 * label every linked comment at once, single-comment labels, and the desk's queue. Every action
 * is audited in the same transaction. A label never hides a comment.
 */
/** Comments a campaign search looks at, newest first: enough for a day of a busy site, bounded in time. */
export const CAMPAIGN_SCAN_LIMIT = 5000;

@Injectable()
export class ClaimsService {
  private readonly logger = new Logger(ClaimsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
    private readonly bounded: BoundedQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Principal, dto: CreateClaimDto) {
    const claim = await this.prisma.$transaction(async (tx) => {
      const created = await this.claims.create(dto.statement.trim(), actor.id, tx);
      await this.audit.record({ kind: 'CLAIM_CREATED', actorId: actor.id, target: { type: 'claim', id: created.id }, data: { statement: created.statement } }, tx);
      for (const commentId of dto.commentIds ?? []) await this.linkIn(tx, actor, created.id, commentId, false);
      return created;
    });
    return this.get(claim.id);
  }

  async list(query: ClaimListQueryDto) {
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor<{ id: string }>(query.cursor, { id: 'string' }).id : undefined;
    if (after !== undefined && !isUuid(after)) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    const rows = await this.claims.list(query.q, after, limit);
    return toPage(rows, limit, (r) => ({ id: r.id }), toClaim) as Page<ReturnType<typeof toClaim>>;
  }

  async get(id: string) {
    const claim = await this.claims.findById(id);
    if (!claim) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
    const [history, comments] = await Promise.all([this.claims.history(id), this.claims.linkedComments(id)]);
    return {
      ...toClaim(claim),
      history: history.map((v) => ({ version: v.version, verdict: v.verdict, summary: v.summary, sources: v.sources, asOf: v.asOf.toISOString(), authorId: v.authorId, createdAt: v.createdAt.toISOString() })),
      comments: comments.map((c) => ({ id: c.id, articleId: c.article_id, status: c.status, html: c.body_html, createdAt: c.created_at.toISOString(), automatic: c.automatic })),
    };
  }

  async link(actor: Principal, claimId: string, commentId: string) {
    await this.prisma.$transaction((tx) => this.linkIn(tx, actor, claimId, commentId, false));
    return this.get(claimId);
  }

  async unlink(actor: Principal, claimId: string, commentId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (!(await this.claims.unlink(claimId, commentId, tx))) throw deskError('NOT_LINKED', 'This comment is not linked to this claim.');
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'CLAIM_UNLINKED', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { commentId } }, tx);
    });
  }

  async proposals(claimId: string) {
    const claim = await this.claims.findById(claimId);
    if (!claim) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
    const rows = await this.claims.proposals(claimId, claim.statement, 50);
    return { items: rows.map((r) => ({ id: r.id, articleId: r.article_id, html: r.body_html, createdAt: r.created_at.toISOString(), similarity: Number(r.similarity) })) };
  }

  /** A new verdict version; every linked comment shows it at once. */
  async issueVerdict(actor: Principal, claimId: string, dto: VerdictDto) {
    await this.prisma.$transaction(async (tx) => {
      if (!(await this.claims.lock(claimId, tx))) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
      const previous = (await this.claims.findById(claimId, tx))?.currentVerdict?.verdict ?? null;
      const unsettled = dto.verdict === 'UNVERIFIED' || dto.verdict === 'DISPUTED';
      const reviewBy = unsettled ? (dto.reviewBy ?? new Date(Date.now() + this.config.moderation.verdictReviewDays * DAY_MS)) : null;
      const v = await this.claims.addVerdict(
        claimId,
        { verdict: dto.verdict, summary: dto.summary.trim(), sources: dto.sources, asOf: dto.asOf ?? new Date(), authorId: actor.id, reviewBy },
        tx,
      );
      await this.claims.refreshLabeled(await this.claims.commentIdsOf(claimId, tx), tx);
      await this.audit.record(
        { kind: 'VERDICT_ISSUED', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { version: v.version, verdict: v.verdict, previous } },
        tx,
      );
    });
    return this.get(claimId);
  }

  async label(actor: Principal, commentId: string, dto: VerdictDto): Promise<LabelDto> {
    const comment = await this.claims.commentExists(commentId);
    if (!comment) throw deskError('COMMENT_NOT_FOUND', 'No such comment.');
    const asOf = dto.asOf ?? new Date();
    await this.prisma.$transaction(async (tx) => {
      await this.claims.upsertLabel(commentId, { verdict: dto.verdict, summary: dto.summary.trim(), sources: dto.sources, asOf, authorId: actor.id }, tx);
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'COMMENT_LABELLED', actorId: actor.id, subjectUserId: comment.authorId, target: { type: 'comment', id: commentId }, data: { verdict: dto.verdict } }, tx);
    });
    return { verdict: dto.verdict, summary: dto.summary.trim(), sources: dto.sources, asOf: asOf.toISOString() };
  }

  async unlabel(actor: Principal, commentId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (!(await this.claims.deleteLabel(commentId, tx))) throw deskError('NO_LABEL', 'This comment has no label of its own.');
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'COMMENT_LABELLED', actorId: actor.id, target: { type: 'comment', id: commentId }, data: { verdict: null } }, tx);
    });
  }

  /**
   * The desk's queue: comments with open misinformation reports, by reach then age, each with
   * its response-time target (shorter when it also carries an urgent report) and an overdue
   * mark; and the claims whose unsettled verdict is due for review.
   */
  async queue() {
    const now = Date.now();
    const [items, due] = await Promise.all([this.claims.deskItems(100), this.claims.dueForReview(new Date(now))]);
    const byClaim = new Map<string, { claim: { id: string; statement: string; verdict: string | null }; commentIds: string[] }>();
    for (const i of items) {
      for (const c of i.claims ?? []) {
        const group = byClaim.get(c.id) ?? { claim: c, commentIds: [] };
        group.commentIds.push(i.id);
        byClaim.set(c.id, group);
      }
    }
    return {
      // The same reports grouped by the claim they repeat, so one verdict can answer them all.
      byClaim: [...byClaim.values()].sort((a, b) => b.commentIds.length - a.commentIds.length),
      items: items.map((i) => {
        const targetHours = i.urgent ? this.config.moderation.deskUrgentTargetHours : this.config.moderation.deskTargetHours;
        const dueAt = new Date(new Date(i.first_report).getTime() + targetHours * HOUR_MS);
        return {
          comment: { id: i.id, articleId: i.article_id, articleTitle: i.title, html: i.body_html, status: i.status, createdAt: new Date(i.created_at).toISOString() },
          reach: Number(i.reach),
          urgent: i.urgent,
          reports: i.reports,
          claims: i.claims ?? [],
          targetHours,
          dueAt: dueAt.toISOString(),
          overdue: dueAt.getTime() < now,
        };
      }),
      dueForReview: due.map(toClaim),
    };
  }

  /**
   * Campaigns: near-identical text posted from at least `minAccounts` accounts within `hours`,
   * among the CAMPAIGN_SCAN_LIMIT most recent comments of the window (`truncated` says when the
   * window held more: narrow it to see all). Bounded by DATABASE_REPORT_TIMEOUT_MS and cancelled
   * when the client goes away.
   */
  async campaigns(hours: number, minAccounts: number, signal?: AbortSignal) {
    const { comments, truncated } = await this.bounded.report(signal, (client) => this.claims.recentForCampaigns(client, hours, CAMPAIGN_SCAN_LIMIT));
    return { hours, minAccounts, scanned: comments.length, truncated, items: findCampaigns(comments, minAccounts) };
  }

  /** A new comment that repeats a known claim is attached for review (after the post, off its path). */
  attachIfRepeats(commentId: string, text: string): void {
    const work = async () => {
      if ((await this.claims.matchingClaims(text)).length === 0) return;
      await this.prisma.$transaction((tx) => this.autoAttach(commentId, text, tx));
    };
    work().catch((err: unknown) => this.logger.warn(`claim attachment failed for ${commentId}: ${err instanceof Error ? err.message : err}`));
  }

  /** For flags: a MISINFORMATION report on a comment repeating a known claim attaches it for review. */
  async autoAttach(commentId: string, text: string, tx: Tx): Promise<number> {
    // The comment row first, as flagging does, so the two never wait on each other in a cycle.
    await this.claims.lockComment(commentId, tx);
    let attached = 0;
    for (const { id } of await this.claims.matchingClaims(text)) {
      if (await this.claims.link(id, commentId, null, tx)) {
        attached += 1;
        await this.audit.record({ kind: 'CLAIM_LINKED', actorId: null, target: { type: 'claim', id }, data: { commentId, automatic: true } }, tx);
      }
    }
    if (attached > 0) await this.claims.refreshLabeled([commentId], tx);
    return attached;
  }

  /** Labels for a page of comments, keyed by comment id (claims first, then own labels). */
  async labelsFor(commentIds: string[]): Promise<Map<string, LabelDto>> {
    const map = new Map<string, LabelDto>();
    if (commentIds.length === 0) return map;
    for (const r of await this.claims.labelsFor(commentIds)) {
      if (map.has(r.commentId)) continue;
      map.set(r.commentId, {
        verdict: r.verdict,
        summary: r.summary,
        sources: r.sources as LabelDto['sources'],
        asOf: new Date(r.asOf).toISOString(),
        ...(r.claimId ? { claim: { id: r.claimId, statement: r.statement as string, version: r.version as number } } : {}),
      });
    }
    return map;
  }

  private async linkIn(tx: Tx, actor: Principal, claimId: string, commentId: string, automatic: boolean): Promise<void> {
    if (!(await this.claims.findById(claimId, tx))) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
    if (!(await this.claims.commentExists(commentId))) throw deskError('COMMENT_NOT_FOUND', `No comment ${commentId}.`);
    if (await this.claims.link(claimId, commentId, automatic ? null : actor.id, tx)) {
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'CLAIM_LINKED', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { commentId, automatic } }, tx);
    }
  }
}
