import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../common/auth/principal';
import { isPubliclyVisible, statusAfterEdit } from '../../common/comment-status/comment-status';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Tx } from '../../database/prisma.service';
import { CommentStatus } from '../../generated/prisma/enums';
import type { StatusChangeCause } from '../events/domain-events';
import { EventsService } from '../events/events.service';
import { commentError } from './comments.errors';
import { toRevisionResponse } from './comments.mapper';
import { CommentsRepository } from './comments.repository';
import { CommentDto, CommentRevisionDto, CommentSourceDto, CreateCommentDto, EditCommentDto } from './dto/comment.dto';
import { CheckRun, CheckRunner } from './pipeline/check-runner';
import { sortScore } from './pipeline/scorer/scorer-set';
import { bodyLength, normalizeBody, renderBody } from './render/comment-body';
import { ThreadService } from './thread/thread.service';

const { REJECTED, DELETED } = CommentStatus;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Posting, editing and deleting comments. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly threads: ThreadService,
    private readonly checks: CheckRunner,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async post(author: Principal, articleId: string, dto: CreateCommentDto, idempotencyKey?: string): Promise<CommentDto> {
    const key = this.checkKey(idempotencyKey);
    const requestHash = createHash('sha256').update(JSON.stringify([articleId, dto.parentId ?? null, dto.body])).digest('hex');
    if (key) {
      const replay = await this.replay(author, key, requestHash);
      if (replay) return replay;
    }
    const source = normalizeBody(dto.body);
    const checks = await this.checks.run(source, bodyLength(source), articleId, author, null);
    const article = checks.article;
    this.refuseIfNeeded(checks, article);
    const id = randomUUID();
    const renderedHtml = renderBody(source);
    const outcome = await this.comments.insert({
      id,
      articleId: article.id,
      authorId: author.id,
      parentId: dto.parentId ?? null,
      status: checks.status,
      bodySource: source,
      bodyHtml: renderedHtml,
      idempotency: key ? { key, requestHash } : null,
      checkReasons: checks.reasons,
      systemFlag: checks.flags.length > 0,
      scorer: checks.scores,
      checkScore: sortScore(checks.scores),
      repeatWindowSeconds: this.config.moderation.repeatWindowSeconds,
    });
    if (outcome.kind === 'parent-unavailable') return this.explainParent(dto.parentId as string, article.id);
    if (outcome.kind === 'duplicate-key') {
      const replay = await this.replay(author, key as string, requestHash);
      if (replay) return replay;
      return this.threads.getOneForViewer(id, author, checks.message);
    }
    // Committed with the comment; consumers (the desk attaching repeated claims, …) take it from here.
    await this.events.committed([outcome.event]);
    // The insert returned what the row needs; no second round trip to read it back.
    const view = this.threads.toAuthorView(
      {
        id,
        articleId: article.id,
        authorId: author.id,
        parentId: dto.parentId ?? null,
        rootId: outcome.rootId,
        depth: outcome.depth,
        path: outcome.path,
        status: outcome.status,
        bodyHtml: renderedHtml,
        revision: 1,
        editedAt: null,
        createdAt: outcome.createdAt,
        replyCount: 0,
        respectCount: 0,
        disagreeCount: 0,
        hiddenAncestors: 0,
        authorName: author.displayName,
        authorRole: author.role,
        authorDeleted: false,
        checkReasons: outcome.checkReasons,
        labeled: false,
        featured: false,
        decidedAt: null,
      },
      author,
      checks.message,
    );
    return { ...view, source };
  }

  /**
   * An edit within the window: a new revision, checked again like a new comment. The new text
   * has had no human decision, so an approved comment goes back to unreviewed; a held comment
   * stays held however clean the edit (editing must not be a way out of review).
   */
  async edit(author: Principal, id: string, dto: EditCommentDto): Promise<CommentDto> {
    const source = normalizeBody(dto.body);
    const current = await this.comments.findForWrite(id);
    if (!current) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    const checks = await this.checks.run(source, bodyLength(source), current.articleId, author, id);
    if (checks.refuse && checks.refuse.code !== 'COMMENTS_CLOSED') this.refuseIfNeeded(checks, checks.article);
    await this.events.transaction(async (tx) => {
      const comment = await this.ownComment(author, id, tx);
      const ageMs = Date.now() - comment.createdAt.getTime();
      if (ageMs > this.config.commentEditWindowSeconds * 1000) {
        throw commentError('EDIT_WINDOW_CLOSED', `Comments can be edited for ${this.config.commentEditWindowSeconds} seconds after posting.`);
      }
      if (comment.status === REJECTED || comment.status === DELETED) {
        throw commentError('COMMENT_NOT_EDITABLE', 'A removed or deleted comment cannot be edited.');
      }
      const ok = await this.comments.addRevision(id, { revision: comment.revision, status: comment.status }, source, renderBody(source), tx);
      if (!ok) throw commentError('COMMENT_CHANGED', 'The comment changed while you were editing; reload it and try again.');
      const next = statusAfterEdit(comment.status, checks.status);
      if (next !== comment.status && !(await this.changeStatus(id, comment.status, next, tx, 'edit'))) {
        throw commentError('COMMENT_CHANGED', 'The comment changed while you were editing; reload it and try again.');
      }
      await this.comments.recordChecks(id, comment.revision + 1, next, checks.reasons, checks.scores, sortScore(checks.scores), tx);
      const base = { commentId: id, articleId: comment.articleId, authorId: comment.authorId, parentId: comment.parentId };
      const visible = isPubliclyVisible({ status: next, hiddenAncestors: comment.hiddenAncestors });
      await this.events.record(tx, { type: 'comment.edited', payload: { ...base, visible, revision: comment.revision + 1, status: next } });
    });
    return { ...(await this.threads.getOneForViewer(id, author, checks.message)), source };
  }

  /** The Markdown source of the author's own comment, to edit it; nobody else's (404, as for a comment that is not there). */
  async source(author: Principal, id: string): Promise<CommentSourceDto> {
    const row = await this.comments.findSource(id);
    if (!row || row.authorId !== author.id || row.status === DELETED) throw commentError('COMMENT_NOT_FOUND', 'No comment of yours with this id.');
    const editableUntil = new Date(row.createdAt.getTime() + this.config.commentEditWindowSeconds * 1000);
    const editable = row.status !== REJECTED && editableUntil.getTime() > Date.now();
    return { id: row.id, revision: row.revision, body: row.bodySource, editable, editableUntil: editableUntil.toISOString() };
  }

  /** The author's delete: a tombstone while the comment has replies, gone from view otherwise. */
  async delete(author: Principal, id: string): Promise<void> {
    await this.events.transaction(async (tx) => {
      const comment = await this.ownComment(author, id, tx);
      if (comment.status === DELETED) return;
      if (comment.status === REJECTED) throw commentError('COMMENT_NOT_EDITABLE', 'A removed comment cannot be deleted.');
      const ok = await this.changeStatus(id, comment.status, DELETED, tx, 'author');
      if (!ok) throw commentError('COMMENT_CHANGED', 'The comment changed meanwhile; try again.');
    });
  }

  async revisions(id: string): Promise<CommentRevisionDto[]> {
    const rows = await this.comments.findRevisions(id);
    if (rows.length === 0) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    return rows.map(toRevisionResponse);
  }

  /**
   * For moderation, flags and account deletion: a status change with exact counts and its event
   * (comment.deleted for a deletion, comment.status_changed otherwise), in the caller's transaction.
   */
  async changeStatus(id: string, from: CommentStatus, to: CommentStatus, tx: Tx, cause: StatusChangeCause): Promise<boolean> {
    const changed = await this.comments.changeStatus(id, from, to, tx);
    if (!changed) return false;
    const base = { commentId: id, articleId: changed.articleId, authorId: changed.authorId, parentId: changed.parentId };
    const wasVisible = isPubliclyVisible({ status: from, hiddenAncestors: changed.hiddenAncestors });
    const visible = isPubliclyVisible({ status: to, hiddenAncestors: changed.hiddenAncestors });
    if (to === DELETED) {
      await this.events.record(tx, { type: 'comment.deleted', payload: { ...base, visible, wasVisible, byErasure: cause === 'erasure' } });
    } else {
      await this.events.record(tx, { type: 'comment.status_changed', payload: { ...base, visible, wasVisible, from, to, cause } });
    }
    return true;
  }

  /** Account erasure: comments become tombstones without text. */
  async eraseAllBy(authorId: string, tx: Tx): Promise<void> {
    for (const c of await this.comments.idsOfVisibleBy(authorId, tx)) {
      await this.changeStatus(c.id, c.status, DELETED, tx, 'erasure');
    }
    await this.comments.eraseBodiesOf(authorId, tx);
  }

  private async ownComment(author: Principal, id: string, tx: Tx) {
    const comment = await this.comments.findForWrite(id, tx);
    if (!comment) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    if (comment.authorId !== author.id) throw commentError('NOT_YOUR_COMMENT', 'Only the author can change this comment.');
    return comment;
  }

  /** Turns a check that refuses the request into its error; nothing has been stored. */
  private refuseIfNeeded(checks: CheckRun, article: { commentsOpen: boolean }): void {
    const refuse = checks.refuse;
    if (!refuse) return;
    if (refuse.code === 'COMMENTS_CLOSED') {
      throw commentError('COMMENTS_CLOSED', refuse.message, { reason: article.commentsOpen ? 'CLOSING_TIME' : 'DISABLED' });
    }
    throw commentError(refuse.code, refuse.message, { errors: [{ field: 'body', message: refuse.message }] });
  }

  private checkKey(key: string | undefined): string | null {
    if (key === undefined) return null;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw commentError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 8 to 128 letters, digits or _.:- characters.');
    }
    return key;
  }

  /** A retry with a known key returns the first result; the same key with another request is refused. */
  private async replay(author: Principal, key: string, requestHash: string): Promise<CommentDto | null> {
    const stored = await this.comments.findIdempotencyKey(author.id, key);
    if (!stored) return null;
    if (stored.requestHash !== requestHash) {
      throw commentError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
    }
    return stored.commentId ? this.threads.getOneForViewer(stored.commentId, author) : null;
  }

  private async explainParent(parentId: string, articleId: string): Promise<never> {
    const parent = await this.comments.findParentState(parentId);
    if (!parent || parent.articleId !== articleId) {
      throw commentError('PARENT_NOT_FOUND', 'The comment replied to does not exist on this article.');
    }
    const reason = parent.status === REJECTED || parent.hiddenAncestors > 0 ? 'it was removed' : 'it is not visible';
    throw commentError('PARENT_UNAVAILABLE', `You cannot reply to this comment: ${reason}.`);
  }
}
