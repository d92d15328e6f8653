import { Injectable, Logger } from '@nestjs/common';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { AuditService } from '../../audit/audit.service';
import { ClaimsRepository } from './claims.repository';
import { deskError } from './desk.errors';
import { toProposalResponse } from './desk.mapper';
import { ProposalsDto } from './dto/claim.dto';

/**
 * Comments that repeat a known claim: proposed to the desk by text similarity, and attached
 * automatically when a new comment or a misinformation report repeats one.
 */
@Injectable()
export class ClaimAttachmentService {
  private readonly logger = new Logger(ClaimAttachmentService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
  ) {}

  async proposals(claimId: string): Promise<ProposalsDto> {
    const claim = await this.claims.findById(claimId);
    if (!claim) throw deskError('CLAIM_NOT_FOUND', 'No such claim.');
    const rows = await this.claims.proposals(claimId, claim.statement, 50);
    return { items: rows.map(toProposalResponse) };
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
}
