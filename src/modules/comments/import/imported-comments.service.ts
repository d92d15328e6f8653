import { Injectable } from '@nestjs/common';
import { Tx } from '../../../database/prisma.service';
import { bodyLength, normalizeBody, renderBody } from '../render/comment-body';
import { ImportedComment, ImportedCommentsRepository } from './imported-comments.repository';

export type { ImportedComment } from './imported-comments.repository';

/**
 * What the comments module offers an import: the same body cleaning and rendering as a new
 * comment, and batch writes that keep every count exact. Parents must be written before their
 * replies (in an earlier batch), as the import does level by level.
 */
@Injectable()
export class ImportedCommentsService {
  constructor(private readonly comments: ImportedCommentsRepository) {}

  /** The stored source and HTML of a body, exactly as posting makes them; null when nothing is left. */
  prepareBody(markdown: string): { source: string; html: string } | null {
    const source = normalizeBody(markdown);
    if (bodyLength(source) === 0) return null;
    return { source, html: renderBody(source) };
  }

  writeBatch(rows: ImportedComment[], tx: Tx): Promise<number> {
    return this.comments.insertBatch(rows, tx);
  }
}
