import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import { ArticlesService } from '../articles/articles.service';
import { ImportedCommentsService } from '../comments/import/imported-comments.service';
import { PlaceholderAccountsService } from '../users/placeholders/placeholder-accounts.service';
import { ImportRepository } from './import.repository';

export interface WriteProgress {
  written: number;
  total: number;
}

export interface WriteOptions {
  batchSize: number;
  /** Called after each committed batch of comments. */
  onProgress?: (p: WriteProgress) => void;
}

const PAGE = 500;
/** A batch of a few thousand comments on a busy server may take longer than a request's transaction. */
const TX = { timeout: 120_000 };

/**
 * Turns what is staged into Parley rows: articles matched or created by canonical URL, an
 * account for each author, then the comments level by level (parents before replies), each
 * batch one transaction with its mapping rows. Whatever it stops at, a rerun carries on.
 */
@Injectable()
export class ImportWriterService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: ImportRepository,
    private readonly articles: ArticlesService,
    private readonly comments: ImportedCommentsService,
    private readonly accounts: PlaceholderAccountsService,
  ) {}

  async write(source: string, options: WriteOptions): Promise<number> {
    await this.repo.analyze();
    await this.resolveArticles(source);
    await this.repo.skipUnplaceable(source, 'no article');
    if (await this.repo.depthsPending(source)) await this.repo.computeDepths(source);
    await this.ensureAuthors(source);
    const written = await this.writeComments(source, options);
    await this.repo.skipUnplaceable(source, 'broken thread');
    return written;
  }

  /** Find-or-create through the articles module, as the embed does (an import acts as an admin). */
  private async resolveArticles(source: string): Promise<void> {
    let after = '';
    for (;;) {
      const page = await this.repo.unresolvedThreads(source, after, PAGE);
      for (const t of page) {
        const { article, created } = await this.articles.resolve({ url: t.url, title: t.title, publishedAt: t.publishedAt ?? undefined }, true);
        await this.repo.setArticle(source, t.sourceId, article.id, created);
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].sourceId;
    }
  }

  private async ensureAuthors(source: string): Promise<void> {
    let after = '';
    for (;;) {
      const page = await this.repo.authorsWithoutAccount(source, after, PAGE);
      if (page.length === 0) return;
      await this.prisma.$transaction(async (tx) => {
        const made = await this.accounts.ensure(page, tx);
        await this.repo.setAuthors(source, [...made].map(([key, a]) => ({ key, ...a })), tx);
      }, TX);
      after = page[page.length - 1].key;
    }
  }

  private async writeComments(source: string, options: WriteOptions): Promise<number> {
    const deepest = await this.repo.deepestLevelLeft(source);
    if (deepest === null) return 0;
    const total = await this.repo.countLeft(source);
    let written = 0;
    for (let depth = 0; depth <= deepest; depth++) {
      for (;;) {
        const n = await this.prisma.$transaction(async (tx) => {
          const batch = await this.repo.nextBatch(source, depth, options.batchSize, tx);
          const rows = batch.map((b) => ({ ...b, id: randomUUID() }));
          await this.comments.writeBatch(rows, tx);
          await this.repo.markWritten(source, rows.map((r) => ({ sourceId: r.sourceId, commentId: r.id })), tx);
          return rows.length;
        }, TX);
        if (n === 0) break;
        written += n;
        options.onProgress?.({ written, total });
      }
    }
    return written;
  }
}
