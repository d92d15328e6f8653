import type { CommentRevisionDto } from './dto/comment.dto';

export function toRevisionResponse(r: { revision: number; bodySource: string; bodyHtml: string; createdAt: Date }): CommentRevisionDto {
  return { revision: r.revision, body: r.bodySource, html: r.bodyHtml, createdAt: r.createdAt.toISOString() };
}
