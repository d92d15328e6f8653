import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { AppError } from '../../../common/errors/app-error';
import { Tx } from '../../../database/prisma.service';
import { CommentStatus, type DecisionAction, type RejectionReason } from '../../../generated/prisma/enums';
import type { AuditEvent } from '../../audit/audit-events';
import { AuditService } from '../../audit/audit.service';
import { CommentsService } from '../../comments/comments.service';
import { EventsService } from '../../events/events.service';
import { FlagsService } from '../../flags/flags.service';
import { UsersService } from '../../users/users.service';
import { AppealDecisionDto, StatementOfReasonsDto } from '../dto/appeal.dto';
import { BanAndRejectDto, BulkDecideDto, DecideDto, DecisionResultDto } from '../dto/decision.dto';
import { moderationError } from '../moderation.errors';
import { toStatementOfReasonsResponse } from '../moderation.mapper';
import { DecisionsRepository, LockedComment } from './decisions.repository';
import { transition } from './transitions';

const AUDIT_KIND = {
  APPROVE: 'COMMENT_APPROVED',
  REJECT: 'COMMENT_REJECTED',
  FEATURE: 'COMMENT_FEATURED',
  UNFEATURE: 'COMMENT_UNFEATURED',
  RESTORE: 'COMMENT_RESTORED',
} as const;

/** Decisions that can hide or show a whole subtree (a rejection, or undoing one). */
const SUBTREE_ACTIONS: ReadonlySet<DecisionAction> = new Set(['REJECT', 'RESTORE']);

type DecisionInput = Pick<DecideDto, 'action' | 'revision' | 'reason' | 'message' | 'expectedStatus'>;

/** Problem members a bulk failure cannot take over from the item's error. */
const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'code', 'instance', 'requestId']);

