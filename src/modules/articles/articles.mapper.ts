import type { ArticleRow } from './articles.repository';
import { ArticleDto, ArticleSummaryDto } from './dto/article-response.dto';

export function commentsOpenAt(row: { commentsOpen: boolean; commentsCloseAt: Date | null }, now: Date): boolean {
  return row.commentsOpen && (row.commentsCloseAt === null || row.commentsCloseAt > now);
}

export function toArticleSummaryResponse(row: ArticleRow, now = new Date()): ArticleSummaryDto {
  return {
    id: row.id,
    slug: row.slug,
    url: row.url,
    title: row.title,
    standfirst: row.standfirst,
    author: { name: row.authorName, bio: row.authorBio },
    section: row.section,
    publishedAt: row.publishedAt.toISOString(),
    tags: row.tags.map((t) => ({ slug: t.tag.slug, name: t.tag.name })).sort((a, b) => a.slug.localeCompare(b.slug)),
    comments: {
      open: commentsOpenAt(row, now),
      enabled: row.commentsOpen,
      closesAt: row.commentsCloseAt?.toISOString() ?? null,
      moderationMode: row.moderationMode,
      holdLinks: row.holdLinks,
      scorers: row.scorers === null ? null : row.scorers === '' ? [] : row.scorers.split(','),
      count: row.commentCount,
    },
  };
}

export function toArticleResponse(row: ArticleRow, now = new Date()): ArticleDto {
  return {
    ...toArticleSummaryResponse(row, now),
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
