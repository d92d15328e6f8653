import request from 'supertest';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { openConsoleAs, queueCount, queueItem, waitForCount, waitForFocusOn, waitForQueue } from './harness/console';
import { button } from './harness/embed';
import { BrowserStack, startBrowserStack } from './harness/stack';

/**
 * A moderator's day in the console: signing in, the pending queue worked from the keyboard
 * (approve, reject with a reason), counts that follow readers' reports, bulk decisions, the user
 * drawer, appeals that only another moderator may decide, and the audit log. Each decision is
 * checked where readers see it: the public API.
 */
describeInBrowser('the console: moderation queues', () => {
  let s: BrowserStack;
  let p: Personas;
  let articleId: string;
  let secondModerator: TestUser;
  const post = async (who: TestUser, body: string): Promise<string> =>
    (await request(s.t.http).post(`/api/articles/${articleId}/comments`).set(who.auth).send({ body }).expect(201)).body.id as string;
  const statusOf = async (id: string) => (await s.t.prisma.comment.findUniqueOrThrow({ where: { id } })).status;
  const publicThread = async () => (await request(s.t.http).get(`/api/articles/${articleId}/comments`).expect(200)).body as { items: { id: string }[] };

  beforeAll(async () => {
    s = await startBrowserStack();
    p = await createPersonas(s.t.prisma);
    secondModerator = await createUser(s.t.prisma, { role: 'MODERATOR', displayName: 'Nia Second-Moderator' });
    const article = await createArticle(s.t.prisma, { url: 'https://news.example/world/console', title: 'Fighting near the river crossing', moderationMode: 'PRE' });
    articleId = article.id;
  });

  afterAll(async () => {
    await s?.close();
  });

  it('signs a moderator in with a Parley account and shows only the sections of that role', async () => {
    const email = 'mira.moderator@example.org';
    const password = 'night shift at the river desk';
    await request(s.t.http).post('/api/auth/register').send({ email, password, displayName: 'Mira Okafor' }).expect(201);
    await s.t.prisma.user.update({ where: { email }, data: { role: 'MODERATOR' } });
    const w = await s.newPage({ viewport: { width: 1280, height: 900 } });
    await w.page.goto(`${s.api}/console`);
    await w.page.getByLabel('Email').fill(email);
    await w.page.getByLabel('Password').fill('not the password');
    await button(w.page, 'Sign in').click();
    await w.page.getByRole('alert').filter({ hasText: /password/i }).waitFor();
    await w.page.getByLabel('Password').fill(password);
    await button(w.page, 'Sign in').click();
    const nav = w.page.getByRole('navigation', { name: 'Console sections' });
    await nav.getByRole('link', { name: 'Moderation queues' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Moderation queues', 'Audit log']);
    await w.page.getByText('Mira Okafor').waitFor();
    expect(w.problems).toEqual(['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });

  it('approves a held comment with "a" and rejects the next with "r" and a reason; readers see the outcome', async () => {
    const first = await post(p.reader, 'The bridge is intact, I walked over it this morning.');
    const second = await post(p.otherReader, 'Everyone at that checkpoint is a traitor and deserves it.');
    const w = await openConsoleAs(s, p.moderator, '#/queues/pending');
    await waitForQueue(w.page, 'pending');
    await queueItem(w.page, 'The bridge is intact').waitFor();
    await waitForCount(w.page, 'pending', 2);
    // j/k move the current item and the focus with it.
    await w.page.keyboard.press('j');
    await waitForFocusOn(w.page, second);
    await w.page.keyboard.press('k');
    await waitForFocusOn(w.page, first);
    await w.page.keyboard.press('a');
    await queueItem(w.page, 'The bridge is intact').waitFor({ state: 'detached' });
    expect(await statusOf(first)).toBe('APPROVED');
    expect((await publicThread()).items.map((c) => c.id)).toContain(first);
    // The next item is current now: reject it with a reason from the dialog.
    await waitForFocusOn(w.page, second);
    await w.page.keyboard.press('r');
    const dialog = w.page.getByRole('dialog', { name: 'Reject comment' });
    await dialog.waitFor();
    await button(dialog, 'Reject').click();
    await dialog.getByText('Choose the reason for the rejection.').waitFor();
    await dialog.getByLabel('Reason (shown to the author)').selectOption('HATE');
    await dialog.getByLabel('Message to the author (optional)').fill('Calls for harm are not allowed here.');
    await button(dialog, 'Reject').click();
    await queueItem(w.page, 'checkpoint is a traitor').waitFor({ state: 'detached' });
    expect(await statusOf(second)).toBe('REJECTED');
    const statement = await request(s.t.http).get(`/api/comments/${second}/decision`).set(p.otherReader.auth).expect(200);
    expect(statement.body).toMatchObject({ action: 'REJECT', reason: 'HATE', message: 'Calls for harm are not allowed here.' });
    await w.page.getByText('Nothing in this queue.').waitFor();
    await waitForCount(w.page, 'pending', 0);
    expect(w.problems).toEqual([]);
  });

  it('restores a rejected comment with "a" from the rejected queue', async () => {
    const w = await openConsoleAs(s, p.moderator, '#/queues/rejected');
    const item = queueItem(w.page, 'checkpoint is a traitor');
    await button(item, 'Restore').waitFor();
    expect(await item.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await item.click({ position: { x: 5, y: 5 } });
    await w.page.keyboard.press('a');
    await item.waitFor({ state: 'detached' });
    const restored = await s.t.prisma.comment.findFirstOrThrow({ where: { bodySource: { startsWith: 'Everyone at that checkpoint' } } });
    expect(restored.status).toBe('APPROVED');
    await request(s.t.http).post(`/api/moderation/comments/${restored.id}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', reason: 'HATE', revision: 1, expectedStatus: 'APPROVED' }).expect(201);
    expect(w.problems).toEqual([]);
  });

  it('goes back to the sign-in form when the stored session is no longer valid', async () => {
    const w = await openConsoleAs(s, { ...p.moderator, token: 'a-session-that-ended' }, '#/queues/pending');
    await w.page.getByRole('heading', { name: 'Sign in to the Parley console' }).waitFor();
    expect(w.problems.length).toBeGreaterThan(0);
    for (const problem of w.problems) expect(problem).toBe('console: Failed to load resource: the server responded with a status of 401 (Unauthorized)');
  });

  it('raises the reported count when a reader reports a comment, on the next focus', async () => {
    const id = await post(p.reader, 'A reported comment about the convoy.');
    await s.t.prisma.comment.update({ where: { id }, data: { status: 'PUBLISHED' } });
    const w = await openConsoleAs(s, p.moderator, '#/queues/reported');
    await waitForQueue(w.page, 'reported');
    const before = await queueCount(w.page, 'reported');
    await request(s.t.http).post(`/api/comments/${id}/flags`).set(p.otherReader.auth).send({ reason: 'SPAM' }).expect(201);
    await w.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await waitForCount(w.page, 'reported', before + 1);
    const item = queueItem(w.page, 'A reported comment about the convoy.');
    await item.getByText('Spam × 1').waitFor();
    expect(w.problems).toEqual([]);
  });

  it('assigns an item to the moderator with "t", approves two selected items at once, and shows who holds an item', async () => {
    const a = await post(p.reader, 'Bulk one: the ferry runs again.');
    const b = await post(p.reader, 'Bulk two: the market reopened.');
    const c = await post(p.reader, 'Bulk three: stays in the queue.');
    const w = await openConsoleAs(s, p.moderator, '#/queues/pending');
    await queueItem(w.page, 'Bulk three').waitFor();
    await queueItem(w.page, 'Bulk one').click({ position: { x: 5, y: 5 } });
    await w.page.keyboard.press('t');
    await queueItem(w.page, 'Bulk one').getByText(/Assigned to you until/).waitFor();
    expect((await s.t.prisma.comment.findUniqueOrThrow({ where: { id: a } })).assignedToId).toBe(p.moderator.id);
    // Another moderator sees who is on it.
    const other = await openConsoleAs(s, secondModerator, '#/queues/pending');
    await queueItem(other.page, 'Bulk one').getByText(/Mo Moderator is on it until/).waitFor();
    // Select with x (keyboard) and with the checkbox, then approve both.
    await w.page.keyboard.press('x');
    await queueItem(w.page, 'Bulk two').getByRole('checkbox').check();
    await w.page.getByText('2 selected').waitFor();
    await button(w.page, 'Approve selected').click();
    await queueItem(w.page, 'Bulk one').waitFor({ state: 'detached' });
    await queueItem(w.page, 'Bulk two').waitFor({ state: 'detached' });
    expect([await statusOf(a), await statusOf(b), await statusOf(c)]).toEqual(['APPROVED', 'APPROVED', 'PENDING']);
    expect(w.problems).toEqual([]);
    expect(other.problems).toEqual([]);
  });

  it('suspends the author from the user drawer, with the reason they will read', async () => {
    const w = await openConsoleAs(s, p.moderator, '#/queues/pending');
    const item = queueItem(w.page, 'Bulk three');
    await item.click({ position: { x: 5, y: 5 } });
    await w.page.keyboard.press('u');
    const drawer = w.page.getByRole('dialog', { name: `User: ${p.reader.displayName}` });
    await drawer.getByText('Member since').waitFor();
    await drawer.getByLabel('Suspend for (hours)').fill('48');
    await drawer.getByLabel('Reason shown to the user', { exact: true }).fill('Repeated spam about ferries.');
    await button(drawer, 'Suspend').click();
    await drawer.getByText('Suspended for 48 hours.').waitFor();
    await drawer.getByText('User suspended').waitFor();
    const user = await s.t.prisma.user.findUniqueOrThrow({ where: { id: p.reader.id } });
    expect(user.status).toBe('SUSPENDED');
    expect(user.statusReason).toBe('Repeated spam about ferries.');
    await w.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await item.getByText(/Suspended until/).waitFor();
    // Focus comes back to the item on the drawer's close event; until then a key is not a shortcut.
    await waitForFocusOn(w.page, (await item.getAttribute('data-comment-id')) ?? '');
    // Pre-moderation and lifting the suspension, from the drawer again.
    await w.page.keyboard.press('u');
    await drawer.getByRole('checkbox', { name: 'Pre-moderate every comment by this user' }).check();
    await drawer.getByText('Pre-moderation on.').waitFor();
    await button(drawer, 'Lift suspension').click();
    await drawer.getByText('Sanction lifted.').waitFor();
    expect(await s.t.prisma.user.findUniqueOrThrow({ where: { id: p.reader.id } })).toMatchObject({ status: 'ACTIVE', premoderated: true });
    await s.t.prisma.user.update({ where: { id: p.reader.id }, data: { premoderated: false } });
    expect(w.problems).toEqual([]);
  });

  it('rejects selected items together with one reason', async () => {
    const a = await post(p.otherReader, 'Buy followers here, cheap and fast.');
    const b = await post(p.otherReader, 'Buy followers here, cheap and quick.');
    const w = await openConsoleAs(s, p.moderator, '#/queues/pending');
    for (const text of ['cheap and fast', 'cheap and quick']) await queueItem(w.page, text).getByRole('checkbox').check();
    await button(w.page, 'Reject selected…').click();
    const dialog = w.page.getByRole('dialog', { name: 'Reject 2 comments' });
    await dialog.getByLabel('Reason (shown to the author)').selectOption('SPAM');
    await button(dialog, 'Reject').click();
    await queueItem(w.page, 'cheap and quick').waitFor({ state: 'detached' });
    await queueItem(w.page, 'cheap and fast').waitFor({ state: 'detached' });
    const decisions = await s.t.prisma.moderationDecision.findMany({ where: { commentId: { in: [a, b] } } });
    expect(decisions.map((d) => [d.action, d.reason])).toEqual([
      ['REJECT', 'SPAM'],
      ['REJECT', 'SPAM'],
    ]);
    expect(w.problems).toEqual([]);
  });

  it('refuses the appeal to the moderator who made the decision and lets another moderator overturn it', async () => {
    const id = await post(p.otherReader, 'Quoting what the soldiers shouted, not my words.');
    const expectedStatus = await statusOf(id);
    await request(s.t.http).post(`/api/moderation/comments/${id}/decisions`).set(p.moderator.auth).send({ action: 'REJECT', reason: 'ABUSE', revision: 1, expectedStatus }).expect(201);
    await request(s.t.http).post(`/api/comments/${id}/appeal`).set(p.otherReader.auth).send({ text: 'It was a quote, in a news context.' }).expect(201);
    const w = await openConsoleAs(s, p.moderator, '#/queues/appeals');
    const mine = queueItem(w.page, 'Quoting what the soldiers shouted');
    await mine.getByText('It was a quote, in a news context.').waitFor();
    await button(mine, 'Overturn and restore').click();
    await mine.getByRole('alert').filter({ hasText: 'different moderator' }).waitFor();
    expect(await statusOf(id)).toBe('REJECTED');
    const other = await openConsoleAs(s, secondModerator, '#/queues/appeals');
    const theirs = queueItem(other.page, 'Quoting what the soldiers shouted');
    await theirs.getByLabel('Note on the outcome (shown to the author)').fill('Quoted speech in a report is allowed.');
    await button(theirs, 'Overturn and restore').click();
    await theirs.waitFor({ state: 'detached' });
    expect(await statusOf(id)).toBe('APPROVED');
    const appeal = await s.t.prisma.appeal.findFirstOrThrow({ where: { commentId: id } });
    expect(appeal).toMatchObject({ status: 'OVERTURNED', outcomeNote: 'Quoted speech in a report is allowed.' });
    // The refused call is the only problem on the first moderator's page (Chromium logs every 4xx).
    expect(w.problems).toEqual(['console: Failed to load resource: the server responded with a status of 403 (Forbidden)']);
    expect(other.problems).toEqual([]);
  });

  it('filters the audit log by kind', async () => {
    const w = await openConsoleAs(s, p.moderator, '#/audit');
    await w.page.locator('parley-audit-view tbody tr').first().waitFor();
    expect(await w.page.locator('parley-audit-view tbody tr[data-kind="COMMENT_APPROVED"]').count()).toBeGreaterThan(0);
    await w.page.getByLabel('Kind').selectOption('COMMENT_REJECTED');
    await button(w.page, 'Apply filters').click();
    await w.page.locator('parley-audit-view tbody tr[data-kind="COMMENT_APPROVED"]').first().waitFor({ state: 'detached' });
    const kinds = await w.page.locator('parley-audit-view tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(kinds)).toEqual(new Set(['COMMENT_REJECTED']));
    await w.page.locator('parley-audit-view tbody').getByText('Mo Moderator').first().waitFor();
    expect(w.problems).toEqual([]);
  });
});
