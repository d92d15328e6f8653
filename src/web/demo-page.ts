import type { Request } from 'express';
import { AppError } from '../common/errors/app-error';
import type { ArticleDto } from '../modules/articles/dto/article-response.dto';
import type { WebAssets } from './web-assets';
import type { PageRenderer } from './web-routes';

/**
 * `/demo`: an article page in the shape of the conflict-reporting sites Parley is modelled on
 * (section, headline, standfirst, byline with a short bio, date, tags, body), with the comment
 * section added exactly as a newsroom would: one script tag and one element. The article comes
 * from the seeded demo data; `?lang=ar` and `?theme=dark` show the embed's other faces.
 */

export const DEMO_ARTICLE_SLUG = 'river-crossing-contested-claims';

type FindArticle = (slug: string) => Promise<ArticleDto>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function demoPage(findArticle: FindArticle, assets: WebAssets): PageRenderer {
  return async (req: Request) => {
    const lang = req.query.lang === 'ar' ? 'ar' : 'en';
    const theme = req.query.theme === 'dark' ? 'dark' : req.query.theme === 'light' ? 'light' : null;
    const slug = typeof req.query.article === 'string' ? req.query.article : DEMO_ARTICLE_SLUG;
    const article = await findArticle(slug).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
    const css = assets.url('demo.css');
    return layout({
      title: article ? article.title : 'No demo article',
      css,
      theme,
      main: article ? articleHtml(article, lang, theme) : missingHtml(),
      switcher: switcherHtml(slug, lang, theme),
    });
  };
}

function layout(p: { title: string; css: string | undefined; theme: string | null; main: string; switcher: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(p.title)} · Parley demo</title>
${p.css ? `<link rel="stylesheet" href="${escapeHtml(p.css)}">` : ''}
<script async src="/embed.js"></script>
</head>
<body${p.theme ? ` class="theme-${p.theme}"` : ''}>
<header class="masthead"><a href="/demo" class="site-name">The Frontline Ledger</a><span class="demo-note">A demo page for Parley: the newsroom and its article are invented.</span>${p.switcher}</header>
<main>
${p.main}
</main>
</body>
</html>
`;
}

function articleHtml(a: ArticleDto, lang: string, theme: string | null): string {
  const date = new Date(a.publishedAt);
  const paragraphs = (a.body ?? '')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('\n');
  const tags = a.tags.map((t) => `<li>${escapeHtml(t.name)}</li>`).join('');
  const attrs = [`article-url="${escapeHtml(a.url)}"`, lang === 'ar' ? 'lang="ar"' : '', `theme="${theme ?? 'light'}"`].filter(Boolean).join(' ');
  return `<article class="story">
${a.section ? `<p class="section">${escapeHtml(a.section)}</p>` : ''}
<h1>${escapeHtml(a.title)}</h1>
${a.standfirst ? `<p class="standfirst">${escapeHtml(a.standfirst)}</p>` : ''}
<div class="byline">
<p>By <strong>${escapeHtml(a.author.name ?? 'Staff')}</strong> · <time datetime="${escapeHtml(a.publishedAt)}">${escapeHtml(longDate(date))}</time></p>
${a.author.bio ? `<p class="bio">${escapeHtml(a.author.bio)}</p>` : ''}
</div>
<div class="body">
${paragraphs}
</div>
${tags ? `<ul class="tags" aria-label="Tags">${tags}</ul>` : ''}
</article>
<section class="comments">
<parley-comments ${attrs}></parley-comments>
</section>`;
}

function missingHtml(): string {
  return `<article class="story"><h1>No demo article</h1>
<p>The demo article is seeded into an empty database when Parley starts with <code>SEED_DEMO_DATA=true</code> (the default).</p></article>`;
}

function switcherHtml(slug: string, lang: string, theme: string | null): string {
  const link = (l: string, t: string | null, label: string, current: boolean) => {
    const q = new URLSearchParams();
    if (slug !== DEMO_ARTICLE_SLUG) q.set('article', slug);
    if (l !== 'en') q.set('lang', l);
    if (t) q.set('theme', t);
    const href = `/demo${q.size ? `?${q.toString()}` : ''}`;
    return `<a href="${escapeHtml(href)}"${current ? ' aria-current="page"' : ''}>${label}</a>`;
  };
  return `<nav class="switcher" aria-label="Demo options">${link('en', theme, 'English', lang === 'en')}${link('ar', theme, '<span lang="ar">العربية</span>', lang === 'ar')}${link(lang, theme === 'dark' ? null : 'dark', theme === 'dark' ? 'Light' : 'Dark', false)}</nav>`;
}

function longDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
