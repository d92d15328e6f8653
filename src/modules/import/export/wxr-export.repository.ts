import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service';
import type { CommentStatus } from '../../../generated/prisma/enums';

export interface ExportRow {
  articleId: string;
  url: string;
  title: string;
  publishedAt: Date;
  id: string;
  parentId: string | null;
  status: CommentStatus;
  bodyHtml: string;
  createdAt: Date;
  authorName: string;
  authorEmail: string | null;
}

/** The export's one query, read through a server-side cursor in one consistent snapshot. */
@Injectable()
export class WxrExportRepository {
  constructor(private readonly prisma: PrismaService) {}

  async eachBatch(size: number, handle: (rows: ExportRow[]) => Promise<void>): Promise<void> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The export may run for minutes; this transaction only reads.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query(`DECLARE wxr_export NO SCROLL CURSOR FOR
        SELECT a.id AS "articleId", a.url, a.title, a.published_at AS "publishedAt",
               c.id, c.parent_id AS "parentId", c.status, c.body_html AS "bodyHtml", c.created_at AS "createdAt",
               u.display_name AS "authorName", u.email AS "authorEmail"
        FROM comments c JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = c.author_id
        ORDER BY a.published_at, a.id, c.path`);
      for (;;) {
        const { rows } = await client.query<ExportRow>(`FETCH ${size} FROM wxr_export`);
        if (rows.length === 0) break;
        await handle(rows);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
