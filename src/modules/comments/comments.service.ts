import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Principal } from '../../common/auth/principal';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService, Tx } from '../../database/prisma.service';
import type { CommentStatus } from '../../generated/prisma/enums';
import { ArticlesService } from '../articles/articles.service';
import { commentsOpenAt } from '../articles/articles.mapper';
import { CommentDto, CommentRevisionDto, CreateCommentDto, EditCommentDto } from './dto/comment.dto';
import { commentError } from './comments.errors';
import { CommentsRepository } from './comments.repository';
import { bodyLength, normalizeBody, renderBody } from './render/comment-body';
import { ThreadService } from './thread.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Posting, editing and deleting comments. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly comments: CommentsRepository,
    private readonly articles: ArticlesService,
    private readonly threads: ThreadService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async post(author: Principal, articleId: string, dto: CreateCommentDto, idempotencyKey?: string): Promise<CommentDto> {
    const key = this.checkKey(idempotencyKey);
    const requestHash = createHash('sha256').update(JSON.stringify([articleId, dto.parentId ?? null, dto.body])).digest('hex');
    if (key) {
      const replay = await this.replay(author, key, requestHash);
      if (replay) return replay;
    }
    const article = await this.articles.findRow(articleId);
    if (!commentsOpenAt(article, new Date())) {
      const reason = article.commentsOpen ? `closed at ${article.commentsCloseAt?.toISOString()}` : 'closed by the editors';
      throw commentError('COMMENTS_CLOSED', `Comments on this article are ${reason}.`, { reason: article.commentsOpen ? 'CLOSING_TIME' : 'DISABLED' });
    }
    const body = this.prepareBody(dto.body);
    const status: CommentStatus = article.moderationMode === 'PRE' || author.premoderated ? 'PENDING' : 'PUBLISHED';
    const id = randomUUID();
    const outcome = await this.comments.insert({
      id,
      articleId: article.id,
      authorId: author.id,
      parentId: dto.parentId ?? null,
      status,
      bodySource: body.source,
      bodyHtml: body.html,
      idempotency: key ? { key, requestHash } : null,
    });
    if (outcome === 'parent-unavailable') await this.explainParent(dto.parentId as string, article.id);
    if (outcome === 'duplicate-key') {
      const replay = await this.replay(author, key as string, requestHash);
      if (replay) return replay;
    }
    return this.threads.getOneForViewer(id, author);
  }

  async edit(author: Principal, id: string, dto: EditCommentDto): Promise<CommentDto> {
    const body = this.prepareBody(dto.body);
    await this.prisma.$transaction(async (tx) => {
      const comment = await this.ownComment(author, id, tx);
      const ageMs = Date.now() - comment.createdAt.getTime();
      if (ageMs > this.config.commentEditWindowSeconds * 1000) {
        throw commentError('EDIT_WINDOW_CLOSED', `Comments can be edited for ${this.config.commentEditWindowSeconds} seconds after posting.`);
      }
      if (comment.status === 'REJECTED' || comment.status === 'DELETED') {
        throw commentError('COMMENT_NOT_EDITABLE', 'A removed or deleted comment cannot be edited.');
      }
      const ok = await this.comments.addRevision(id, comment.revision, body.source, body.html, tx);
      if (!ok) throw commentError('COMMENT_CHANGED', 'The comment changed while you were editing; reload it and try again.');
    });
    return this.threads.getOneForViewer(id, author);
  }

  /** The author's delete: a tombstone while the comment has replies, gone from view otherwise. */
  async delete(author: Principal, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const comment = await this.ownComment(author, id, tx);
      if (comment.status === 'DELETED') return;
      if (comment.status === 'REJECTED') throw commentError('COMMENT_NOT_EDITABLE', 'A removed comment cannot be deleted.');
      const ok = await this.comments.changeStatus(id, comment.status, 'DELETED', tx);
      if (!ok) throw commentError('COMMENT_CHANGED', 'The comment changed meanwhile; try again.');
    });
  }

  async revisions(id: string): Promise<CommentRevisionDto[]> {
    const rows = await this.comments.findRevisions(id);
    if (rows.length === 0) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    return rows.map((r) => ({ revision: r.revision, body: r.bodySource, html: r.bodyHtml, createdAt: r.createdAt.toISOString() }));
  }

  /** For moderation and account deletion: a status change with exact counts, in the caller's transaction. */
  changeStatus(id: string, from: CommentStatus, to: CommentStatus, tx: Tx): Promise<boolean> {
    return this.comments.changeStatus(id, from, to, tx);
  }

  /** Account erasure: comments become tombstones without text. */
  async eraseAllBy(authorId: string, tx: Tx): Promise<void> {
    for (const c of await this.comments.idsOfVisibleBy(authorId, tx)) {
      await this.comments.changeStatus(c.id, c.status, 'DELETED', tx);
    }
    await this.comments.eraseBodiesOf(authorId, tx);
  }

  private async ownComment(author: Principal, id: string, tx: Tx) {
    const comment = await this.comments.findForWrite(id, tx);
    if (!comment) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    if (comment.authorId !== author.id) throw commentError('NOT_YOUR_COMMENT', 'Only the author can change this comment.');
    return comment;
  }

  private prepareBody(raw: string): { source: string; html: string } {
    const source = normalizeBody(raw);
    const length = bodyLength(source);
    if (length === 0) throw commentError('BODY_EMPTY', 'The comment is empty.', { errors: [{ field: 'body', message: 'body is empty' }] });
    if (length > this.config.commentMaxLength) {
      throw commentError('BODY_TOO_LONG', `Comments are limited to ${this.config.commentMaxLength} characters (this one has ${length}).`, {
        errors: [{ field: 'body', message: `body must be at most ${this.config.commentMaxLength} characters` }],
      });
    }
    return { source, html: renderBody(source) };
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
    const reason = parent.status === 'REJECTED' || parent.hiddenAncestors > 0 ? 'it was removed' : 'it is not visible';
    throw commentError('PARENT_UNAVAILABLE', `You cannot reply to this comment: ${reason}.`);
  }
}
