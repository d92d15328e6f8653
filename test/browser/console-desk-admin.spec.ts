import request from 'supertest';
import { createArticle, createComment, createPersonas, Personas, TestUser } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { openConsoleAs } from './harness/console';
import { articlePage, axeViolations, button, commentWith, serious, waitForThread } from './harness/embed';
import { BrowserStack, startBrowserStack } from './harness/stack';

const ARTICLE_URL = 'https://news.example/world/silos';

/**
 * The console's other rooms: role-aware navigation, the fact-checker's desk (a reported comment
 * with its overdue mark, a claim written, a comment linked, a verdict published and seen under
 * the comment in the embed), an admin's settings (word lists, article settings), and axe-core
 * over every page and dialog.
 */
describeInBrowser('the console: desk, settings and accessibility', () => {
  let s: BrowserStack;
  let p: Personas;
  let articleId: string;
  let reportedId: string;
  const navLinks = async (who: TestUser) => {
    const w = await openConsoleAs(s, who);
    const links = await w.page.getByRole('navigation', { name: 'Console sections' }).getByRole('link').allTextContents();
    return { w, links };
  };

  beforeAll(async () => {
    s = await startBrowserStack();
    p = await createPersonas(s.t.prisma);
    const article = await createArticle(s.t.prisma, { url: ARTICLE_URL, title: 'Who holds the grain silos' });
    articleId = article.id;
    const res = await request(s.t.http).post(`/api/articles/${articleId}/comments`).set(p.reader.auth).send({ body: 'They also took the grain silos, a channel says.' }).expect(201);
    reportedId = res.body.id;
    await request(s.t.http)
      .post(`/api/comments/${reportedId}/flags`)
      .set(p.otherReader.auth)
      .send({ reason: 'MISINFORMATION', details: 'The silos were never taken; the footage is old.', sourceUrl: 'https://observatory.example/7' })
      .expect(201);
    // Reported three days ago: past the desk's response-time target.
    await s.t.prisma.flag.updateMany({ where: { commentId: reportedId }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000) } });
    s.hostPage('/article', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL }) });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows each role its own sections: fact-checkers the desk, moderators the queues, admins also settings', async () => {
    expect((await navLinks(p.factChecker)).links).toEqual(['Misinformation desk']);
    expect((await navLinks(p.moderator)).links).toEqual(['Moderation queues', 'Audit log']);
    expect((await navLinks(p.admin)).links).toEqual(['Moderation queues', 'Misinformation desk', 'Audit log', 'Settings']);
    const reader = await openConsoleAs(s, p.reader);
    await reader.page.getByRole('heading', { name: 'No console access' }).waitFor();
  });

  it('lets a fact-checker write a claim, link the reported comment and publish a verdict that readers see under it', async () => {
    const w = await openConsoleAs(s, p.factChecker);
    const item = w.page.locator(`parley-desk-view article[data-comment-id="${reportedId}"]`);
    await item.getByText('The silos were never taken; the footage is old.').waitFor();
    await item.getByText(/^Overdue: target \d+ h passed/).waitFor();
    await w.page.getByRole('link', { name: 'Claims', exact: true }).click();
    await w.page.getByLabel('New claim (a short neutral statement)').fill('Militants took the grain silos.');
    await button(w.page, 'Create claim').click();
    await w.page.getByRole('heading', { name: 'Claim: Militants took the grain silos.' }).waitFor();
    await w.page.getByText('No verdict yet: linked comments carry no label.').waitFor();
    await w.page.getByLabel('Link a comment by id').fill(reportedId);
    await button(w.page, 'Link').click();
    await w.page.locator(`parley-claim-detail article[data-comment-id="${reportedId}"]`).waitFor();
    await w.page.getByLabel('Verdict', { exact: true }).selectOption('FALSE');
    await w.page.getByLabel('Summary shown to readers').fill('The silos were never captured; the footage is from 2019.');
    await w.page.getByLabel('Source 1 URL').fill('https://observatory.example/report-7');
    await w.page.getByLabel('Source 1 title').fill('Observatory report 7');
    await button(w.page, 'Publish verdict').click();
    await w.page.getByRole('status').filter({ hasText: 'Verdict published' }).waitFor({ state: 'attached' });
    await w.page.getByRole('listitem').filter({ hasText: /^\s*False \(version 1, as of/ }).waitFor();
    expect(w.problems).toEqual([]);
    // The reader's view: the label under the comment in the embed on the news site's page.
    const reader = await s.newPage();
    await reader.page.goto(`${s.site}/article`);
    await waitForThread(reader.page);
    const label = commentWith(reader.page, 'grain silos').getByRole('region', { name: /Fact check/ });
    await label.getByText('False', { exact: true }).waitFor();
    await label.getByText('The silos were never captured; the footage is from 2019.').waitFor();
    expect(reader.problems).toEqual([]);
  });

  it('proposes comments that repeat a claim, links one in a click, and shows notes on linked comments with their status', async () => {
    // Written straight to the table: a comment posted through the API would be attached to the claim automatically.
    const similar = await createComment(s.t.prisma, {
      articleId,
      authorId: p.otherReader.id,
      bodySource: 'Militants took the grain silos, everyone says so.',
      bodyHtml: '<p>Militants took the grain silos, everyone says so.</p>',
    });
    await s.t.prisma.contextNote.create({
      data: { commentId: reportedId, authorId: p.otherReader.id, text: 'The clip was first posted in 2019.', sources: [{ url: 'https://agency.example/2019', title: 'Agency archive' }] },
    });
    const w = await openConsoleAs(s, p.factChecker, '#/desk/claims');
    await w.page.getByRole('link', { name: 'Militants took the grain silos.' }).click();
    const detail = w.page.locator('parley-claim-detail');
    await detail.getByText('1 context note').click();
    await detail.getByRole('listitem').filter({ hasText: 'The clip was first posted in 2019.' }).getByText('Needs more ratings').waitFor();
    const proposal = detail.locator(`article[aria-label="Proposed comment"][data-comment-id="${similar.id}"]`);
    await button(proposal, 'Link to this claim').click();
    await detail.locator(`article[aria-label="Linked comment"][data-comment-id="${similar.id}"]`).waitFor();
    await proposal.waitFor({ state: 'detached' });
    const claim = await s.t.prisma.claim.findFirstOrThrow({ where: { statement: 'Militants took the grain silos.' } });
    expect(await s.t.prisma.claimComment.count({ where: { claimId: claim.id } })).toBe(2);
    expect(w.problems).toEqual([]);
  });

  it('lists possible campaigns for the desk', async () => {
    const w = await openConsoleAs(s, p.factChecker, '#/desk/campaigns');
    await w.page.getByText(/comments compared over 6 hours/).waitFor();
    expect(w.problems).toEqual([]);
  });

  it('lets an admin edit the word lists and an article’s comment settings', async () => {
    const w = await openConsoleAs(s, p.admin, '#/settings');
    await w.page.getByLabel('Word or phrase').fill('grenade lobber');
    await w.page.getByLabel('List', { exact: true }).selectOption('BANNED');
    await button(w.page, 'Add').click();
    await w.page.getByRole('button', { name: 'Remove grenade lobber from banned words' }).waitFor();
    expect(await s.t.prisma.moderationWord.count({ where: { phrase: 'grenade lobber', kind: 'BANNED' } })).toBe(1);
    const row = w.page.locator(`parley-admin-view tr[data-article-id="${articleId}"]`);
    await row.getByRole('checkbox', { name: 'Open' }).uncheck();
    await row.getByLabel('Moderation of Who holds the grain silos').selectOption('PRE');
    await button(row, 'Save').click();
    await row.getByText(/closed now/).waitFor();
    const article = await request(s.t.http).get(`/api/articles/${articleId}`).expect(200);
    expect(article.body.comments).toMatchObject({ open: false, enabled: false, moderationMode: 'PRE' });
    await w.page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await button(w.page, 'Remove grenade lobber from banned words').click();
    await w.page.getByRole('button', { name: 'Remove grenade lobber from banned words' }).waitFor({ state: 'detached' });
    expect(await s.t.prisma.moderationWord.count()).toBe(0);
    await s.t.prisma.article.update({ where: { id: articleId }, data: { commentsOpen: true, moderationMode: 'POST' } });
    expect(w.problems).toEqual([]);
  });

  describe('axe-core finds no serious or critical violation', () => {
    const check = async (page: Parameters<typeof axeViolations>[0]) => expect(serious(await axeViolations(page, 'parley-console'))).toEqual([]);

    it('on the sign-in page', async () => {
      const w = await s.newPage();
      await w.page.goto(`${s.api}/console`);
      await w.page.getByLabel('Email').waitFor();
      await check(w.page);
      expect(w.problems).toEqual([]);
    });

    it('on a queue, with each of its dialogs open', async () => {
      const w = await openConsoleAs(s, p.admin, '#/queues/unmoderated');
      await w.page.locator(`parley-queue-view article[data-comment-id="${reportedId}"]`).waitFor();
      await check(w.page);
      for (const [key, name] of [
        ['r', 'Reject comment'],
        ['?', 'Keyboard shortcuts'],
        ['u', `User: ${p.reader.displayName}`],
      ]) {
        await w.page.keyboard.press(key);
        await w.page.getByRole('dialog', { name }).waitFor();
        await check(w.page);
        await w.page.keyboard.press('Escape');
        await w.page.getByRole('dialog').waitFor({ state: 'hidden' });
      }
      expect(w.problems).toEqual([]);
    });

    it.each([
      ['#/desk', `parley-desk-view article[data-comment-id]`],
      ['#/desk/claims', 'parley-desk-view table tbody tr'],
      ['#/audit', 'parley-audit-view tbody tr'],
      ['#/settings', 'parley-admin-view tbody tr'],
    ])('on %s', async (hash, ready) => {
      const w = await openConsoleAs(s, p.admin, hash);
      await w.page.locator(ready).first().waitFor();
      await check(w.page);
      expect(w.problems).toEqual([]);
    });

    it('on a claim', async () => {
      const w = await openConsoleAs(s, p.admin, '#/desk/claims');
      await w.page.locator('parley-desk-view table a').first().click();
      await w.page.locator('parley-claim-detail h2').waitFor();
      await check(w.page);
      expect(w.problems).toEqual([]);
    });
  });
});
