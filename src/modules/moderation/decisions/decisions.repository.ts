import { Injectable } from '@nestjs/common';
import { STATUS_SETS } from '../../../common/comment-status/comment-status';
import { PrismaService, Tx } from '../../../database/prisma.service';
import type { CommentStatus, DecisionAction, RejectionReason } from '../../../generated/prisma/enums';

export interface LockedComment {
  id: string;
  articleId: string;
  authorId: string;
  status: CommentStatus;
  revision: number;
  featured: boolean;
  assignedToId: string | null;
  assignedUntil: Date | null;
  appealOpen: boolean;
}

@Injectable()
export class DecisionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Locks every comment row that decisions on these comments write, before any write and in one
   * fixed order (path order: ancestors before descendants; ties by id): the comments, their
   * parents (reply counts) and, for decisions that hide or show a subtree, all descendants. Two
   * decisions sharing rows then queue on the first shared row instead of each holding a row the
   * other needs next: two opposite bulk decisions taking their rows item by item deadlocked.
   * The lock is FOR NO KEY UPDATE, the one an UPDATE of these rows takes anyway: FOR UPDATE also
   * waits for every transaction that only refers to a comment (the foreign-key check of a
   * notification, reaction or claim link holds KEY SHARE until commit), so a decision queued
   * behind the event relay's batch, and deadlocked when that batch then needed a row it held.
   */
  async lockForDecision(ids: string[], withSubtrees: boolean, tx: Tx): Promise<void> {
    await tx.$queryRaw`
      WITH RECURSIVE target AS (
        SELECT id, parent_id FROM comments WHERE id = ANY(${ids}::uuid[])
      ), sub AS (
        SELECT c.id FROM comments c WHERE ${withSubtrees}::boolean AND c.parent_id IN (SELECT id FROM target)
        UNION ALL
        SELECT c.id FROM comments c JOIN sub ON c.parent_id = sub.id
      )
      SELECT c.id FROM comments c
      WHERE c.id IN (SELECT id FROM target UNION SELECT parent_id FROM target UNION SELECT id FROM sub)
      ORDER BY c.path, c.id
      FOR NO KEY UPDATE OF c`;
  }

  /** The comment as the decision sees it, locked (a no-op when lockForDecision took it already). */
  async lock(id: string, tx: Tx): Promise<LockedComment | null> {
    const rows = await tx.$queryRaw<LockedComment[]>`
      SELECT id, article_id AS "articleId", author_id AS "authorId", status, revision, featured, claimed_by_id AS "assignedToId", claimed_until AS "assignedUntil",
             appeal_open AS "appealOpen"
      FROM comments WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
    return rows[0] ?? null;
  }

  async markDecided(id: string, featured: boolean, tx: Tx): Promise<void> {
    await tx.comment.update({ where: { id }, data: { decidedAt: new Date(), featured, assignedToId: null, assignedUntil: null } });
  }

  insertDecision(
    d: { commentId: string; revision: number; moderatorId: string; action: DecisionAction; reason: RejectionReason | null; message: string | null; from: CommentStatus; to: CommentStatus },
    tx: Tx,
  ) {
    return tx.moderationDecision.create({
      data: {
        commentId: d.commentId,
        revision: d.revision,
        moderatorId: d.moderatorId,
        action: d.action,
        reason: d.reason,
        message: d.message,
        fromStatus: d.from,
        toStatus: d.to,
      },
    });
  }

  latestDecision(commentId: string) {
    return this.prisma.moderationDecision.findFirst({ where: { commentId }, orderBy: { createdAt: 'desc' }, include: { appeal: true } });
  }

  findAuthor(commentId: string) {
    return this.prisma.comment.findUnique({ where: { id: commentId }, select: { authorId: true } });
  }

  createAppeal(decisionId: string, commentId: string, authorId: string, text: string, tx: Tx) {
    return tx.appeal.create({ data: { decisionId, commentId, authorId, text } });
  }

  async setAppealOpen(commentId: string, open: boolean, tx: Tx): Promise<void> {
    await tx.comment.update({ where: { id: commentId }, data: { appealOpen: open } });
  }

  /** Which comment an appeal is about, read before its transaction locks the comment. */
  findAppealComment(id: string) {
    return this.prisma.appeal.findUnique({ where: { id }, select: { commentId: true } });
  }

  /** Locks an appeal with the decision it appeals (after the comment: every decision locks comments first). */
  async lockAppeal(id: string, tx: Tx) {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM appeals WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.appeal.findUnique({ where: { id }, include: { decision: true } });
  }

  /** The comment's open appeal, locked, if it has one. */
  async lockOpenAppealOf(commentId: string, tx: Tx) {
    const rows = await tx.$queryRaw<{ id: string; decisionId: string; authorId: string }[]>`
      SELECT id, decision_id AS "decisionId", author_id AS "authorId" FROM appeals
      WHERE comment_id = ${commentId}::uuid AND status = 'OPEN' FOR UPDATE`;
    return rows[0] ?? null;
  }

  closeAppeal(id: string, status: 'UPHELD' | 'OVERTURNED', moderatorId: string, note: string | null, tx: Tx) {
    return tx.appeal.update({ where: { id }, data: { status, decidedById: moderatorId, decidedAt: new Date(), outcomeNote: note } });
  }

  /** The user's comments that are visible or held, for a ban that rejects them all. */
  findRejectableOf(authorId: string, tx: Tx) {
    return tx.comment.findMany({
      where: { authorId, status: { in: [...STATUS_SETS.live] } },
      select: { id: true, revision: true, status: true },
    });
  }
}
