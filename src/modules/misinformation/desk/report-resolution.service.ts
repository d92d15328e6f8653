import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { FlagsService } from '../../flags/flags.service';
import { ClaimsService } from './claims.service';
import { deskError } from './desk.errors';
import { ResolutionDto, ResolveReportsDto } from './dto/resolution.dto';
import { LabelsService } from './labels.service';

/**
 * The desk closes the loop: a fact-checker resolves a comment's open misinformation reports with
 * an outcome, and the comment leaves the desk queue. Labelled or linked to a claim counts as
 * agreeing with the reporters, no issue as disagreeing (their accuracy for the reason feeds the
 * weight of their next reports). One transaction: the link (its claim.linked event), the reports
 * (closed through flags' FlagsService: the desk sits above flags), the audit row.
 */
@Injectable()
export class ReportResolutionService {
  constructor(
    private readonly events: EventsService,
    private readonly flags: FlagsService,
    private readonly claims: ClaimsService,
    private readonly labels: LabelsService,
    private readonly audit: AuditService,
  ) {}

  async resolve(actor: Principal, commentId: string, dto: ResolveReportsDto): Promise<ResolutionDto> {
    if (dto.claimId !== undefined && dto.outcome !== 'LINKED_TO_CLAIM') {
      throw deskError('CLAIM_ONLY_WHEN_LINKING', 'claimId goes only with the outcome LINKED_TO_CLAIM.');
    }
    const claimId = dto.outcome === 'LINKED_TO_CLAIM' ? (dto.claimId as string) : null;
    const resolved = await this.events.transaction(async (tx) => {
      // Lock order: the claim (as linking holds it), then the comment row, as a verdict does; the
      // comment lock keeps a report from slipping in between the check and the update.
      if (claimId) await this.claims.holdForLinking(tx, claimId);
      const open = await this.flags.openMisinformationCount(commentId, tx);
      if (open === null) throw deskError('COMMENT_NOT_FOUND', 'No such comment.');
      if (open === 0) throw deskError('NO_OPEN_MISINFORMATION_REPORTS', 'This comment has no open misinformation reports.');
      if (claimId) await this.claims.linkIn(tx, actor, claimId, commentId);
      if (dto.outcome === 'LABELLED' && !(await this.labels.hasLabel(commentId, tx))) {
        throw deskError('NOT_LABELLED', 'Label the comment (or link it to a claim with a verdict) first, or choose another outcome.');
      }
      const n = await this.flags.resolveOpenMisinformation(commentId, dto.outcome !== 'NO_ISSUE', tx);
      await this.audit.record(
        { kind: 'MISINFO_REPORTS_RESOLVED', actorId: actor.id, target: { type: 'comment', id: commentId }, data: { commentId, outcome: dto.outcome, claimId, reportsResolved: n } },
        tx,
      );
      return n;
    });
    return { commentId, outcome: dto.outcome, claimId, reportsResolved: resolved };
  }
}
