import request from 'supertest';
import { createArticle, createPersonas, Personas } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { articlePage, axeViolations, commentWith, embed, serious, waitForThread, withStoredSession } from './harness/embed';
import { BrowserStack, startBrowserStack, WatchedPage } from './harness/stack';

const ARTICLE_URL = 'https://news.example/world/needs-a-note';

/**
 * "This needs a note": a signed-in reader asks for context on a public comment, sees it stays
 * asked after a reload (the embed reads the reader's requests back from Parley), and withdraws it.
 * Each step is checked where it counts: the context requests fact-checkers see.
 */
describeInBrowser('the embed: asking for a context note', () => {
  let s: BrowserStack;
  let p: Personas;
  let commentId: string;
  const requests = () => s.t.prisma.contextRequest.findMany({ where: { commentId }, select: { userId: true } });

  beforeAll(async () => {
    s = await startBrowserStack();
    p = await createPersonas(s.t.prisma);
    const article = await createArticle(s.t.prisma, { url: ARTICLE_URL });
    const posted = await request(s.t.http).post(`/api/articles/${article.id}/comments`).set(p.otherReader.auth).send({ body: 'Ten thousand people crossed the bridge in one night.' }).expect(201);
    commentId = posted.body.id as string;
    s.hostPage('/article', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL }) });
    s.hostPage('/article-ar', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL, lang: 'ar' }) });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('asks for a note, still shows it asked after a reload, and withdraws it', async () => {
    const w = await openAs(p.reader);
    const ask = commentWith(w.page, 'Ten thousand people').getByRole('button', { name: 'This needs a note' });
    expect(await ask.getAttribute('aria-pressed')).toBe('false');
    await ask.click();
    await commentWith(w.page, 'Ten thousand people').locator('button[aria-pressed="true"]').filter({ hasText: 'asked' }).waitFor();
    await embed(w.page).getByRole('status').getByText('You asked for a context note on this comment.').waitFor({ state: 'attached' });
    expect(await requests()).toEqual([{ userId: p.reader.id }]);

    await w.page.reload();
    await waitForThread(w.page);
    const again = commentWith(w.page, 'Ten thousand people').getByRole('button', { name: 'This needs a note' });
    await commentWith(w.page, 'Ten thousand people').locator('button[aria-pressed="true"]').waitFor();
    expect(serious(await axeViolations(w.page))).toEqual([]);

    await again.click();
    await commentWith(w.page, 'Ten thousand people').locator('button.ask-context[aria-pressed="false"]').waitFor();
    expect(await requests()).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it("shows another reader's view unasked, and the action to signed-out readers not at all", async () => {
    await request(s.t.http).put(`/api/comments/${commentId}/context-request`).set(p.reader.auth).expect(200);
    const other = await openAs(p.admin);
    await commentWith(other.page, 'Ten thousand people').locator('button.ask-context[aria-pressed="false"]').waitFor();

    const anonymous = await s.newPage();
    await anonymous.page.goto(`${s.site}/article`);
    await waitForThread(anonymous.page);
    await commentWith(anonymous.page, 'Ten thousand people').getByRole('button', { name: 'Respect' }).waitFor();
    expect(await commentWith(anonymous.page, 'Ten thousand people').locator('button.ask-context').count()).toBe(0);
    expect([...other.problems, ...anonymous.problems]).toEqual([]);
  });

  it('names the action in Arabic on an Arabic page', async () => {
    const w = await openAs(p.reader, '/article-ar');
    await commentWith(w.page, 'Ten thousand people').getByRole('button', { name: 'هذا يحتاج إلى ملاحظة' }).waitFor();
    expect(w.problems).toEqual([]);
  });

  async function openAs(who: Personas['reader'], path = '/article'): Promise<WatchedPage> {
    const w = await s.newPage();
    await withStoredSession(w.page, s.api, who);
    await w.page.goto(`${s.site}${path}`);
    await waitForThread(w.page);
    return w;
  }
});
