import request from 'supertest';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { openConsoleAs, queueItem, waitForCount, waitForQueue } from './harness/console';
import { BrowserStack, startBrowserStack } from './harness/stack';

/**
 * The console's queues follow the moderators' live stream (`GET /api/moderation/events`). The
 * console is opened with its polling made an hour long (`?refresh=3600`) and nothing gives the
 * page focus, so whatever appears or leaves during a test came through the stream.
 */
describeInBrowser('the console: live queues', () => {
  let s: BrowserStack;
  let p: Personas;
  let articleId: string;
  let secondModerator: TestUser;

  beforeAll(async () => {
    s = await startBrowserStack();
    p = await createPersonas(s.t.prisma);
    secondModerator = await createUser(s.t.prisma, { role: 'MODERATOR', displayName: 'Nia Second-Moderator' });
    articleId = (await createArticle(s.t.prisma, { url: 'https://news.example/world/live-queue', title: 'Shelling reported near the dam', moderationMode: 'PRE' })).id;
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows a comment held for review as it is posted, with its count, and drops it when another moderator decides it', async () => {
    const w = await openConsoleAs(s, p.moderator, '?refresh=3600#/queues/pending');
    await waitForQueue(w.page, 'pending');
    await waitForCount(w.page, 'pending', 0);
    // The stream is read: from here on, only it can change the view.
    await w.page.locator('parley-queue-view [data-live="on"]').waitFor();

    const posted = await request(s.t.http).post(`/api/articles/${articleId}/comments`).set(p.reader.auth).send({ body: 'The dam spillway was opened at dawn, water is rising fast.' }).expect(201);
    expect(posted.body.state).toBe('awaiting-review');
    const item = queueItem(w.page, 'The dam spillway was opened at dawn');
    await item.waitFor();
    await waitForCount(w.page, 'pending', 1);

    await request(s.t.http)
      .post(`/api/moderation/comments/${posted.body.id as string}/decisions`)
      .set(secondModerator.auth)
      .send({ action: 'APPROVE', revision: 1, expectedStatus: 'PENDING' })
      .expect(201);
    await item.waitFor({ state: 'detached' });
    await waitForCount(w.page, 'pending', 0);
    await w.page.getByRole('status').filter({ hasText: 'Another moderator decided the comment by Lena Reader.' }).waitFor({ state: 'attached' });
    expect(w.problems).toEqual([]);
  });

  it('adds a reported comment to the reported queue as the report arrives', async () => {
    const posted = await request(s.t.http).post(`/api/articles/${articleId}/comments`).set(p.reader.auth).send({ body: 'Officials say the evacuation order covers the lower town.' }).expect(201);
    await s.t.prisma.comment.update({ where: { id: posted.body.id as string }, data: { status: 'PUBLISHED' } });
    const w = await openConsoleAs(s, p.moderator, '?refresh=3600#/queues/reported');
    await waitForQueue(w.page, 'reported');
    await w.page.locator('parley-queue-view [data-live="on"]').waitFor();
    await waitForCount(w.page, 'reported', 0);

    await request(s.t.http).post(`/api/comments/${posted.body.id as string}/flags`).set(p.otherReader.auth).send({ reason: 'SPAM' }).expect(201);
    await queueItem(w.page, 'Officials say the evacuation order').getByText('Spam × 1').waitFor();
    await waitForCount(w.page, 'reported', 1);
    expect(w.problems).toEqual([]);
  });
});
