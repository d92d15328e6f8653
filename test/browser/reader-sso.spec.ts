import { createArticle } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { articlePage, button, embed, postComment, ssoToken, waitForThread } from './harness/embed';
import { BrowserStack, startBrowserStack } from './harness/stack';

const SSO_SECRET = 'browser-sso-secret-that-is-long-enough-0123';
const ARTICLE_URL = 'https://news.example/world/sso';

/**
 * Readers signed in on the news site: the site hands the embed a sign-on token through the
 * documented callbacks (a function on the element or on window, or the login-required event),
 * the embed exchanges it at POST /api/auth/sso, and the reader can post under the site's name.
 */
describeInBrowser('reader signed in through the news site (SSO)', () => {
  let s: BrowserStack;

  beforeAll(async () => {
    s = await startBrowserStack({ SSO_SECRET });
    await createArticle(s.t.prisma, { url: ARTICLE_URL });
    s.hostPage('/article', { html: articlePage({ api: s.api, articleUrl: ARTICLE_URL }) });
  });

  afterAll(async () => {
    await s?.close();
  });

  /** Exposes token minting to the page, as a site's own backend would mint tokens. */
  async function pageWithTokens(sub: string, name: string) {
    const w = await s.newPage();
    let minted = 0;
    await w.page.exposeFunction('mintSiteToken', () => {
      minted += 1;
      return ssoToken(SSO_SECRET, { sub, name });
    });
    return { ...w, minted: () => minted };
  }

  it('signs in silently on load when the element has an sso function and the site knows the reader', async () => {
    const w = await pageWithTokens('site-user-7', 'Sami from the site');
    // The site's script sets the callback before the embed script arrives, as a page would.
    await w.page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const el = document.querySelector('parley-comments') as HTMLElement & { sso?: unknown };
        el.sso = async ({ interactive }: { interactive: boolean }) => {
          (window as unknown as { calls: boolean[] }).calls = [...((window as unknown as { calls?: boolean[] }).calls ?? []), interactive];
          return (window as unknown as { mintSiteToken(): Promise<string> }).mintSiteToken();
        };
      });
    });
    await w.page.goto(`${s.site}/article`);
    await waitForThread(w.page);
    await embed(w.page).locator('.who').getByText('Sami from the site').waitFor();
    expect(await w.page.evaluate(() => (window as unknown as { calls: boolean[] }).calls)).toEqual([false]);
    await postComment(w.page, 'Posted with my account on the news site.');
    const user = await s.t.prisma.user.findFirstOrThrow({ where: { displayName: 'Sami from the site' } });
    expect(user.ssoSubject).toBe('site-user-7');
    expect(await s.t.prisma.comment.count({ where: { authorId: user.id } })).toBe(1);
    expect(w.problems).toEqual([]);
  });

  it('asks window.parleySso interactively when a signed-out reader presses Sign in', async () => {
    const w = await pageWithTokens('site-user-8', 'Nadia N.');
    await w.page.addInitScript(() => {
      let signedInOnSite = false;
      (window as unknown as { parleySso: unknown }).parleySso = async ({ interactive }: { interactive: boolean }) => {
        if (!interactive && !signedInOnSite) return null;
        signedInOnSite = true; // the site's own login would run here
        return (window as unknown as { mintSiteToken(): Promise<string> }).mintSiteToken();
      };
    });
    await w.page.goto(`${s.site}/article`);
    await waitForThread(w.page);
    await embed(w.page).getByText('Sign in to join the discussion.').waitFor();
    expect(w.minted()).toBe(0);
    await button(embed(w.page).locator('.join'), 'Sign in').click();
    await embed(w.page).locator('.who').getByText('Nadia N.').waitFor();
    expect(w.minted()).toBe(1);
    expect(await w.page.getByRole('dialog').count()).toBe(0);
  });

  it('lets the site take over through the parley:login-required event and signOn(token)', async () => {
    const w = await pageWithTokens('site-user-9', 'Event Reader');
    await w.page.addInitScript(() => {
      document.addEventListener('parley:login-required', (e) => {
        e.preventDefault(); // the site shows its own login, then hands over a token
        void (window as unknown as { mintSiteToken(): Promise<string> })
          .mintSiteToken()
          .then((token) => (document.querySelector('parley-comments') as HTMLElement & { signOn(t: string): Promise<boolean> }).signOn(token));
      });
      document.addEventListener('parley:signed-in', (e) => ((window as unknown as { signedIn: unknown }).signedIn = (e as CustomEvent).detail));
    });
    await w.page.goto(`${s.site}/article`);
    await waitForThread(w.page);
    await button(embed(w.page).locator('.join'), 'Sign in').click();
    await embed(w.page).locator('.who').getByText('Event Reader').waitFor();
    expect(await w.page.evaluate(() => (window as unknown as { signedIn: { displayName: string } }).signedIn.displayName)).toBe('Event Reader');
    expect(await w.page.getByRole('dialog').count()).toBe(0);
  });

  it('shows why a refused token did not sign the reader in', async () => {
    const w = await s.newPage();
    await w.page.addInitScript(() => {
      (window as unknown as { parleySso: unknown }).parleySso = ({ interactive }: { interactive: boolean }) => (interactive ? 'not-a-real-token' : null);
    });
    await w.page.goto(`${s.site}/article`);
    await waitForThread(w.page);
    await button(embed(w.page).locator('.join'), 'Sign in').click();
    await embed(w.page).getByRole('alert').waitFor();
    await embed(w.page).getByText('Sign in to join the discussion.').waitFor();
  });
});
