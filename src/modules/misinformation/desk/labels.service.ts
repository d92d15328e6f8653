import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import type { Tx } from '../../../database/prisma.service';
import { AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { ClaimsRepository } from './claims.repository';
import { deskError } from './desk.errors';
import { LabelDto } from './dto/label.dto';
import { VerdictDto } from './dto/verdict.dto';

/** A comment's own label (thread reads show it, or its claim's verdict, through comments/thread). A label never hides a comment. */
@Injectable()
export class LabelsService {
  constructor(
    private readonly events: EventsService,
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
  ) {}

  async label(actor: Principal, commentId: string, dto: VerdictDto): Promise<LabelDto> {
    const comment = await this.claims.commentExists(commentId);
    if (!comment) throw deskError('COMMENT_NOT_FOUND', 'No such comment.');
    const asOf = dto.asOf ?? new Date();
    await this.events.transaction(async (tx) => {
      await this.claims.upsertLabel(commentId, { verdict: dto.verdict, summary: dto.summary.trim(), sources: dto.sources, asOf, authorId: actor.id }, tx);
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'COMMENT_LABELLED', actorId: actor.id, subjectUserId: comment.authorId, target: { type: 'comment', id: commentId }, data: { verdict: dto.verdict } }, tx);
      await this.events.record(tx, { type: 'label.changed', payload: { commentId, articleId: comment.articleId, verdict: dto.verdict } });
    });
    return { verdict: dto.verdict, summary: dto.summary.trim(), sources: dto.sources, asOf: asOf.toISOString() };
  }

  async unlabel(actor: Principal, commentId: string): Promise<void> {
    const comment = await this.claims.commentExists(commentId);
    await this.events.transaction(async (tx) => {
      if (!comment || !(await this.claims.deleteLabel(commentId, tx))) throw deskError('NO_LABEL', 'This comment has no label of its own.');
      await this.claims.refreshLabeled([commentId], tx);
      await this.audit.record({ kind: 'COMMENT_LABELLED', actorId: actor.id, target: { type: 'comment', id: commentId }, data: { verdict: null } }, tx);
      await this.events.record(tx, { type: 'label.changed', payload: { commentId, articleId: comment.articleId, verdict: null } });
    });
  }

  /** Whether readers see a fact-check label under the comment: its own, or a claim's verdict or external fact-check. */
  async hasLabel(commentId: string, tx: Tx): Promise<boolean> {
    return this.claims.hasLabel(commentId, tx);
  }
}
