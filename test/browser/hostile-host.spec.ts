import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { XSS_VECTORS } from '../fixtures/xss-vectors';
import { createArticle, createUser } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { articlePage, button, commentWith, embed, pinned, postComment, strictPolicy, waitForThread, withStoredSession } from './harness/embed';
import { BrowserStack, startBrowserStack } from './harness/stack';

/** A stylesheet written to break anything embedded in the page. */
const HOSTILE_CSS = `
* { all: unset !important; display: inline; }
html { font-size: 60px !important; }
body { font-size: 48px !important; line-height: 5 !important; color: #ff0 !important; direction: rtl !important; }
div { display: none !important; }
button, textarea, select, input, article, ul, li, p, h2 { display: none !important; visibility: hidden !important; }
parley-comments { font-size: 72px; color: red; letter-spacing: 1em; text-transform: uppercase; }
`;

/**
 * The embed in pages that are not friendly to it: a stylesheet that tries to break everything, a
 * strict Content-Security-Policy, and comment bodies and names made of the XSS evasion corpus,
 * including HTML that skipped the server's sanitizer (as if the server had a bug).
 */
describeInBrowser('the embed on hostile pages', () => {
  let s: BrowserStack;

  beforeAll(async () => {
    s = await startBrowserStack();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('renders and works under a stylesheet that unsets, hides and enlarges everything', async () => {
    const reader = await createUser(s.t.prisma, { displayName: 'Steady Reader' });
    const article = await createArticle(s.t.prisma, { url: 'https://news.example/hostile/css' });
    await request(s.t.http).post(`/api/articles/${article.id}/comments`).set(reader.auth).send({ body: 'Still readable.' }).expect(201);
    s.hostPage('/hostile', { html: articlePage({ api: s.api, articleUrl: 'https://news.example/hostile/css', css: true }) });
    s.hostPage('/host.css', { html: HOSTILE_CSS });
    const w = await s.newPage();
    await withStoredSession(w.page, s.api, reader);
    await w.page.goto(`${s.site}/hostile`);
    await waitForThread(w.page);
    const host = await embed(w.page).evaluate((el) => {
      const style = getComputedStyle(el);
      return { display: style.display, fontSize: style.fontSize, letterSpacing: style.letterSpacing, textTransform: style.textTransform };
    });
    expect(host).toEqual({ display: 'block', fontSize: '16px', letterSpacing: 'normal', textTransform: 'none' });
    const comment = commentWith(w.page, 'Still readable.');
    expect(await comment.isVisible()).toBe(true);
    const box = await comment.boundingBox();
    expect(box?.height).toBeGreaterThan(40);
    expect(box?.height).toBeLessThan(200);
    const bodyFont = await comment.locator('.body').evaluate((el) => getComputedStyle(el).fontSize);
    expect(bodyFont).toBe('16px');
    expect(await button(comment, 'Reply').isVisible()).toBe(true);
    await postComment(w.page, 'Posted on a hostile page.');
    expect(await s.t.prisma.comment.count({ where: { bodySource: 'Posted on a hostile page.' } })).toBe(1);
    expect(w.problems).toEqual([]);
  });

  it('works under a strict content security policy that allows only Parley’s origin', async () => {
    const reader = await createUser(s.t.prisma, { displayName: 'Strict Reader' });
    await createArticle(s.t.prisma, { url: 'https://news.example/hostile/csp' });
    s.hostPage('/strict', {
      html: articlePage({ api: s.api, articleUrl: 'https://news.example/hostile/csp' }),
      headers: { 'Content-Security-Policy': strictPolicy(s.api) },
    });
    const w = await s.newPage();
    await withStoredSession(w.page, s.api, reader);
    await w.page.goto(`${s.site}/strict`);
    await waitForThread(w.page);
    const posted = await pinned(await postComment(w.page, 'Posted under a *strict* policy.', 'Posted under a strict policy.'));
    expect(await posted.locator('em').textContent()).toBe('strict');
    await button(posted, 'Edit').click();
    await posted.getByLabel('Edit your comment').waitFor();
    await button(posted, 'Cancel').click();
    const font = await posted.locator('.body').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).toContain('system-ui'); // the embed's own styles applied: adopted stylesheets need no style-src
    expect(w.problems).toEqual([]);
  });

  it('runs nothing from the XSS corpus in bodies and names, even HTML the server did not sanitize', async () => {
    // PostgreSQL cannot store U+0000; the server strips it from everything it stores.
    const vectors = XSS_VECTORS.map((v) => v.replace(/\u0000/g, ''));
    const article = await createArticle(s.t.prisma, { url: 'https://news.example/hostile/xss' });
    const reader = await createUser(s.t.prisma, { displayName: 'Corpus Poster' });
    // Through the API, as readers would post them (the server renders and sanitizes).
    for (let i = 0; i < XSS_VECTORS.length; i += 40) {
      const body = XSS_VECTORS.slice(i, i + 40).join('\n\n');
      await request(s.t.http).post(`/api/articles/${article.id}/comments`).set(reader.auth).send({ body }).expect(201);
    }
    // Straight into the table, as if the server's sanitizer had let everything through: one
    // comment per vector, written by an author whose name is the vector too.
    const authors = await Promise.all(vectors.map((v) => s.t.prisma.user.create({ data: { displayName: v } })));
    await s.t.prisma.comment.createMany({
      data: vectors.map((v, i) => {
        const id = randomUUID();
        return { id, rootId: id, articleId: article.id, authorId: authors[i].id, path: (i + 1).toString(16).padStart(10, '0'), status: 'PUBLISHED' as const, bodySource: 'x', bodyHtml: v };
      }),
    });
    s.hostPage('/xss', { html: articlePage({ api: s.api, articleUrl: 'https://news.example/hostile/xss' }) });
    const w = await s.newPage();
    // Signed in as the poster: its comments with links are held for review and shown only to it.
    await withStoredSession(w.page, s.api, reader);
    await w.page.addInitScript(() => {
      const hits: string[] = [];
      (window as unknown as { __xssHits: string[] }).__xssHits = hits;
      for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
        (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => void hits.push(`${name}(${args.map(String).join(',')})`);
      }
    });
    await w.page.goto(`${s.site}/xss`);
    await waitForThread(w.page);
    while (await button(embed(w.page), 'Show more comments').count()) {
      const before = await embed(w.page).locator('.list > li').count();
      await button(embed(w.page), 'Show more comments').click();
      await w.page.waitForFunction((n) => (document.querySelector('parley-comments')?.shadowRoot?.querySelectorAll('.list > li').length ?? 0) > n, before);
    }
    expect(await embed(w.page).locator('.list > li').count()).toBe(XSS_VECTORS.length + Math.ceil(XSS_VECTORS.length / 40));
    // Give load/error/animation handlers a moment to fire if anything carried one.
    await w.page.waitForTimeout(500);
    expect(await w.page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits)).toEqual([]);
    const found = await w.page.evaluate(() => {
      const problems: string[] = [];
      const root = document.querySelector('parley-comments')!.shadowRoot!;
      // What people wrote (bodies, names) must hold nothing but prose.
      for (const el of Array.from(root.querySelectorAll('.prose *, .author *'))) {
        if (!['p', 'br', 'em', 'strong', 'a', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre', 'bdi'].includes(el.localName)) problems.push(`<${el.localName}> in a body or name`);
      }
      // Nowhere in the embed: event handlers or script URLs.
      const walk = (scope: ParentNode) => {
        for (const el of Array.from(scope.querySelectorAll('*'))) {
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) problems.push(`${attr.name} on <${el.localName}>`);
            if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name) && !/^(https?:|mailto:)/i.test(attr.value.trim())) problems.push(`${attr.name}=${attr.value}`);
          }
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(root);
      return problems;
    });
    expect(found).toEqual([]);
    expect(w.problems).toEqual([]);
  });
});
