import { seedDemoData } from '../../prisma/seed/demo';
import { NotesService } from '../../src/modules/misinformation/notes/notes.service';
import { describeInBrowser } from './harness/chromium';
import { button, commentWith, embed, postComment, registerThroughDialog, waitForThread } from './harness/embed';
import { BrowserStack, startBrowserStack } from './harness/stack';

/**
 * The page a new user sees after `npm start`: the seeded article with its discussion, the
 * fact-check label and the context note (scored helpful by the note scorer, as at start), the
 * embed on the same origin as the API, under the page's own content policy.
 */
describeInBrowser('the demo article page', () => {
  let s: BrowserStack;

  beforeAll(async () => {
    s = await startBrowserStack();
    expect(await seedDemoData(s.t.db.url)).not.toBeNull();
    await s.t.app.get(NotesService).score('schedule');
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows the article, its seeded discussion, the label and the helpful note, and takes a new comment', async () => {
    const w = await s.newPage();
    await w.page.goto(`${s.api}/demo`);
    await w.page.getByRole('heading', { level: 1, name: 'Both sides claim the river crossing south of the dam' }).waitFor();
    await w.page.getByText('Mara Quint covers armed conflict').waitFor();
    await waitForThread(w.page);
    expect(await embed(w.page).getByRole('heading', { level: 2 }).textContent()).toBe('5 Comments');
    const claim = commentWith(w.page, 'they also took the grain silos');
    await claim.getByRole('region', { name: /Fact check/ }).getByText('Unverified').waitFor();
    await claim.getByRole('region', { name: 'Readers added context' }).getByText('The silos are about 12 km north').waitFor();
    await commentWith(w.page, 'شكرا على التقرير').waitFor();
    await registerThroughDialog(w.page, { email: 'demo@example.org', password: 'shelter near the old bridge', name: 'Demo Reader' });
    await postComment(w.page, 'Posted from the demo page.');
    await button(embed(w.page), 'Sign out').click();
    expect(w.problems).toEqual([]);
  });

  it('shows the embed in Arabic and dark when asked', async () => {
    const w = await s.newPage();
    await w.page.goto(`${s.api}/demo?lang=ar&theme=dark`);
    await waitForThread(w.page);
    expect(await embed(w.page).locator('.root').getAttribute('dir')).toBe('rtl');
    expect(await embed(w.page).getAttribute('theme')).toBe('dark');
    expect(w.problems).toEqual([]);
  });
});
