import request from 'supertest';
import { createArticle, createUser, TestUser } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { articlePage, button, commentWith, embed, waitForThread } from './harness/embed';
import { BrowserStack, startBrowserStack, WatchedPage } from './harness/stack';

const ARTICLE_URL = 'https://news.example/world/long-thread';

/** A long discussion: sorting, more comments, more replies, and permalinks into the thread. */
describeInBrowser('reading a long thread', () => {
  let s: BrowserStack;
  let w: WatchedPage;
  let replyIds: string[] = [];

  beforeAll(async () => {
    s = await startBrowserStack();
    const article = await createArticle(s.t.prisma, { url: ARTICLE_URL });
    const author: TestUser = await createUser(s.t.prisma, { displayName: 'Thread Starter' });
    const post = (body: string, parentId?: string) =>
      request(s.t.http).post(`/api/articles/${article.id}/comments`).set(author.auth).send(parentId ? { body, parentId } : { body }).expect(201);
    const first = await post('Comment number 1, the oldest.');
    for (let i = 2; i <= 25; i++) await post(`Comment number ${i}.`);
    replyIds = [];
    for (let i = 1; i <= 8; i++) replyIds.push((await post(`Reply ${i} to the oldest comment.`, first.body.id)).body.id);
    s.hostPage('/article', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL }) });
    w = await s.newPage();
    await w.page.goto(`${s.site}/article`);
    await waitForThread(w.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  const topLevel = () => embed(w.page).locator('.list > li > article.comment');

  it('shows the newest twenty first, then more on request', async () => {
    expect(await embed(w.page).getByRole('heading', { level: 2 }).textContent()).toBe('33 Comments');
    expect(await topLevel().count()).toBe(20);
    expect(await topLevel().first().locator('.body').textContent()).toContain('Comment number 25.');
    await button(embed(w.page), 'Show more comments').click();
    await commentWith(w.page, 'Comment number 1, the oldest.').waitFor();
    expect(await topLevel().count()).toBe(25);
    expect(await button(embed(w.page), 'Show more comments').count()).toBe(0);
  });

  it('loads the replies beyond the first few', async () => {
    const oldest = commentWith(w.page, 'Comment number 1, the oldest.').first();
    await commentWith(w.page, 'Reply 5 to the oldest').waitFor();
    expect(await commentWith(w.page, 'Reply 6 to the oldest').count()).toBe(0);
    await button(oldest, 'Show more replies').click();
    await commentWith(w.page, 'Reply 8 to the oldest').waitFor();
    expect(await embed(w.page).locator('.replies article.comment').count()).toBe(8);
  });

  it('sorts oldest first', async () => {
    await embed(w.page).getByLabel('Sort by').selectOption('oldest');
    await w.page.waitForFunction(() => {
      const root = document.querySelector('parley-comments')?.shadowRoot;
      return root?.querySelector('.list > li > article .body')?.textContent?.includes('Comment number 1,') ?? false;
    });
    expect(await topLevel().nth(1).locator('.body').textContent()).toContain('Comment number 2.');
  });

  it('opens the thread at the comment a permalink names, focused and marked', async () => {
    await w.page.goto(`${s.site}/article#comment-${replyIds[6]}`);
    await waitForThread(w.page);
    await embed(w.page).getByText('You are viewing one conversation.').waitFor();
    const target = embed(w.page).locator(`article[data-comment-id="${replyIds[6]}"]`);
    await target.waitFor();
    expect(await target.getAttribute('class')).toContain('highlight');
    await w.page.waitForFunction(
      (id) => document.querySelector('parley-comments')?.shadowRoot?.activeElement?.getAttribute('data-comment-id') === id,
      replyIds[6],
    );
    // Only the conversation: its top comment and the linked reply.
    expect(await topLevel().count()).toBe(1);
    expect(await commentWith(w.page, 'Comment number 2.').count()).toBe(0);
    await button(embed(w.page), 'Show all comments').click();
    await commentWith(w.page, 'Comment number 2.').waitFor();
    expect(new URL(w.page.url()).hash).toBe('');
  });

  it('follows a comment’s own permalink (its time) within the page', async () => {
    const link = commentWith(w.page, 'Comment number 14.').locator('a.time');
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${s.site}/article#comment-[0-9a-f-]{36}$`));
    await link.click();
    await embed(w.page).getByText('You are viewing one conversation.').waitFor();
    expect(await topLevel().count()).toBe(1);
    expect(await topLevel().first().locator('.body').textContent()).toContain('Comment number 14.');
  });

  it('saw no script error, console error or policy violation', () => {
    expect(w.problems).toEqual([]);
  });
});
