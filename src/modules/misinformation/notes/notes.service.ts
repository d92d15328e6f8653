import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { isPubliclyVisible } from '../../../common/comment-status/comment-status';
import { AppError } from '../../../common/errors/app-error';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import type { NoteStatus } from '../../../generated/prisma/enums';
import { AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { MetricsService } from '../../metrics/metrics.service';
import { ClaimsRepository } from '../desk/claims.repository';
import { NoteInfo, scoreNotesAsync } from '../scoring/note-scoring';
import { CreateNoteDto, NoteDto, NoteListDto, NoteRatingDto, NoteScoringRunDto, RateNoteDto } from './dto/note.dto';
import { isShownTo } from './note-visibility';
import { noteError } from './notes.errors';
import { toNoteListItemResponse, toNoteResponse } from './notes.mapper';
import { NotesRepository } from './notes.repository';

const DAY_MS = 86_400_000;

/**
 * Community context notes: readers in good standing write notes on flagged or labelled
 * comments; others rate them; a scoring job (scheduled, and on demand) applies the bridging
 * model and records every status change. Only notes scored helpful appear under the comment.
 */
@Injectable()
export class NotesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotesService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: EventsService,
    private readonly notes: NotesRepository,
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.moderation.notesScoringIntervalMinutes;
    if (minutes === 0) return;
    // Every instance schedules the job; an advisory lock lets one run at a time.
    this.timer = setInterval(() => {
      this.score('schedule').catch((err: unknown) => this.logger.warn(`note scoring failed: ${err instanceof Error ? err.message : err}`));
    }, minutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async create(author: Principal, commentId: string, dto: CreateNoteDto): Promise<NoteDto> {
    const standing = await this.notes.authorStanding(author.id);
    const note = await this.events.transaction(async (tx) => {
      await this.notes.lockCommentForNoteWrite(commentId, tx);
      const target = await this.notes.findTarget(commentId, tx);
      // A comment that is not public takes no notes, like it takes no flags or reactions.
      if (!target || !isPubliclyVisible(target)) throw noteError('COMMENT_NOT_FOUND', 'No such comment.');
      if (target.misinfoFlagCount === 0 && target.openFlagCount === 0 && !target.labeled) {
        throw noteError('NOTES_NOT_OPEN', 'Notes can be written on comments that are reported or labelled.');
      }
      this.requireGoodStanding(standing);
      return this.notes.create({ commentId }, author.id, dto.text.trim(), dto.sources, tx);
    });
    return toNoteResponse(note);
  }

  /**
   * A note on a claim the desk has published (with a verdict or an external fact-check): once
   * scored helpful it is shown under every comment linked to the claim, on every article.
   */
  async createOnClaim(author: Principal, claimId: string, dto: CreateNoteDto): Promise<NoteDto> {
    const standing = await this.notes.authorStanding(author.id);
    const note = await this.events.transaction(async (tx) => {
      if (!(await this.notes.findPublishedClaim(claimId, tx))) throw noteError('CLAIM_NOT_FOUND', 'No such claim.');
      this.requireGoodStanding(standing);
      return this.notes.create({ claimId }, author.id, dto.text.trim(), dto.sources, tx);
    });
    return toNoteResponse(note);
  }

  private requireGoodStanding(standing: { createdAt: Date; approved: number }): void {
    const s = this.config.moderation;
    const ageDays = (Date.now() - standing.createdAt.getTime()) / DAY_MS;
    if (ageDays < s.notesMinAccountDays || standing.approved < s.notesMinApproved) {
      throw noteError('NOT_IN_GOOD_STANDING', `Writing notes needs an account at least ${s.notesMinAccountDays} days old with ${s.notesMinApproved} approved comments.`);
    }
  }

  /** The notes page of a published claim: every note on it with its status. */
  async listForClaim(claimId: string): Promise<NoteListDto> {
    if (!(await this.notes.findPublishedClaim(claimId))) throw noteError('CLAIM_NOT_FOUND', 'No such claim.');
    const rows = await this.notes.listForClaim(claimId);
    return { items: rows.map(toNoteListItemResponse) };
  }

  /** The notes page of a comment: every note with its status, for whoever may see the comment. */
  async list(commentId: string, viewer?: Principal): Promise<NoteListDto> {
    const target = await this.notes.findTarget(commentId);
    if (!target || !isShownTo(target, viewer)) throw noteError('COMMENT_NOT_FOUND', 'No such comment.');
    const rows = await this.notes.listFor(commentId);
    return { items: rows.map(toNoteListItemResponse) };
  }

  /**
   * A rating, while the note's comment is public (a removed comment's notes are gone with it), or
   * while the note's claim is published.
   */
  async rate(rater: Principal, noteId: string, dto: RateNoteDto): Promise<NoteRatingDto> {
    const found = await this.notes.findNote(noteId);
    if (!found) throw noteError('NOTE_NOT_FOUND', 'No such note.');
    await this.events.transaction(async (tx) => {
      if (found.commentId) {
        await this.notes.lockCommentForNoteWrite(found.commentId, tx);
        const target = await this.notes.findTarget(found.commentId, tx);
        if (!target || !isPubliclyVisible(target)) throw noteError('NOTE_NOT_FOUND', 'No such note.');
      } else if (!found.claimId || !(await this.notes.findPublishedClaim(found.claimId, tx))) {
        throw noteError('NOTE_NOT_FOUND', 'No such note.');
      }
      if (found.authorId === rater.id) throw noteError('OWN_NOTE', 'You cannot rate your own note.');
      await this.notes.rate(noteId, rater.id, dto.value, tx);
    });
    return { noteId, value: dto.value };
  }

  /** One scoring run over all ratings; records each status change and audits the run. */
  async score(trigger: 'schedule' | 'manual'): Promise<NoteScoringRunDto> {
    const end = this.metrics.scoringDuration.startTimer();
    try {
      const outcome = await this.scoreOnce(trigger);
      this.metrics.scoringRuns.inc({ trigger, outcome: 'ok' });
      return outcome;
    } catch (err) {
      const busy = err instanceof AppError && err.code === 'SCORING_BUSY';
      this.metrics.scoringRuns.inc({ trigger, outcome: busy ? 'busy' : 'error' });
      throw err;
    } finally {
      end();
    }
  }

  private async scoreOnce(trigger: 'schedule' | 'manual'): Promise<NoteScoringRunDto> {
    const ratings = await this.notes.allRatings();
    const current = await this.notes.allNoteStatuses();
    const labelled = new Map((await this.notes.lastLabelTimes()).map((l) => [l.noteId, l._max.createdAt]));
    const s = this.config.moderation;
    // The async scorer hands the event loop back every few ms: a large site's run takes seconds.
    const result = await scoreNotesAsync(
      ratings,
      { minRatingsPerRater: s.notesMinRatingsPerRater, minMinorityNetHelpful: s.notesMinMinorityHelpful, validRatingHours: s.notesValidRatingHours },
      current.map((n): NoteInfo => ({ noteId: n.id, authorId: n.authorId, createdAt: n.createdAt, labelledAt: lastLabelled(n, labelled.get(n.id)), status: n.status })),
    );
    const byId = new Map(result.scores.map((sc) => [sc.noteId, sc]));
    const outcome = await this.notes.withScoringLock(async (tx) => {
      const run = await this.notes.startRun(trigger, ratings.length, current.length, tx);
      const touched: string[] = [];
      const touchedClaims: string[] = [];
      const changes: { noteId: string; commentId: string; from: NoteStatus; to: NoteStatus }[] = [];
      let changed = 0;
      for (const note of current) {
        const sc = byId.get(note.id);
        const status = sc?.status ?? 'NEEDS_MORE_RATINGS';
        const from = status !== note.status ? note.status : null;
        if (from) {
          changed += 1;
          if (note.commentId) {
            touched.push(note.commentId);
            changes.push({ noteId: note.id, commentId: note.commentId, from, to: status });
          }
          if (note.claimId) {
            touchedClaims.push(note.claimId);
            // A claim's note changes what every comment linked to the claim shows: one event per comment.
            for (const commentId of await this.claims.commentIdsOf(note.claimId, tx)) changes.push({ noteId: note.id, commentId, from, to: status });
          }
        }
        await this.notes.setScore(note.id, status, sc?.intercept ?? null, sc?.factor ?? null, from, run.id, tx);
      }
      // A claim's note changes what every comment linked to the claim shows.
      if (touchedClaims.length > 0) touched.push(...(await this.claims.commentIdsOfClaims([...new Set(touchedClaims)], tx)));
      await this.claims.refreshLabeled([...new Set(touched)], tx);
      const articles = await this.notes.articlesOf([...new Set(touched)], tx);
      for (const c of changes) {
        await this.events.record(tx, { type: 'note.status_changed', payload: { ...c, articleId: articles.get(c.commentId) as string } });
      }
      await this.notes.finishRun(run.id, changed, tx);
      await this.audit.record({ kind: 'NOTES_SCORED', actorId: null, data: { runId: run.id, trigger, notes: current.length, changed } }, tx);
      return { runId: run.id, ratings: ratings.length, notes: current.length, changed };
    });
    if (!outcome) throw noteError('SCORING_BUSY', 'Another instance is scoring notes right now.');
    // The run committed its note.status_changed events (under the scoring lock, not through events.transaction).
    if (outcome.changed > 0) await this.events.committed();
    return outcome;
  }

}

/** The latest time a note got a label: its current one, or the last in its history. */
function lastLabelled(note: { status: string; statusChangedAt: Date }, fromHistory: Date | null | undefined): Date | null {
  const current = note.status !== 'NEEDS_MORE_RATINGS' ? note.statusChangedAt : null;
  if (!current || !fromHistory) return current ?? fromHistory ?? null;
  return current > fromHistory ? current : fromHistory;
}
