import { Inject, Injectable } from '@nestjs/common';
import { commonError } from '../../common/errors/app-error';
import { isUuid } from '../../common/http/parse-uuid.pipe';
import { dateFromCursor, decodeCursor, Page, toPage } from '../../common/pagination/cursor';
import { canonicalUrl } from '../../common/text/canonical-url';
import { randomSuffix, slugify } from '../../common/text/slug';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { configuredRemote, ScorerName } from '../../config/scorers.config';
import { PrismaService, Tx } from '../../database/prisma.service';
import { uniqueViolationFields } from '../../database/unique-violation';
import { TagsService } from '../tags/tags.service';
import { articleError } from './articles.errors';
import { toArticleResponse, toArticleSummaryResponse } from './articles.mapper';
import { ArticleRow, ArticlesRepository, ArticleWrite, CommentSettingsRow } from './articles.repository';
import { CreateArticleDto, ResolveArticleDto, UpdateArticleDto } from './dto/article-input.dto';
import { ArticleListQueryDto } from './dto/article-query.dto';
import { ArticleDto, ArticleSummaryDto } from './dto/article-response.dto';


const DAY_MS = 24 * 60 * 60 * 1000;

type ArticleCursor = { p: string; i: string };

@Injectable()
export class ArticlesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly articles: ArticlesRepository,
    private readonly tags: TagsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: ArticleListQueryDto): Promise<Page<ArticleSummaryDto>> {
    const limit = query.limit ?? 20;
    let after: { publishedAt: Date; id: string } | undefined;
    if (query.cursor) {
      const c = decodeCursor<ArticleCursor>(query.cursor, { p: 'string', i: 'string' });
      if (!isUuid(c.i)) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
      after = { publishedAt: dateFromCursor(c.p), id: c.i };
    }
    const rows = await this.articles.findPage({ tagSlug: query.tag, section: query.section, after, limit });
    const now = new Date();
    return toPage(rows, limit, (r) => ({ p: r.publishedAt.toISOString(), i: r.id }), (r) => toArticleSummaryResponse(r, now));
  }

  async get(idOrSlug: string): Promise<ArticleDto> {
    return toArticleResponse(await this.findRow(idOrSlug));
  }

  /** For other modules (comments, moderation) that need an article's settings. */
  async findRow(idOrSlug: string): Promise<ArticleRow> {
    const row = isUuid(idOrSlug) ? await this.articles.findById(idOrSlug) : await this.articles.findBySlug(idOrSlug);
    if (!row) throw articleError('ARTICLE_NOT_FOUND', `No article "${idOrSlug}".`);
    return row;
  }

  /** For the comment paths: settings and visible count only (one indexed query). */
  async findCommentSettings(idOrSlug: string): Promise<CommentSettingsRow> {
    const row = await this.articles.findCommentSettings(idOrSlug, isUuid(idOrSlug));
    if (!row) throw articleError('ARTICLE_NOT_FOUND', `No article "${idOrSlug}".`);
    return row;
  }

  async create(dto: CreateArticleDto): Promise<ArticleDto> {
    const url = this.requireCanonical(dto.url);
    const publishedAt = dto.publishedAt ?? new Date();
    const data: ArticleWrite = {
      ...this.fields(dto),
      url,
      title: dto.title.trim(),
      slug: dto.slug ?? '',
      publishedAt,
      commentsCloseAt: dto.commentsCloseAt === undefined ? this.defaultCloseAt(publishedAt) : dto.commentsCloseAt,
    };
    const row = await this.write(async (tx) => {
      data.slug = dto.slug ?? (await this.freeSlug(dto.title, url, tx));
      const tagIds = await this.tags.resolveForArticle(dto.tags ?? [], tx);
      return this.articles.create(data, tagIds, tx);
    });
    return toArticleResponse(row);
  }

  async update(id: string, dto: UpdateArticleDto): Promise<ArticleDto> {
    const existing = await this.findRow(id);
    const data: Partial<ArticleWrite> = { ...this.fields(dto) };
    if (dto.url !== undefined) data.url = this.requireCanonical(dto.url);
    if (dto.title !== undefined) data.title = dto.title.trim();
    if (dto.slug !== undefined) data.slug = dto.slug;
    if (dto.publishedAt !== undefined) data.publishedAt = dto.publishedAt;
    if (dto.commentsCloseAt !== undefined) data.commentsCloseAt = dto.commentsCloseAt;
    const row = await this.write(async (tx) => {
      const tagIds = dto.tags === undefined ? undefined : await this.tags.resolveForArticle(dto.tags, tx);
      return this.articles.applyEdit(existing.id, data, tagIds, tx);
    });
    return toArticleResponse(row);
  }

  async remove(id: string): Promise<void> {
    const existing = await this.findRow(id);
    await this.articles.deleteById(existing.id);
  }

  /**
   * Find-or-create by canonical URL, as an embed does when a comment section first loads.
   * Anyone may register URLs on the configured hosts; other URLs need an admin.
   */
  async resolve(dto: ResolveArticleDto, isAdmin: boolean): Promise<{ article: ArticleDto; created: boolean }> {
    const url = this.requireCanonical(dto.url);
    const found = await this.articles.findByUrl(url);
    if (found) return { article: toArticleResponse(found), created: false };
    const host = new URL(url).hostname.toLowerCase();
    if (!isAdmin && !this.config.articleUrlHosts.includes(host)) {
      throw articleError('ARTICLE_URL_HOST_NOT_ALLOWED', `Articles on ${host} are not registered automatically.`);
    }
    try {
      const article = await this.create({ url, title: dto.title ?? url, section: dto.section, publishedAt: dto.publishedAt });
      return { article, created: true };
    } catch (err) {
      // Two embeds loading the same new page at once: the loser reads the winner's row.
      const again = await this.articles.findByUrl(url);
      if (again) return { article: toArticleResponse(again), created: false };
      throw err;
    }
  }

  private fields(dto: UpdateArticleDto): Partial<ArticleWrite> {
    const out: Partial<ArticleWrite> = {};
    if (dto.standfirst !== undefined) out.standfirst = dto.standfirst;
    if (dto.body !== undefined) out.body = dto.body;
    if (dto.authorName !== undefined) out.authorName = dto.authorName;
    if (dto.authorBio !== undefined) out.authorBio = dto.authorBio;
    // null clears the section, as it clears the other optional texts.
    if (dto.section !== undefined) out.section = dto.section === null ? null : dto.section.trim();
    if (dto.commentsOpen !== undefined) out.commentsOpen = dto.commentsOpen;
    if (dto.moderationMode !== undefined) out.moderationMode = dto.moderationMode;
    if (dto.holdLinks !== undefined) out.holdLinks = dto.holdLinks;
    if (dto.scorers !== undefined) out.scorers = dto.scorers === null ? null : this.requireConfigured(dto.scorers).join(',');
    return out;
  }

  /** An article may name only scorers this site has set up (a remote one needs its URL). */
  private requireConfigured(names: ScorerName[]): ScorerName[] {
    const missing = names.filter((n) => !configuredRemote(this.config.moderation, n));
    if (missing.length > 0) throw articleError('ARTICLE_SCORER_NOT_CONFIGURED', `Scorer ${missing.join(', ')} is not set up on this site (see MOD_SCORER in the README).`);
    return names;
  }

  private requireCanonical(raw: string): string {
    const url = canonicalUrl(raw);
    if (!url) throw articleError('ARTICLE_URL_INVALID', 'url must be an absolute http(s) URL without credentials.');
    return url;
  }

  private defaultCloseAt(publishedAt: Date): Date | null {
    const days = this.config.commentsCloseAfterDays;
    return days === 0 ? null : new Date(publishedAt.getTime() + days * DAY_MS);
  }

  /** A slug from the title (or the URL's last segment), with a suffix when taken. */
  private async freeSlug(title: string, url: string, tx: Tx): Promise<string> {
    const lastSegment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    const base = slugify(title) || slugify(lastSegment) || 'article';
    if (!(await this.articles.slugExists(base, tx))) return base;
    return `${base.slice(0, 110)}-${randomSuffix()}`;
  }

  private async write(work: (tx: Tx) => Promise<ArticleRow>): Promise<ArticleRow> {
    try {
      return await this.prisma.$transaction(work);
    } catch (err) {
      const fields = uniqueViolationFields(err);
      if (fields?.some((f) => f.includes('slug'))) throw articleError('ARTICLE_SLUG_TAKEN', 'Another article has this slug.');
      if (fields?.some((f) => f.includes('url'))) throw articleError('ARTICLE_URL_TAKEN', 'Another article has this URL.');
      throw err;
    }
  }
}
