import { Injectable } from '@nestjs/common';
import { statusSql } from '../../../common/comment-status/comment-status';
import { runHot } from '../../../database/hot-statement';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';
import { CommentStatus, type NoteRatingValue, type NoteStatus } from '../../../generated/prisma/enums';

/** Advisory lock key so that one instance at a time runs the scoring job. */
const SCORING_LOCK = 7_105_001;

@Injectable()
export class NotesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** What decides whether a comment's notes are shown, and whether it may get notes. */
  findTarget(commentId: string, tx: Tx = this.prisma) {
    return tx.comment.findUnique({
      where: { id: commentId },
      select: { id: true, authorId: true, status: true, hiddenAncestors: true, misinfoFlagCount: true, openFlagCount: true, labeled: true },
    });
  }

  /**
   * Share-locks the comment a note write depends on, so a write and a decision hiding the
   * comment take turns (a note or rating never lands on a comment removed meanwhile).
   */
  async lockCommentForNoteWrite(commentId: string, tx: Tx): Promise<void> {
    await tx.$queryRaw`SELECT 1 FROM comments WHERE id = ${commentId}::uuid FOR SHARE`;
  }

  async authorStanding(userId: string): Promise<{ createdAt: Date; approved: number }> {
    const rows = await this.prisma.$queryRaw<{ createdAt: Date; approved: number }[]>`
      SELECT u.created_at AS "createdAt",
             (SELECT count(*)::int FROM (SELECT 1 FROM comments c WHERE c.author_id = u.id AND c.status = ${Prisma.raw(statusSql(CommentStatus.APPROVED))} LIMIT 1000) a) AS approved
      FROM users u WHERE u.id = ${userId}::uuid`;
    return rows[0];
  }

  /** A note on a comment or (with `on.claimId`) on a claim: exactly one of the two. */
  create(on: { commentId: string } | { claimId: string }, authorId: string, text: string, sources: unknown, tx: Tx) {
    return tx.contextNote.create({ data: { ...on, authorId, text, sources: sources as Prisma.InputJsonValue } });
  }

  /** A comment's notes page: its own notes and the notes on every claim it is linked to. */
  listFor(commentId: string) {
    return this.prisma.contextNote.findMany({
      where: { OR: [{ commentId }, { claim: { comments: { some: { commentId } } } }] },
      include: { _count: { select: { ratings: true } } },
      orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
    });
  }

  listForClaim(claimId: string) {
    return this.prisma.contextNote.findMany({
      where: { claimId },
      include: { _count: { select: { ratings: true } } },
      orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
    });
  }

  /**
   * A claim readers may see and write notes on: one the desk has published, with a verdict or an
   * external fact-check (a claim still being worked on is the desk's own).
   */
  async findPublishedClaim(claimId: string, tx: Tx = this.prisma): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM claims WHERE id = ${claimId}::uuid AND (current_verdict_id IS NOT NULL OR external_review_url IS NOT NULL) FOR SHARE`;
    return rows.length === 1;
  }

  findNote(id: string, tx: Tx = this.prisma) {
    return tx.contextNote.findUnique({ where: { id }, select: { id: true, authorId: true, commentId: true, claimId: true } });
  }

  async rate(noteId: string, raterId: string, value: NoteRatingValue, tx: Tx): Promise<void> {
    await tx.noteRating.upsert({
      where: { noteId_raterId: { noteId, raterId } },
      create: { noteId, raterId, value },
      update: { value, updatedAt: new Date() },
    });
  }

  /**
   * Every rating, oldest change first, with its time as epoch milliseconds: the rows go to the scorer
   * as they are. Raw SQL because a Date per row nearly doubled the heap this takes (~150 MB more per
   * million ratings, against the service's 192 MB heap cap); pg hands float8 over as a number.
   * A hot statement for its memory, not its frequency: the rows go from pg straight to the scorer.
   */
  allRatings(): Promise<{ noteId: string; raterId: string; value: NoteRatingValue; ratedAt: number }[]> {
    return runHot<{ noteId: string; raterId: string; value: NoteRatingValue; ratedAt: number }>(this.prisma, {
      name: 'note-ratings-all',
      bench: 'bench/note-scoring.bench.ts',
      text: `SELECT note_id AS "noteId", rater_id AS "raterId", value::text AS value, (extract(epoch FROM updated_at) * 1000)::float8 AS "ratedAt"
       FROM note_ratings ORDER BY updated_at`,
      values: [],
    });
  }

  /** Every note with what the scorer needs besides ratings: author, age, current status. */
  /** The article of each comment, for the events of a scoring run. */
  async articlesOf(commentIds: string[], tx: Tx): Promise<Map<string, string>> {
    const rows = await tx.comment.findMany({ where: { id: { in: commentIds } }, select: { id: true, articleId: true } });
    return new Map(rows.map((r) => [r.id, r.articleId]));
  }

  allNoteStatuses() {
    return this.prisma.contextNote.findMany({ select: { id: true, status: true, commentId: true, claimId: true, authorId: true, createdAt: true, statusChangedAt: true } });
  }

  /** When each note last became HELPFUL or NOT_HELPFUL, for notes that ever did. */
  lastLabelTimes() {
    return this.prisma.noteStatusChange.groupBy({ by: ['noteId'], where: { toStatus: { not: 'NEEDS_MORE_RATINGS' } }, _max: { createdAt: true } });
  }

  /** Runs work while holding the job's advisory lock; returns null when another instance holds it. */
  async withScoringLock<T>(work: (tx: Tx) => Promise<T>): Promise<T | null> {
    return this.prisma.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SCORING_LOCK}::bigint) AS locked`;
        return locked ? work(tx) : null;
      },
      { timeout: 120_000 },
    );
  }

  startRun(trigger: string, ratings: number, notes: number, tx: Tx) {
    return tx.noteScoringRun.create({ data: { trigger, ratings, notes, changed: 0 } });
  }

  async finishRun(id: string, changed: number, tx: Tx): Promise<void> {
    await tx.noteScoringRun.update({ where: { id }, data: { changed, finishedAt: new Date() } });
  }

  async setScore(id: string, status: NoteStatus, intercept: number | null, factor: number | null, changedFrom: NoteStatus | null, runId: string, tx: Tx) {
    await tx.contextNote.update({
      where: { id },
      data: { status, intercept, factor, ...(changedFrom ? { statusChangedAt: new Date() } : {}) },
    });
    if (changedFrom) await tx.noteStatusChange.create({ data: { noteId: id, fromStatus: changedFrom, toStatus: status, runId } });
  }

}
