import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as jwt from 'jsonwebtoken';
import type { Locator, Page } from 'playwright-core';

/**
 * Host pages with the embed, and helpers that act on it as a reader would (by role and visible
 * text; Playwright's locators see into open shadow roots).
 */

export interface ArticlePageOptions {
  /** Parley's origin (the script's). */
  api: string;
  articleUrl: string;
  /** The page's own language (the embed follows it unless `attrs` sets lang). */
  lang?: string;
  /** Extra attributes on <parley-comments>, e.g. `lang="ar" theme="dark"`. */
  attrs?: string;
  /** A stylesheet of the host page, served from the site itself (`/host.css`). */
  css?: boolean;
}

/** The page a newsroom writes: its article, then the two lines. */
export function articlePage(o: ArticlePageOptions): string {
  return `<!doctype html>
<html lang="${o.lang ?? 'en'}">
<head><meta charset="utf-8"><title>An article</title>
${o.css ? '<link rel="stylesheet" href="/host.css">' : ''}
<script async src="${o.api}/embed.js"></script>
</head>
<body>
<h1>An article about a river crossing</h1>
<div class="story"><p>The article text.</p></div>
<parley-comments article-url="${o.articleUrl}" ${o.attrs ?? ''}></parley-comments>
</body>
</html>`;
}

/**
 * A strict policy as a security-minded newsroom would set it: nothing inline, scripts only from
 * itself and Parley, connections only to Parley. What the README tells sites to allow.
 */
export function strictPolicy(api: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${api}`,
    `connect-src ${api}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function embed(page: Page): Locator {
  return page.locator('parley-comments');
}

/** The comment whose own text contains `text` (the innermost match, not its ancestors). */
export function commentWith(page: Page, text: string): Locator {
  return page.locator('parley-comments article.comment').filter({ hasText: text }).last();
}

/** The same comment however its text changes (while it is being edited, say): found by its id. */
export async function pinned(comment: Locator): Promise<Locator> {
  const id = await comment.getAttribute('data-comment-id');
  return comment.page().locator(`parley-comments article[data-comment-id="${id}"]`);
}

export async function waitForThread(page: Page): Promise<void> {
  await page.locator('parley-comments .heading').waitFor();
  await page.locator('parley-comments .list, parley-comments .empty').first().waitFor();
}

export function button(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByRole('button', { name, exact: typeof name === 'string' }).first();
}

/** Signs in with a Parley account through the embed's dialog (registering it first when asked). */
export async function registerThroughDialog(page: Page, who: { email: string; password: string; name: string }): Promise<void> {
  await button(embed(page).locator('.bar'), 'Sign in').click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to comment' });
  await button(dialog, 'Create an account').click();
  await dialog.getByLabel('Name shown with your comments').fill(who.name);
  await dialog.getByLabel('Email').fill(who.email);
  await dialog.getByLabel('Password').fill(who.password);
  await button(dialog, 'Create account').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Posts from the top box; `shown` is the text as rendered, when Markdown changes it. */
export async function postComment(page: Page, text: string, shown = text): Promise<Locator> {
  await embed(page).getByLabel('Your comment', { exact: true }).fill(text);
  await button(embed(page), 'Post comment').click();
  const posted = commentWith(page, shown);
  await posted.waitFor();
  return posted;
}

/** The window event the update source listens to: makes the embed refresh now. */
export async function refocus(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
}

export function ssoToken(secret: string, claims: { sub: string; name: string; email?: string }): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ email: `${claims.sub}@site.example`, ...claims, jti: randomUUID(), iat: now, exp: now + 120 }, secret, { algorithm: 'HS256' });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core over the embed (and the dialogs in it), WCAG 2.x A and AA rules. Injected through the
 * DevTools protocol, so it runs even where the page's policy forbids inline scripts.
 */
export async function axeViolations(page: Page, selector = 'parley-comments'): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [sel] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, selector);
}

export function serious(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Starts the page with a Parley session already stored, as after an earlier sign-in (the embed
 * keeps it in the site's localStorage under `parley:session:<Parley base URL>`). For tests about
 * what a signed-in reader sees; signing in itself is tested through the dialog and SSO.
 */
export async function withStoredSession(page: Page, api: string, user: { id: string; token: string; displayName: string; role?: string }): Promise<void> {
  const value = JSON.stringify({
    token: user.token,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: user.id, displayName: user.displayName, email: null, role: user.role ?? 'READER', sanction: { status: 'ACTIVE', reason: null, until: null }, premoderated: false, sso: false },
  });
  await page.addInitScript(([key, v]) => window.localStorage.setItem(key, v), [`parley:session:${api}`, value] as const);
}
