import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { commonError } from '../../../common/errors/app-error';
import { isUuid } from '../../../common/http/parse-uuid.pipe';
import { decodeCursor, toPage } from '../../../common/pagination/cursor';
import { Tx } from '../../../database/prisma.service';
import { AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { ClaimsRepository } from './claims.repository';
import { deskError } from './desk.errors';
import { toClaimDetailResponse, toClaimResponse } from './desk.mapper';
import { ClaimDetailDto, ClaimListQueryDto, ClaimPageDto, CreateClaimDto } from './dto/claim.dto';

/**
 * Claims: short neutral statements grouping the comments that repeat them across articles, and
 * the fact-checkers' links between the two. Every change is audited in the same transaction.
 * Verdicts, labels, automatic attachment, the queue and campaigns have services of their own.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly events: EventsService,
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Principal, dto: CreateClaimDto): Promise<ClaimDetailDto> {
    const claim = await this.events.transaction(async (tx) => {
      const created = await this.claims.create(dto.statement.trim(), actor.id, tx);
      await this.audit.record({ kind: 'CLAIM_CREATED', actorId: actor.id, target: { type: 'claim', id: created.id }, data: { statement: created.statement } }, tx);
      for (const commentId of dto.commentIds ?? []) await this.linkIn(tx, actor, created.id, commentId);
      return created;
    });
    return this.get(claim.id);
  }

  async list(query: ClaimListQueryDto): Promise<ClaimPageDto> {
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor<{ id: string }>(query.cursor, { id: 'string' }).id : undefined;
    if (after !== undefined && !isUuid(after)) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    const rows = await this.claims.list(query.q, after, limit);
    return toPage(rows, limit, (r) => ({ id: r.id }), toClaimResponse);
  }

  async get(id: string): Promise<ClaimDetailDto> {
    const claim = await this.claims.findById(id);
    if (!claim) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
    const [history, comments] = await Promise.all([this.claims.history(id), this.claims.linkedComments(id)]);
    return toClaimDetailResponse(claim, history, comments);
  }

  async link(actor: Principal, claimId: string, commentId: string): Promise<ClaimDetailDto> {
    await this.events.transaction((tx) => this.linkIn(tx, actor, claimId, commentId));
    return this.get(claimId);
  }

  async unlink(actor: Principal, claimId: string, commentId: string): Promise<void> {
    await this.events.transaction(async (tx) => {
      if (!(await this.claims.unlink(claimId, commentId, tx))) throw deskError('NOT_LINKED', 'This comment is not linked to this claim.');
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'CLAIM_UNLINKED', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { commentId } }, tx);
    });
  }

  /** For a caller that links a claim after locking a comment: take the claim first (404 when there is none). */
  async holdForLinking(tx: Tx, claimId: string): Promise<void> {
    if (!(await this.claims.holdForLinking(claimId, tx))) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
  }

  /**
   * A fact-checker's link inside the caller's transaction (automatic attachment is
   * ClaimAttachmentService's); also how the desk's resolution of reports links a claim.
   */
  async linkIn(tx: Tx, actor: Principal, claimId: string, commentId: string): Promise<void> {
    if (!(await this.claims.findById(claimId, tx))) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
    const comment = await this.claims.commentExists(commentId);
    if (!comment) throw deskError('COMMENT_NOT_FOUND', `No comment ${commentId}.`);
    if (await this.claims.link(claimId, commentId, actor.id, tx)) {
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'CLAIM_LINKED', actorId: actor.id, target: { type: 'claim', id: claimId }, data: { commentId, automatic: false } }, tx);
      await this.events.record(tx, { type: 'claim.linked', payload: { claimId, commentId, articleId: comment.articleId, automatic: false } });
    }
  }
}
