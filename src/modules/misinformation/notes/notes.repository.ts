import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';
import type { NoteRatingValue, NoteStatus } from '../../../generated/prisma/enums';

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
    const { rows } = await this.prisma.pool.query<{ created_at: Date; approved: number }>(
      `SELECT u.created_at, (SELECT count(*)::int FROM (SELECT 1 FROM comments c WHERE c.author_id = u.id AND c.status = 'APPROVED' LIMIT 1000) a) AS approved
       FROM users u WHERE u.id = $1`,
      [userId],
    );
    return { createdAt: rows[0].created_at, approved: rows[0].approved };
  }

  create(commentId: string, authorId: string, text: string, sources: unknown, tx: Tx) {
    return tx.contextNote.create({ data: { commentId, authorId, text, sources: sources as Prisma.InputJsonValue } });
  }

  listFor(commentId: string) {
    return this.prisma.contextNote.findMany({
      where: { commentId },
      include: { _count: { select: { ratings: true } } },
      orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
    });
  }

  findNote(id: string, tx: Tx = this.prisma) {
    return tx.contextNote.findUnique({ where: { id }, select: { id: true, authorId: true, commentId: true } });
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
   */
  async allRatings(): Promise<{ noteId: string; raterId: string; value: NoteRatingValue; ratedAt: number }[]> {
    const { rows } = await this.prisma.pool.query<{ noteId: string; raterId: string; value: NoteRatingValue; ratedAt: number }>(
      `SELECT note_id AS "noteId", rater_id AS "raterId", value::text AS value, (extract(epoch FROM updated_at) * 1000)::float8 AS "ratedAt"
       FROM note_ratings ORDER BY updated_at`,
    );
    return rows;
  }

  /** Every note with what the scorer needs besides ratings: author, age, current status. */
  /** The article of each comment, for the events of a scoring run. */
  async articlesOf(commentIds: string[], tx: Tx): Promise<Map<string, string>> {
    const rows = await tx.comment.findMany({ where: { id: { in: commentIds } }, select: { id: true, articleId: true } });
    return new Map(rows.map((r) => [r.id, r.articleId]));
  }

  allNoteStatuses() {
    return this.prisma.contextNote.findMany({ select: { id: true, status: true, commentId: true, authorId: true, createdAt: true, statusChangedAt: true } });
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
