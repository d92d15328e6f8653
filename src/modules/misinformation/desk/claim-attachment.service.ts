import { Injectable, OnModuleInit } from '@nestjs/common';
import { Tx } from '../../../database/prisma.service';
import { AuditService } from '../../audit/audit.service';
import { StoredEvent } from '../../events/domain-events';
import { EventsService } from '../../events/events.service';
import { ClaimsRepository } from './claims.repository';
import { deskError } from './desk.errors';
import { toProposalResponse } from './desk.mapper';
import { ProposalsDto } from './dto/claim.dto';

/**
 * Comments that repeat a known claim: proposed to the desk by text similarity, and attached
 * automatically when a new comment or a misinformation report repeats one. The automatic part
 * is the desk's consumer of the event outbox (`comment.posted`, `flag.raised`): comments and
 * flags record what happened and never call the desk.
 */
@Injectable()
export class ClaimAttachmentService implements OnModuleInit {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.events.registerConsumer({
      name: 'desk',
      types: ['comment.posted', 'flag.raised'],
      // A report's attachment is there when the reporter's request answers, as it was when it ran in the flag's transaction.
      immediate: (e) => e.type === 'flag.raised' && e.payload.reason === 'MISINFORMATION',
      handle: (event, tx) => this.onEvent(event, tx),
    });
  }

  async proposals(claimId: string): Promise<ProposalsDto> {
    const claim = await this.claims.findById(claimId);
    if (!claim) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
    const rows = await this.claims.proposals(claimId, claim.statement, 50);
    return { items: rows.map(toProposalResponse) };
  }

  /** A new comment repeating a known claim, or one reported as misinformation, is attached for review. Idempotent. */
  private async onEvent(event: StoredEvent<'comment.posted' | 'flag.raised'>, tx: Tx): Promise<void> {
    if (event.type === 'flag.raised' && event.payload.reason !== 'MISINFORMATION') return;
    const commentId = event.payload.commentId;
    const comment = await this.claims.findCommentText(commentId, tx);
    // Most comments repeat no claim: find that out before locking anything.
    // Claims known when the comment was posted or reported, as when this ran inside that request:
    // the relay may handle the event later, after a fact-checker created a claim it repeats (that
    // comment is then a proposal for the claim, not attached).
    if (comment === null || (await this.claims.matchingClaims(comment.body, tx, event.createdAt)).length === 0) return;
    await this.autoAttach(commentId, comment, event.createdAt, tx);
  }

  /** Links the comment to every known claim it repeats (not yet linked), with an audit row each. */
  private async autoAttach(commentId: string, comment: { body: string; articleId: string }, knownAt: Date, tx: Tx): Promise<number> {
    // A verdict's lock order, claims (in id order) then the comment: this runs after commit in its
    // own transaction, beside verdicts that lock a claim and then relabel its comments.
    const claimIds = (await this.claims.matchingClaims(comment.body, tx, knownAt)).map((c) => c.id).sort();
    const held: string[] = [];
    for (const id of claimIds) if (await this.claims.holdForLinking(id, tx)) held.push(id);
    await this.claims.lockComment(commentId, tx);
    let attached = 0;
    for (const id of held) {
      if (await this.claims.link(id, commentId, null, tx)) {
        attached += 1;
        await this.audit.record({ kind: 'CLAIM_LINKED', actorId: null, target: { type: 'claim', id }, data: { commentId, automatic: true } }, tx);
        await this.events.record(tx, { type: 'claim.linked', payload: { claimId: id, commentId, articleId: comment.articleId, automatic: true } });
      }
    }
    if (attached > 0) await this.claims.refreshLabeled([commentId], tx);
    return attached;
  }
}
