import type { Locator, Page } from 'playwright-core';
import type { TestUser } from '../../helpers/factories';
import type { BrowserStack, WatchedPage } from './stack';

/**
 * The console as staff use it: opened on Parley's own origin (`/console`), signed in through its
 * form or with a session already stored (as after an earlier sign-in), and helpers that find
 * things by role and visible text.
 */

/** Opens the console with the staff member's session already in this origin's localStorage. */
export async function openConsoleAs(s: BrowserStack, who: TestUser, hash = ''): Promise<WatchedPage> {
  const w = await s.newPage({ viewport: { width: 1280, height: 900 } });
  const value = JSON.stringify({
    token: who.token,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: who.id, displayName: who.displayName, email: null, role: who.role, sanction: { status: 'ACTIVE', reason: null, until: null }, premoderated: false, sso: false },
  });
  await w.page.addInitScript(([key, v]) => window.localStorage.setItem(key, v), [`parley:console:${s.api}`, value] as const);
  await w.page.goto(`${s.api}/console${hash}`);
  // The console's header, or the sign-in form when the stored session turns out to be invalid.
  await w.page.locator('parley-console header, parley-console form.sign-in').first().waitFor();
  return w;
}

/** The queue item (card) showing `text` in its comment. */
export function queueItem(page: Page, text: string): Locator {
  return page.locator('parley-queue-view article.card').filter({ hasText: text });
}

/** The live count on a queue's tab, once the counts have arrived. */
export async function queueCount(page: Page, queue: string): Promise<number> {
  const count = page.locator(`parley-queue-view a[data-queue="${queue}"] .count`).filter({ hasText: /^\d+$/ });
  return Number(await count.textContent());
}

/** Waits until the tab shows this count (counts refresh on their own schedule). */
export async function waitForCount(page: Page, queue: string, n: number): Promise<void> {
  await page.locator(`parley-queue-view a[data-queue="${queue}"] .count`).filter({ hasText: new RegExp(`^${n}$`) }).waitFor();
}

/** Waits until the queue view shows the queue's items (or says it is empty). */
export async function waitForQueue(page: Page, queue: string): Promise<void> {
  await page.locator(`parley-queue-view a[data-queue="${queue}"][aria-current="page"]`).waitFor();
  await page.locator('parley-queue-view article.card, parley-queue-view .empty').first().waitFor();
}

/** Waits until keyboard focus is on the queue item of this comment (looking through shadow roots). */
export async function waitForFocusOn(page: Page, commentId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.closest('article.card')?.getAttribute('data-comment-id') === id;
    },
    commentId,
    { timeout: 8000 },
  );
}
