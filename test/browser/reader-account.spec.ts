import request from 'supertest';
import { createArticle, createUser } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { articlePage, button, commentWith, embed, pinned, postComment, registerThroughDialog, waitForThread } from './harness/embed';
import { BrowserStack, startBrowserStack, WatchedPage } from './harness/stack';

/**
 * A reader on a news site (another origin than Parley's, allowed by CORS_ORIGINS) creates a
 * Parley account in the embed and does everything a reader does: post, reply, edit, delete,
 * react and report, including an urgent war-reporting reason.
 */
describeInBrowser('reader with a Parley account, on a news site of another origin', () => {
  let s: BrowserStack;
  let w: WatchedPage;
  let articleId: string;
  let theirId: string;

  beforeAll(async () => {
    s = await startBrowserStack();
    const article = await createArticle(s.t.prisma, { url: 'https://news.example/world/crossing' });
    articleId = article.id;
    const other = await createUser(s.t.prisma, { displayName: 'Omar from Mosul' });
    const posted = await request(s.t.http).post(`/api/articles/${articleId}/comments`).set(other.auth).send({ body: 'A convoy was seen near the school this morning.' }).expect(201);
    theirId = posted.body.id;
    s.hostPage('/article', { html: articlePage({ api: s.api, articleUrl: 'https://news.example/world/crossing' }) });
    w = await s.newPage();
    await w.page.goto(`${s.site}/article`);
    await waitForThread(w.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows the thread to a signed-out reader, with a way to sign in', async () => {
    await commentWith(w.page, 'A convoy was seen near the school').waitFor();
    await embed(w.page).getByText('Sign in to join the discussion.').waitFor();
    expect(await embed(w.page).getByRole('heading', { level: 2 }).textContent()).toBe('1 Comment');
  });

  it('creates an account and posts a comment', async () => {
    await registerThroughDialog(w.page, { email: 'lena@example.org', password: 'a long river crossing', name: 'Lena K.' });
    await embed(w.page).locator('.who').getByText('Lena K.').waitFor();
    const posted = await postComment(w.page, 'Has the **school** claim been checked by anyone?', 'Has the school claim been checked by anyone?');
    expect(await posted.locator('strong').textContent()).toBe('school');
    expect(await embed(w.page).getByRole('heading', { level: 2 }).textContent()).toBe('2 Comments');
    const stored = await s.t.prisma.comment.findMany({ where: { articleId, bodySource: { contains: 'school** claim' } } });
    expect(stored).toHaveLength(1);
  });

  it('replies to another reader', async () => {
    const theirs = commentWith(w.page, 'A convoy was seen near the school');
    await button(theirs, 'Reply').click();
    await theirs.getByLabel('Your reply to Omar from Mosul').fill('Which school? There are two on that road.');
    await button(theirs, 'Post reply').click();
    const reply = commentWith(w.page, 'Which school? There are two on that road.');
    await reply.waitFor();
    const row = await s.t.prisma.comment.findFirstOrThrow({ where: { bodySource: 'Which school? There are two on that road.' } });
    expect(row.parentId).toBe(theirId);
  });

  it('edits its own reply within the edit window', async () => {
    const reply = await pinned(commentWith(w.page, 'Which school?'));
    await button(reply, 'Edit').click();
    const box = reply.getByLabel('Edit your comment');
    expect(await box.inputValue()).toBe('Which school? There are two on that road.');
    await box.fill('Which school? There are three on that road.');
    await button(reply, 'Save changes').click();
    await commentWith(w.page, 'There are three on that road.').waitFor();
    await commentWith(w.page, 'There are three on that road.').getByText('edited').waitFor();
  });

  it('gives and takes back respect', async () => {
    const theirs = commentWith(w.page, 'A convoy was seen near the school');
    // The comment's element holds its replies, whose own buttons may already read "Respect 0":
    // wait for this comment's request to be answered, then look at its first (own) button.
    const answered = (method: string) =>
      w.page.waitForResponse((r) => r.request().method() === method && r.url().endsWith(`/comments/${theirId}/reactions/RESPECT`));
    await Promise.all([answered('PUT'), button(theirs, /^Respect/).click()]);
    await theirs.locator('button[aria-pressed="true"]', { hasText: 'Respect 1' }).first().waitFor();
    expect(await s.t.prisma.reaction.count({ where: { commentId: theirId, kind: 'RESPECT' } })).toBe(1);
    await Promise.all([answered('DELETE'), button(theirs, /^Respect/).click()]);
    await expect(button(theirs, /^Respect/).getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await s.t.prisma.reaction.count({ where: { commentId: theirId } })).toBe(0);
  });

  it('reports a comment with an urgent war-reporting reason, details and a source', async () => {
    const theirs = commentWith(w.page, 'A convoy was seen near the school');
    await button(theirs, 'Report').click();
    const dialog = w.page.getByRole('dialog', { name: 'Report this comment' });
    await dialog.getByRole('group', { name: 'Urgent: puts people in danger' }).getByLabel('Reveals troop or civilian positions').check();
    await dialog.getByLabel('Details').fill('Names the school where families shelter.');
    await dialog.getByLabel('A source supporting your report (optional)').fill('https://maps.example/school');
    await button(dialog, 'Send report').click();
    await dialog.getByText('Urgent reports reach the moderators at once.').waitFor();
    const flag = await s.t.prisma.flag.findFirstOrThrow({ where: { commentId: theirId } });
    expect(flag).toMatchObject({ reason: 'REVEALS_POSITIONS', details: 'Names the school where families shelter.', sourceUrl: 'https://maps.example/school' });
    await button(dialog, 'Close').click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('reports misinformation only with details, which go to the fact-checkers', async () => {
    await s.t.prisma.flag.deleteMany({});
    const theirs = commentWith(w.page, 'A convoy was seen near the school');
    await button(theirs, 'Report').click();
    const dialog = w.page.getByRole('dialog', { name: 'Report this comment' });
    await dialog.getByLabel('False or misleading information').check();
    await dialog.getByText('they never hide a comment by themselves').waitFor();
    await button(dialog, 'Send report').click();
    await dialog.getByRole('alert').waitFor();
    expect(await s.t.prisma.flag.count()).toBe(0);
    await dialog.getByLabel('Details (required): what is wrong?').fill('The convoy photo is from 2019.');
    await button(dialog, 'Send report').click();
    await dialog.getByText('Your report was sent to the moderators.').waitFor();
    expect(await s.t.prisma.flag.findFirstOrThrow({})).toMatchObject({ reason: 'MISINFORMATION', details: 'The convoy photo is from 2019.' });
    await w.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('deletes its own comment after confirming', async () => {
    const mine = commentWith(w.page, 'claim been checked by anyone?');
    await button(mine, 'Delete').click();
    await button(mine, 'Yes, delete').click();
    await mine.waitFor({ state: 'detached' });
    const row = await s.t.prisma.comment.findFirstOrThrow({ where: { bodySource: { contains: 'claim been checked' } } });
    expect(row.status).toBe('DELETED');
    expect(await embed(w.page).getByRole('heading', { level: 2 }).textContent()).toBe('2 Comments');
  });

  it('keeps the session across a reload and signs out', async () => {
    await w.page.reload();
    await waitForThread(w.page);
    await embed(w.page).locator('.who').getByText('Lena K.').waitFor();
    await button(embed(w.page), 'Sign out').click();
    await embed(w.page).getByText('Sign in to join the discussion.').waitFor();
    expect(await s.t.prisma.session.count({ where: { revokedAt: null, user: { displayName: 'Lena K.' } } })).toBe(0);
  });

  it('saw no script error, console error or policy violation', () => {
    expect(w.problems).toEqual([]);
  });
});
