import type { Page } from 'playwright-core';
import request from 'supertest';
import { createArticle, createPersonas, Personas } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { articlePage, axeViolations, button, commentWith, embed, serious, waitForThread, withStoredSession } from './harness/embed';
import { BrowserStack, startBrowserStack } from './harness/stack';

const ARTICLE_URL = 'https://news.example/world/accessible';

/** The focused element, looking through shadow roots: what a keyboard user is on. */
function focused(page: Page): Promise<{ tag: string; text: string; label: string | null; inDialog: boolean }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let inDialog = false;
    while (el?.shadowRoot?.activeElement) {
      if (el.shadowRoot.querySelector('dialog[open]')) inDialog = true;
      el = el.shadowRoot.activeElement;
    }
    return { tag: el?.localName ?? '', text: (el?.textContent ?? '').trim(), label: el?.getAttribute('aria-label') ?? null, inDialog: inDialog || !!el?.closest('dialog') };
  });
}

/**
 * Readers who use a keyboard or a screen reader, and readers of Arabic: axe-core finds no serious
 * or critical violation (English, Arabic, dark, dialogs open), dialogs keep and return focus, the
 * whole flow works from the keyboard, and the layout mirrors for right-to-left text.
 */
describeInBrowser('accessibility and right-to-left', () => {
  let s: BrowserStack;
  let p: Personas;

  beforeAll(async () => {
    s = await startBrowserStack();
    p = await createPersonas(s.t.prisma);
    const article = await createArticle(s.t.prisma, { url: ARTICLE_URL });
    const post = (who: Personas['reader'], body: string, parentId?: string) =>
      request(s.t.http).post(`/api/articles/${article.id}/comments`).set(who.auth).send(parentId ? { body, parentId } : { body }).expect(201);
    const top = await post(p.otherReader, 'Is there any footage of the crossing itself?');
    await post(p.moderator, 'هل هناك أي صور للمعبر نفسه؟ ننتظر التحقق.', top.body.id);
    const claim = await post(p.otherReader, 'They took the silos too, I read it somewhere.');
    await request(s.t.http)
      .put(`/api/comments/${claim.body.id}/label`)
      .set(p.factChecker.auth)
      .send({ verdict: 'UNVERIFIED', summary: 'No source places anyone at the silos.', sources: [{ url: 'https://observatory.example/7', title: 'Observatory' }] })
      .expect(200);
    s.hostPage('/en', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL }) });
    s.hostPage('/ar', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL, lang: 'ar' }) });
    s.hostPage('/en-dark', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL, attrs: 'theme="dark"' }) });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('has no serious or critical axe violation for a signed-out reader', async () => {
    const w = await s.newPage();
    await w.page.goto(`${s.site}/en`);
    await waitForThread(w.page);
    expect(serious(await axeViolations(w.page))).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it.each([
    ['/en', 'Reply', 'Report'],
    ['/ar', 'رد', 'إبلاغ'],
    ['/en-dark', 'Reply', 'Report'],
  ])('has no serious or critical axe violation on %s, with a reply box and then a dialog open', async (path, reply, report) => {
    const w = await s.newPage();
    await withStoredSession(w.page, s.api, p.reader);
    await w.page.goto(`${s.site}${path}`);
    await waitForThread(w.page);
    await embed(w.page).locator('parley-composer.top').waitFor();
    await button(commentWith(w.page, 'footage of the crossing'), reply).click();
    expect(serious(await axeViolations(w.page))).toEqual([]);
    await button(commentWith(w.page, 'took the silos'), report).click();
    await w.page.getByRole('dialog').waitFor();
    expect(serious(await axeViolations(w.page))).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it('can be used from the keyboard alone: sign-in dialog keeps focus, Escape closes it, focus returns', async () => {
    const w = await s.newPage();
    await w.page.goto(`${s.site}/en`);
    await waitForThread(w.page);
    // Tab from the top of the page into the embed: sort, then Sign in.
    let guard = 0;
    while ((await focused(w.page)).text !== 'Sign in' && guard++ < 10) await w.page.keyboard.press('Tab');
    expect((await focused(w.page)).text).toBe('Sign in');
    await w.page.keyboard.press('Enter');
    await w.page.getByRole('dialog', { name: 'Sign in to comment' }).waitFor();
    expect((await focused(w.page)).inDialog).toBe(true);
    for (let i = 0; i < 12; i++) {
      await w.page.keyboard.press('Tab');
      const f = await focused(w.page);
      if (f.tag !== 'body') expect(f.inDialog).toBe(true);
    }
    await w.page.keyboard.press('Escape');
    await w.page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect((await focused(w.page)).text).toBe('Sign in');
  });

  it('mirrors the layout for Arabic and keeps each body in its own direction', async () => {
    const w = await s.newPage();
    await w.page.goto(`${s.site}/ar`);
    await waitForThread(w.page);
    expect(await embed(w.page).locator('.root').getAttribute('dir')).toBe('rtl');
    expect(await embed(w.page).getByRole('heading', { level: 2 }).textContent()).toBe('3 تعليقات');
    const parent = commentWith(w.page, 'footage of the crossing').first();
    const reply = commentWith(w.page, 'هل هناك أي صور');
    const [pb, rb] = [await parent.boundingBox(), await reply.boundingBox()];
    // Replies are indented from the right in right-to-left layout.
    expect(Math.round(rb!.x)).toBe(Math.round(pb!.x));
    expect(rb!.x + rb!.width).toBeLessThan(pb!.x + pb!.width - 15);
    const direction = (loc: typeof parent) => loc.locator('.body').first().evaluate((el) => getComputedStyle(el.firstElementChild?.firstElementChild ?? el).direction);
    expect(await direction(reply)).toBe('rtl');
    expect(await direction(commentWith(w.page, 'took the silos'))).toBe('ltr');
    await embed(w.page).getByText('تدقيق الحقائق').waitFor();
    await embed(w.page).getByText('غير مؤكَّد').waitFor();
  });

  it('posts a reply from the keyboard and announces it to screen readers', async () => {
    const w = await s.newPage();
    await withStoredSession(w.page, s.api, p.reader);
    await w.page.goto(`${s.site}/en`);
    await waitForThread(w.page);
    const target = commentWith(w.page, 'footage of the crossing');
    await button(target, 'Reply').focus();
    await w.page.keyboard.press('Enter');
    expect((await focused(w.page)).tag).toBe('textarea');
    await w.page.keyboard.type('Only a photo of the bridge so far.');
    await w.page.keyboard.press('Control+Enter');
    await commentWith(w.page, 'Only a photo of the bridge so far.').waitFor();
    await embed(w.page).getByRole('status').getByText('Your comment was posted.').waitFor();
  });
});