/**
 * Moderation decisions. Each is one transaction: the comment is locked, the decision is pinned to
 * the revision the moderator saw, the status changes with exact counts, open flags are resolved
 * as agreed or disagreed, and the decision and audit rows are written.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly events: EventsService,
    private readonly decisions: DecisionsRepository,
    private readonly comments: CommentsService,
    private readonly flags: FlagsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  decide(moderator: Principal, commentId: string, dto: DecideDto): Promise<DecisionResultDto> {
    return this.events.transaction(async (tx) => {
      await this.decisions.lockForDecision([commentId], SUBTREE_ACTIONS.has(dto.action), tx);
      return this.decideIn(tx, moderator, commentId, dto, false);
    });
  }

  /**
   * Up to 100 decisions, all or nothing. Every row they write is locked first, in one fixed
   * order, so opposite bulk decisions over the same comments queue instead of deadlocking.
   */
  async bulk(moderator: Principal, dto: BulkDecideDto): Promise<DecisionResultDto[]> {
    return this.events.transaction(
      async (tx) => {
        await this.decisions.lockForDecision(dto.items.map((i) => i.commentId), dto.action === 'REJECT', tx);
        const results: DecisionResultDto[] = [];
        for (const item of dto.items) {
          try {
            results.push(await this.decideIn(tx, moderator, item.commentId, { ...dto, revision: item.revision, expectedStatus: item.expectedStatus }, true));
          } catch (err) {
            throw bulkItemError(item.commentId, err);
          }
        }
        return results;
      },
      { timeout: 30_000 },
    );
  }

  /** Ban a user and reject every visible or held comment of theirs, in one action. */
  async banAndReject(moderator: Principal, userId: string, dto: BanAndRejectDto): Promise<{ rejected: number }> {
    return this.events.transaction(
      async (tx) => {
        await this.users.ban(moderator, userId, { reason: dto.reason }, tx);
        const candidates = await this.decisions.findRejectableOf(userId, tx);
        await this.decisions.lockForDecision(candidates.map((c) => c.id), true, tx);
        // Read again under the locks: each is rejected from the status it has now.
        const comments = await this.decisions.findRejectableOf(userId, tx);
        for (const c of comments) {
          await this.decideIn(tx, moderator, c.id, { action: 'REJECT', revision: c.revision, expectedStatus: c.status, reason: dto.rejectionReason, message: dto.reason }, true);
        }
        return { rejected: comments.length };
      },
      { timeout: 60_000 },
    );
  }

  /** The author's statement of reasons for the last decision on their comment. */
  async statement(author: Principal, commentId: string): Promise<StatementOfReasonsDto> {
    const owner = await this.decisions.findAuthor(commentId);
    const decision = owner && owner.authorId === author.id ? await this.decisions.latestDecision(commentId) : null;
    if (!decision) throw moderationError('NO_DECISION', 'No decision on a comment of yours with this id.');
    return toStatementOfReasonsResponse(decision);
  }

  /** One appeal per decision, of a rejection, by the comment's author. */
  async appeal(author: Principal, commentId: string, text: string): Promise<StatementOfReasonsDto> {
    const statement = await this.statement(author, commentId);
    if (!statement.canAppeal) throw moderationError('APPEAL_NOT_ALLOWED', 'Only a rejection can be appealed, and only once.');
    await this.events.transaction(async (tx) => {
      await this.decisions.createAppeal(statement.decisionId, commentId, author.id, text.trim(), tx);
      await this.decisions.setAppealOpen(commentId, true, tx);
    });
    return this.statement(author, commentId);
  }

  /**
   * A different moderator upholds or overturns; overturning restores the comment. The comment is
   * locked before the appeal, in the order every decision takes its locks, so an appeal decision
   * and a decision on the comment take turns: whichever comes second sees the first's outcome.
   */
  async decideAppeal(moderator: Principal, appealId: string, dto: AppealDecisionDto): Promise<{ status: string }> {
    const target = await this.decisions.findAppealComment(appealId);
    if (!target) throw moderationError('APPEAL_NOT_FOUND', 'No appeal with this id.');
    return this.events.transaction(async (tx) => {
      await this.decisions.lockForDecision([target.commentId], dto.outcome === 'OVERTURN', tx);
      const appeal = await this.decisions.lockAppeal(appealId, tx);
      if (!appeal) throw moderationError('APPEAL_NOT_FOUND', 'No appeal with this id.');
      if (appeal.authorId === moderator.id) {
        throw moderationError('OWN_CONTENT_DECISION', 'You cannot decide the appeal of your own comment: another moderator must.');
      }
      if (appeal.status !== 'OPEN') {
        throw moderationError('APPEAL_ALREADY_DECIDED', `This appeal was already settled: ${appeal.status.toLowerCase()}.`, {
          appealStatus: appeal.status,
          decidedAt: appeal.decidedAt?.toISOString() ?? null,
        });
      }
      if (appeal.decision.moderatorId === moderator.id) {
        throw moderationError('SAME_MODERATOR', 'An appeal must be decided by a different moderator than the one who decided the comment.');
      }
      const status = dto.outcome === 'OVERTURN' ? 'OVERTURNED' : 'UPHELD';
      // Closed first, so that the restore below does not settle it a second time.
      await this.decisions.closeAppeal(appealId, status, moderator.id, dto.note ?? null, tx);
      await this.decisions.setAppealOpen(appeal.commentId, false, tx);
      let settledByDecisionId: string | undefined;
      // Locked already (lockForDecision); read for its revision and article. Comments are never removed, only tombstoned.
      const locked = await this.decisions.lock(appeal.commentId, tx);
      if (!locked) throw moderationError('COMMENT_NOT_FOUND', 'No such comment.');
      if (status === 'OVERTURNED') {
        const restored = await this.decideIn(tx, moderator, appeal.commentId, { action: 'RESTORE', revision: locked.revision, expectedStatus: CommentStatus.REJECTED, message: dto.note }, true);
        settledByDecisionId = restored.decisionId;
      }
      await this.audit.record(
        {
          kind: 'APPEAL_DECIDED',
          actorId: moderator.id,
          subjectUserId: appeal.authorId,
          target: { type: 'comment', id: appeal.commentId },
          data: { appealId, decisionId: appeal.decisionId, outcome: status, ...(settledByDecisionId ? { settledByDecisionId } : {}) },
        },
        tx,
      );
      await this.events.record(tx, {
        type: 'appeal.decided',
        payload: { appealId, decisionId: appeal.decisionId, commentId: appeal.commentId, articleId: locked.articleId, authorId: appeal.authorId, outcome: status },
      });
      return { status };
    });
  }

  private async decideIn(
    tx: Tx,
    moderator: Principal,
    commentId: string,
    dto: DecisionInput,
    bulk: boolean,
  ): Promise<DecisionResultDto> {
    const c = await this.decisions.lock(commentId, tx);
    if (!c) throw moderationError('COMMENT_NOT_FOUND', 'No such comment.');
    // Separation of duties: nobody approves, restores, features or removes their own comment.
    if (c.authorId === moderator.id) {
      throw moderationError('OWN_CONTENT_DECISION', 'You cannot decide on your own comment: another moderator must.', { commentId });
    }
    if (c.assignedToId && c.assignedToId !== moderator.id && c.assignedUntil && c.assignedUntil > new Date()) {
      throw moderationError('CLAIMED_BY_ANOTHER', 'Another moderator is reviewing this comment.', { claimedBy: c.assignedToId });
    }
    if (c.revision !== dto.revision) {
      throw moderationError('STALE_REVISION', `The author edited the comment: you saw revision ${dto.revision}, it is now ${c.revision}.`, { revision: c.revision });
    }
    if (dto.expectedStatus !== c.status) {
      throw moderationError('STALE_STATUS', `Someone decided first: the comment is now ${c.status.toLowerCase()}.`, { currentStatus: c.status });
    }
    const next = transition(dto.action, c.status, c.featured);
    if (!next) throw moderationError('INVALID_TRANSITION', `Cannot ${dto.action.toLowerCase()} a ${c.status.toLowerCase()} comment.`);
    if (next.to !== c.status && !(await this.comments.changeStatus(commentId, c.status, next.to, tx, 'decision'))) {
      throw moderationError('INVALID_TRANSITION', 'The comment changed meanwhile.');
    }
    const flagsResolved =
      dto.action === 'REJECT' ? await this.flags.resolveOpen(commentId, true, true, tx)
      : dto.action === 'APPROVE' ? await this.flags.resolveOpen(commentId, false, false, tx)
      : 0;
    await this.decisions.markDecided(commentId, next.featured, tx);
    const decision = await this.decisions.insertDecision(
      { commentId, revision: c.revision, moderatorId: moderator.id, action: dto.action, reason: dto.reason ?? null, message: dto.message ?? null, from: c.status, to: next.to },
      tx,
    );
    if (c.appealOpen && next.to !== c.status) await this.settleAppeal(tx, moderator, c, next.to, decision.id, dto.message ?? null);
    const data = { decisionId: decision.id, revision: c.revision, from: c.status, to: next.to, flagsResolved, ...(bulk ? { bulk } : {}) };
    const event = (
      dto.action === 'REJECT'
        ? { kind: 'COMMENT_REJECTED', data: { ...data, reason: dto.reason as RejectionReason } }
        : { kind: AUDIT_KIND[dto.action], data }
    ) as Pick<AuditEvent, 'kind' | 'data'>;
    await this.audit.record({ ...event, actorId: moderator.id, subjectUserId: c.authorId, target: { type: 'comment', id: commentId } } as AuditEvent, tx);
    await this.events.record(tx, {
      type: 'decision.made',
      payload: {
        decisionId: decision.id,
        commentId,
        articleId: c.articleId,
        authorId: c.authorId,
        moderatorId: moderator.id,
        action: dto.action,
        from: c.status,
        to: next.to,
        reason: dto.reason ?? null,
        revision: c.revision,
      },
    });
    return { decisionId: decision.id, commentId, action: dto.action, status: next.to, featured: next.featured, flagsResolved };
  }

  /**
   * A decision that changes a comment under open appeal settles the appeal with the decision's
   * outcome (restored: overturned), so the appeal and the comment never disagree and a later
   * "uphold" cannot leave a restored comment visible.
   */
  private async settleAppeal(tx: Tx, moderator: Principal, c: LockedComment, to: CommentStatus, decisionId: string, message: string | null): Promise<void> {
    const appeal = await this.decisions.lockOpenAppealOf(c.id, tx);
    await this.decisions.setAppealOpen(c.id, false, tx);
    if (!appeal) return;
    const outcome = to === CommentStatus.REJECTED ? 'UPHELD' : 'OVERTURNED';
    const note = message ?? `Settled by a moderator's decision: the comment is now ${to.toLowerCase()}.`;
    await this.decisions.closeAppeal(appeal.id, outcome, moderator.id, note, tx);
    await this.audit.record(
      {
        kind: 'APPEAL_DECIDED',
        actorId: moderator.id,
        subjectUserId: appeal.authorId,
        target: { type: 'comment', id: c.id },
        data: { appealId: appeal.id, decisionId: appeal.decisionId, outcome, settledByDecisionId: decisionId },
      },
      tx,
    );
    await this.events.record(tx, {
      type: 'appeal.decided',
      payload: { appealId: appeal.id, decisionId: appeal.decisionId, commentId: c.id, articleId: c.articleId, authorId: appeal.authorId, outcome },
    });
  }
}

/**
 * The error a bulk decision answers when one item fails: the item's own refusal, named, with
 * nothing applied. Only domain errors are wrapped; anything else (a database error) keeps its
 * own mapping, so driver text never reaches a response.
 */
function bulkItemError(commentId: string, err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const detail = `Nothing was applied: comment ${commentId}: ${err.message}`;
  if (err.code === 'OWN_CONTENT_DECISION') return moderationError('OWN_CONTENT_DECISION', detail, { commentId });
  const extra = Object.fromEntries(Object.entries(err.extra).filter(([k]) => !PROBLEM_MEMBERS.has(k)));
  return moderationError('BULK_ITEM_FAILED', detail, { ...extra, commentId, itemCode: err.code });
}
