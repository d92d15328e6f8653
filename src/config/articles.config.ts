import { EnvReader } from './env-reader';

/** Read by the articles module. */
export interface ArticleSettings {
  /** Comment sections close this many days after publication unless set per article; 0 = never. */
  readonly commentsCloseAfterDays: number;
  /** Hosts whose article URLs anyone may register lazily (the embed's find-or-create). */
  readonly articleUrlHosts: readonly string[];
}

export function readArticleSettings(r: EnvReader): ArticleSettings {
  return {
    commentsCloseAfterDays: r.int('COMMENTS_CLOSE_AFTER_DAYS', 14, 0, 36500),
    articleUrlHosts: r.list('ARTICLE_URL_HOSTS'),
  };
}
