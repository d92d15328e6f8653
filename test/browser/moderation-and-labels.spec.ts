import request from 'supertest';
import { giveGoodStanding } from '../fuzz/world';
import { createArticle, createPersonas, Personas } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { articlePage, button, commentWith, embed, postComment, refocus, waitForThread, withStoredSession } from './harness/embed';
import { BrowserStack, startBrowserStack, WatchedPage } from './harness/stack';

const SOURCES = [{ url: 'https://observatory.example/report-7', title: 'Observatory report 7' }];

/**
 * What moderators and fact-checkers do in other sessions (through the API) reaching the reader's
 * view on its next refresh: held comments approved, comments removed, fact-check labels, context
 * notes rated helpful; and the reader's side of a rejection: the statement of reasons and appeal.
 */
describeInBrowser('moderation and fact-checking as the reader sees it', () => {
  let s: BrowserStack;
  let p: Personas;
  let w: WatchedPage;
  let articleId: string;
  const api = (method: 'post' | 'put', path: string, who: { auth: { Authorization: string } }, body: object) =>
    request(s.t.http)[method](path).set(who.auth).send(body);

  beforeAll(async () => {
    s = await startBrowserStack();
    p = await createPersonas(s.t.prisma);
    const article = await createArticle(s.t.prisma, { url: 'https://news.example/world/moderated' });
    articleId = article.id;
    await api('post', '/api/moderation/words', p.admin, { phrase: 'grenade lobber', kind: 'BANNED' }).expect(201);
    s.hostPage('/article', { html: articlePage({ api: s.api, articleUrl: 'https://news.example/world/moderated' }) });
    w = await s.newPage();
    await withStoredSession(w.page, s.api, p.reader);
    await w.page.goto(`${s.site}/article`);
    await waitForThread(w.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows the reader a held comment as awaiting review until a moderator approves it', async () => {
    await s.t.prisma.article.update({ where: { id: articleId }, data: { moderationMode: 'PRE' } });
    const mine = await postComment(w.page, 'My first comment here, please approve.');
    await mine.getByText('Awaiting review: only you can see this').waitFor();
    const row = await s.t.prisma.comment.findFirstOrThrow({ where: { bodySource: 'My first comment here, please approve.' } });
    expect(row.status).toBe('PENDING');
    await api('post', `/api/moderation/comments/${row.id}/decisions`, p.moderator, { action: 'APPROVE', revision: row.revision, expectedStatus: 'PENDING' }).expect(201);
    await refocus(w.page);
    await mine.getByText('Awaiting review').waitFor({ state: 'detached' });
    await s.t.prisma.article.update({ where: { id: articleId }, data: { moderationMode: 'POST' } });
  });

  it('removes a comment a moderator rejected from the view on refresh', async () => {
    const theirs = await api('post', `/api/articles/${articleId}/comments`, p.otherReader, { body: 'Everyone at the checkpoint is a traitor.' }).expect(201);
    await refocus(w.page);
    await commentWith(w.page, 'Everyone at the checkpoint').waitFor();
    await embed(w.page).getByRole('status').getByText('1 new comment').waitFor();
    const { status } = await s.t.prisma.comment.findUniqueOrThrow({ where: { id: theirs.body.id } });
    await api('post', `/api/moderation/comments/${theirs.body.id}/decisions`, p.moderator, { action: 'REJECT', reason: 'HATE', revision: 1, expectedStatus: status }).expect(201);
    await refocus(w.page);
    await commentWith(w.page, 'Everyone at the checkpoint').waitFor({ state: 'detached' });
  });

  it('shows the verdict on a claim a fact-checker linked the comment to: verdict, summary, claim, sources, date', async () => {
    const comment = await api('post', `/api/articles/${articleId}/comments`, p.otherReader, { body: 'They also took the grain silos, a channel says.' }).expect(201);
    const claim = await api('post', '/api/desk/claims', p.factChecker, { statement: 'Militants took the grain silos.', commentIds: [comment.body.id] }).expect(201);
    await refocus(w.page);
    await commentWith(w.page, 'grain silos').waitFor();
    expect(await commentWith(w.page, 'grain silos').getByRole('region', { name: /Fact check/ }).count()).toBe(0);
    await api('post', `/api/desk/claims/${claim.body.id}/verdicts`, p.factChecker, { verdict: 'FALSE', summary: 'The silos were never captured; footage is from 2019.', sources: SOURCES }).expect(201);
    await refocus(w.page);
    const label = commentWith(w.page, 'grain silos').getByRole('region', { name: /Fact check/ });
    await label.getByText('False', { exact: true }).waitFor();
    await label.getByText('The silos were never captured; footage is from 2019.').waitFor();
    await label.getByText('Militants took the grain silos.').waitFor();
    expect(await label.getByRole('link', { name: 'Observatory report 7' }).getAttribute('href')).toBe(SOURCES[0].url);
    await label.getByText(/^As of /).waitFor();
  });

  it('shows an external fact-check the claim cites: the publisher’s rating and a link to it', async () => {
    const comment = await api('post', `/api/articles/${articleId}/comments`, p.otherReader, { body: 'The foreign minister resigned this morning, it is everywhere.' }).expect(201);
    const claim = await api('post', '/api/desk/claims', p.factChecker, { statement: 'The foreign minister resigned.', commentIds: [comment.body.id] }).expect(201);
    const external = { url: 'https://factcheck.example/2026/minister', publisher: 'Example Fact Check', rating: 'Fabricated' };
    await api('put', `/api/desk/claims/${claim.body.id}/external-review`, p.factChecker, external).expect(200);
    await refocus(w.page);
    const label = commentWith(w.page, 'foreign minister resigned').getByRole('region', { name: /Fact check/ });
    await label.getByText('Fabricated', { exact: true }).waitFor();
    expect(await label.getByRole('link', { name: 'Example Fact Check' }).first().getAttribute('href')).toBe(external.url);
    await label.getByText('The foreign minister resigned.').waitFor();
  });

  it('lets the reader rate and write context notes, and shows a note once rated helpful across camps', async () => {
    const claim = await s.t.prisma.comment.findFirstOrThrow({ where: { bodySource: { startsWith: 'They also took the grain silos' } } });
    await giveGoodStanding(s.t, p.reader);
    const comment = commentWith(w.page, 'grain silos');
    await button(comment, 'Context notes').click();
    const dialog = w.page.getByRole('dialog', { name: 'Context notes on this comment' });
    await dialog.getByText('No context notes yet.').waitFor();
    await dialog.getByLabel('Context that helps readers judge this comment').fill('The clip was first posted in 2019 by a news agency.');
    await dialog.getByLabel('Source URL').fill('https://agency.example/2019/clip');
    await dialog.getByLabel('Source title').fill('Agency archive, 2019');
    await button(dialog, 'Submit note').click();
    await dialog.getByText('The clip was first posted in 2019 by a news agency.').waitFor();
    await dialog.getByText('Needs more ratings').waitFor();
    await w.page.keyboard.press('Escape');
    // Raters in two camps: they disagree on other notes and agree on this one.
    const note = await s.t.prisma.contextNote.findFirstOrThrow({ where: { commentId: claim.id } });
    await rateInCamps(note.id, claim.id);
    await api('post', '/api/desk/notes/score', p.factChecker, {}).expect(200);
    await refocus(w.page);
    const context = comment.getByRole('region', { name: 'Readers added context' });
    await context.getByText('The clip was first posted in 2019 by a news agency.').waitFor();
    expect(await context.getByRole('link', { name: 'Agency archive, 2019' }).getAttribute('href')).toBe('https://agency.example/2019/clip');
    // The notes page lists every note with its status; the reader rates another reader's note.
    await button(comment, 'Context notes').click();
    await dialog.getByText('Rated helpful').waitFor();
    const partisan = dialog.getByRole('listitem').filter({ hasText: 'Partisan note 3' });
    await button(partisan, 'Somewhat').click();
    await dialog.getByText('Thanks, your rating was saved.').waitFor();
    const rated = await s.t.prisma.contextNote.findFirstOrThrow({ where: { text: 'Partisan note 3' } });
    expect(await s.t.prisma.noteRating.findUniqueOrThrow({ where: { noteId_raterId: { noteId: rated.id, raterId: p.reader.id } } })).toMatchObject({ value: 'SOMEWHAT_HELPFUL' });
    await w.page.keyboard.press('Escape');
  });

  it('tells the author a comment was refused, why, and lets them appeal a moderator’s rejection', async () => {
    const mine = await postComment(w.page, 'That grenade lobber again.');
    await mine.getByText('Your comment was not published.').waitFor();
    const row = await s.t.prisma.comment.findFirstOrThrow({ where: { bodySource: 'That grenade lobber again.' } });
    expect(row.status).toBe('REJECTED');
    // A moderator reviews it: restores it, then rejects it with a reason and a message.
    await api('post', `/api/moderation/comments/${row.id}/decisions`, p.moderator, { action: 'RESTORE', revision: 1, expectedStatus: 'REJECTED' }).expect(201);
    await api('post', `/api/moderation/comments/${row.id}/decisions`, p.moderator, { action: 'REJECT', revision: 1, expectedStatus: 'APPROVED', reason: 'ABUSE', message: 'Name-calling is not allowed.' }).expect(201);
    await button(mine, 'Why, and how to appeal').click();
    const dialog = w.page.getByRole('dialog', { name: 'Moderator decision' });
    await dialog.getByText('Reason: Abusive or insulting').waitFor();
    await dialog.getByText('Name-calling is not allowed.').waitFor();
    await dialog.getByLabel('Why should this decision be reviewed?').fill('It was a quote of what the soldiers called him.');
    await button(dialog, 'Send appeal').click();
    await dialog.getByText('Your appeal is being reviewed by another moderator.').waitFor();
    expect(await s.t.prisma.appeal.count({ where: { decision: { commentId: row.id } } })).toBe(1);
    await w.page.keyboard.press('Escape');
  });

  it('saw no script error, console error or policy violation', () => {
    expect(w.problems).toEqual([]);
  });

  async function rateInCamps(noteId: string, commentId: string): Promise<void> {
    const raters = await Promise.all(Array.from({ length: 12 }, (_, i) => s.t.prisma.user.create({ data: { displayName: `Rater ${i}`, email: `rater${i}@example.org` } })));
    const others = await Promise.all(
      Array.from({ length: 10 }, (_, i) => s.t.prisma.contextNote.create({ data: { commentId, authorId: p.otherReader.id, text: `Partisan note ${i}`, sources: SOURCES } })),
    );
    const data = raters.flatMap((r, i) => [
      { noteId, raterId: r.id, value: 'HELPFUL' as const },
      ...others.map((o, j) => ({ noteId: o.id, raterId: r.id, value: (i < 6) === (j < 5) ? ('HELPFUL' as const) : ('NOT_HELPFUL' as const) })),
    ]);
    await s.t.prisma.noteRating.createMany({ data });
  }
});
