import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ExportRow, WxrExportRepository } from './wxr-export.repository';
import { commentXml, ITEM_TAIL, itemHead, WXR_TAIL, wxrHead } from './wxr-writer';

/** Rows fetched per round trip of the export cursor. */
const FETCH = 1000;

/**
 * `npm run export -- wxr FILE`: every article with comments, each comment under it in thread
 * order (a parent always before its replies), as a WordPress export. Streams from a server-side
 * cursor to the file, waiting for the file to drain, so memory stays flat; comment numbers are
 * remembered per article only.
 */
@Injectable()
export class WxrExportService {
  constructor(private readonly repo: WxrExportRepository) {}

  async export(out: Writable, options: { siteUrl?: string } = {}): Promise<{ articles: number; comments: number }> {
    const put = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await put(wxrHead(options.siteUrl ?? null));
    let article: string | null = null;
    let articles = 0;
    let comments = 0;
    let numbers = new Map<string, number>();
    await this.repo.eachBatch(FETCH, async (rows: ExportRow[]) => {
      for (const r of rows) {
        if (r.articleId !== article) {
          if (article !== null) await put(ITEM_TAIL);
          article = r.articleId;
          numbers = new Map();
          articles++;
          await put(itemHead({ postId: articles, id: r.articleId, url: r.url, title: r.title, publishedAt: r.publishedAt }));
        }
        comments++;
        numbers.set(r.id, comments);
        const parentId = r.parentId ? (numbers.get(r.parentId) ?? 0) : 0;
        await put(commentXml({ commentId: comments, parentId, authorName: r.authorName, authorEmail: r.authorEmail, createdAt: r.createdAt, html: r.bodyHtml, status: r.status }));
      }
    });
    if (article !== null) await put(ITEM_TAIL);
    await put(WXR_TAIL);
    return { articles, comments };
  }
}
