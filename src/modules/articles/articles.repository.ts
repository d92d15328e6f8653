import { Injectable } from '@nestjs/common';
import { runHot } from '../../database/hot-statement';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';

const WITH_TAGS = {
  tags: { select: { tag: { select: { slug: true, name: true } } } },
} as const;

export type ArticleRow = Prisma.ArticleGetPayload<{ include: typeof WITH_TAGS }>;

export interface ArticlePageFilter {
  tagSlug?: string;
  section?: string;
  after?: { publishedAt: Date; id: string };
  limit: number;
}

export type ArticleWrite = Omit<Prisma.ArticleUncheckedCreateInput, 'tags' | 'id' | 'createdAt' | 'updatedAt'>;

/** What the comment paths need of an article: settings and the visible count, no tags. */
export interface CommentSettingsRow {
  id: string;
  commentCount: number;
  commentsOpen: boolean;
  commentsCloseAt: Date | null;
  moderationMode: 'POST' | 'PRE';
  holdLinks: boolean;
  /** The article's own scorers, comma-separated ('' = none); null = its section's or the site's (MOD_SCORER). */
  scorers: string | null;
  /** Its section, which may have scorers of its own (MOD_SCORER_BY_SECTION). */
  section: string | null;
}

const SETTINGS_COLUMNS = `id, comment_count AS "commentCount", comments_open AS "commentsOpen",
  comments_close_at AS "commentsCloseAt", moderation_mode AS "moderationMode", hold_links AS "holdLinks", scorers, section`;

@Injectable()
export class ArticlesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first, keyset on (publishedAt, id), served by the (published_at DESC, id DESC) indexes. */
  findPage(filter: ArticlePageFilter): Promise<ArticleRow[]> {
    const where: Prisma.ArticleWhereInput = {};
    if (filter.section !== undefined) where.section = filter.section;
    if (filter.tagSlug !== undefined) where.tags = { some: { tag: { slug: filter.tagSlug } } };
    if (filter.after) {
      const { publishedAt, id } = filter.after;
      where.OR = [{ publishedAt: { lt: publishedAt } }, { publishedAt, id: { lt: id } }];
    }
    return this.prisma.article.findMany({
      where,
      include: WITH_TAGS,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      take: filter.limit + 1,
    });
  }

  /** Hot path (every thread page and post): one indexed lookup, by id or slug. */
  async findCommentSettings(idOrSlug: string, byId: boolean): Promise<CommentSettingsRow | null> {
    const rows = await runHot<CommentSettingsRow>(this.prisma, {
      name: byId ? 'article-settings-by-id' : 'article-settings-by-slug',
      bench: 'bench/load.mjs',
      text: `SELECT ${SETTINGS_COLUMNS} FROM articles WHERE ${byId ? 'id = $1::uuid' : 'slug = $1'}`,
      values: [idOrSlug],
    });
    return rows[0] ?? null;
  }

  findById(id: string): Promise<ArticleRow | null> {
    return this.prisma.article.findUnique({ where: { id }, include: WITH_TAGS });
  }

  findBySlug(slug: string): Promise<ArticleRow | null> {
    return this.prisma.article.findUnique({ where: { slug }, include: WITH_TAGS });
  }

  findByUrl(url: string): Promise<ArticleRow | null> {
    return this.prisma.article.findUnique({ where: { url }, include: WITH_TAGS });
  }

  slugExists(slug: string, tx: Tx): Promise<boolean> {
    return tx.article.count({ where: { slug } }).then((n) => n > 0);
  }

  create(data: ArticleWrite, tagIds: string[], tx: Tx): Promise<ArticleRow> {
    return tx.article.create({
      data: { ...data, tags: { create: tagIds.map((tagId) => ({ tagId })) } },
      include: WITH_TAGS,
    });
  }

  /** An editor's changes (PATCH): only the fields given; when tagIds is given the article's tags become exactly those. */
  applyEdit(id: string, changes: Partial<ArticleWrite>, tagIds: string[] | undefined, tx: Tx): Promise<ArticleRow> {
    const tags = tagIds === undefined ? undefined : { deleteMany: {}, create: tagIds.map((tagId) => ({ tagId })) };
    return tx.article.update({ where: { id }, data: { ...changes, tags }, include: WITH_TAGS });
  }

  async deleteById(id: string): Promise<number> {
    const { count } = await this.prisma.article.deleteMany({ where: { id } });
    return count;
  }
}
