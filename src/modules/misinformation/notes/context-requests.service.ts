import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { isPubliclyVisible } from '../../../common/comment-status/comment-status';
import { PrismaService } from '../../../database/prisma.service';
import { ContextRequestsRepository } from './context-requests.repository';
import { ContextRequestDto, MyContextRequestsDto, RequestedCommentsDto } from './dto/context-request.dto';
import { noteError } from './notes.errors';
import { toRequestedCommentResponse } from './notes.mapper';
import { NotesRepository } from './notes.repository';

/**
 * "This needs a note": a reader asks for context on a public comment, once per comment, and may
 * withdraw it. The counts rank the desk queue and the list note writers work from.
 */
@Injectable()
export class ContextRequestsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly requests: ContextRequestsRepository,
    private readonly notes: NotesRepository,
  ) {}

  /** Asks (requested = true) or withdraws (false); either is idempotent. */
  async set(reader: Principal, commentId: string, requested: boolean): Promise<ContextRequestDto> {
    const requests = await this.prisma.$transaction(async (tx) => {
      // The same lock as note writes: a request never lands on a comment removed meanwhile.
      await this.notes.lockCommentForNoteWrite(commentId, tx);
      const target = await this.notes.findTarget(commentId, tx);
      if (!target || !isPubliclyVisible(target)) throw noteError('COMMENT_NOT_FOUND', 'No such comment.');
      if (requested) await this.requests.add(commentId, reader.id, tx);
      else await this.requests.remove(commentId, reader.id, tx);
      return this.requests.countFor(commentId, tx);
    });
    return { commentId, requested, requests };
  }

  /** The reader's own requests on an article's public comments (an unknown article has none). */
  async mineOnArticle(reader: Principal, articleId: string): Promise<MyContextRequestsDto> {
    return { commentIds: await this.requests.findAskedOnArticle(articleId, reader.id) };
  }

  async mostRequested(limit: number): Promise<RequestedCommentsDto> {
    const rows = await this.requests.mostRequested(limit);
    return { items: rows.map(toRequestedCommentResponse) };
  }
}
