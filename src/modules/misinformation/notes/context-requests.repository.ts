import { Injectable } from '@nestjs/common';
import { publiclyVisibleSql } from '../../../common/comment-status/comment-status';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';

export interface RequestedCommentRow {
  id: string;
  articleId: string;
  title: string;
  bodyHtml: string;
  createdAt: Date;
  requests: number;
  notes: number;
}

/** Readers' requests for context on comments ("this needs a note"). */
@Injectable()
export class ContextRequestsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Records the request; a repeat changes nothing. */
  async add(commentId: string, userId: string, tx: Tx): Promise<void> {
    await tx.$executeRaw`INSERT INTO context_requests (comment_id, user_id) VALUES (${commentId}::uuid, ${userId}::uuid) ON CONFLICT DO NOTHING`;
  }

  /** Withdraws the request; withdrawing one never made changes nothing. */
  async remove(commentId: string, userId: string, tx: Tx): Promise<void> {
    await tx.$executeRaw`DELETE FROM context_requests WHERE comment_id = ${commentId}::uuid AND user_id = ${userId}::uuid`;
  }

  /** The public comments of an article on which this reader asked for context. */
  async findAskedOnArticle(articleId: string, userId: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM context_requests r JOIN comments c ON c.id = r.comment_id
      WHERE r.user_id = ${userId}::uuid AND c.article_id = ${articleId}::uuid AND ${Prisma.raw(publiclyVisibleSql('c'))}
      ORDER BY c.id`;
    return rows.map((r) => r.id);
  }

  countFor(commentId: string, tx: Tx): Promise<number> {
    return tx.contextRequest.count({ where: { commentId } });
  }

  /** Public comments with requests, most requested first (then the most recently requested). */
  mostRequested(limit: number) {
    return this.prisma.$queryRaw<RequestedCommentRow[]>`
      WITH counts AS (SELECT comment_id, count(*)::int AS requests, max(created_at) AS last FROM context_requests GROUP BY comment_id)
      SELECT c.id, c.article_id AS "articleId", a.title, c.body_html AS "bodyHtml", c.created_at AS "createdAt", k.requests,
             (SELECT count(*)::int FROM context_notes n WHERE n.comment_id = c.id) AS notes
      FROM counts k JOIN comments c ON c.id = k.comment_id JOIN articles a ON a.id = c.article_id
      WHERE ${Prisma.raw(publiclyVisibleSql('c'))}
      ORDER BY k.requests DESC, k.last DESC, c.id LIMIT ${limit}::int`;
  }
}
