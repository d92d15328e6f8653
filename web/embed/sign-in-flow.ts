import type { SessionResponse } from '../shared/types';
import { errorText } from './errors';
import type { ParleyComments } from './parley-comments';
import { siteToken, ssoProviderFor } from './sign-on';

/**
 * Signing in and out: the site's sign-on (silently on load, or when the reader asks), the
 * `parley:login-required` event for sites that run their own login, Parley's own dialog
 * otherwise; and what follows a change of session (events for the site, a refreshed thread).
 */
export class SignInFlow {
  private silentTried = false;

  constructor(
    private readonly el: ParleyComments,
    private readonly refresh: () => Promise<void>,
  ) {}

  /** Once per page: a site that knows its reader signs them in without a click. */
  async trySilent(): Promise<void> {
    const provider = ssoProviderFor(this.el);
    if (!provider || this.el.session.token || this.silentTried) return;
    this.silentTried = true;
    const token = await siteToken(provider, false);
    if (token) await this.signOn(token, this.el.status === 'ready');
  }

  /** A signed-out reader wants to act: the site's sign-on first, else Parley's own dialog. */
  async request(): Promise<void> {
    const provider = ssoProviderFor(this.el);
    if (provider) {
      const token = await siteToken(provider, true);
      if (token) await this.signOn(token);
      return;
    }
    const event = new CustomEvent('parley:login-required', { bubbles: true, composed: true, cancelable: true });
    if (!this.el.dispatchEvent(event)) return;
    await this.el.signInDialog.show();
  }

  async signOn(token: string, reload = true): Promise<boolean> {
    try {
      this.signedIn(await this.el.client.signOn(token), reload);
      return true;
    } catch (err) {
      this.el.topError = errorText(this.el.i18n, err);
      return false;
    }
  }

  signedIn(session: SessionResponse, reload = true): void {
    this.el.topError = '';
    this.el.session.set(session);
    this.el.dispatchEvent(new CustomEvent('parley:signed-in', { bubbles: true, detail: { id: session.user.id, displayName: session.user.displayName } }));
    this.el.announce(this.el.i18n.t('signedInAs', { name: session.user.displayName }));
    if (reload) void this.refresh();
  }

  async signOut(): Promise<void> {
    await this.el.client.logout().catch(() => undefined);
    this.el.session.clear();
    this.el.dispatchEvent(new CustomEvent('parley:signed-out', { bubbles: true }));
    void this.refresh();
  }

  /** The server no longer knows the token (expired, revoked): forget it and say so. */
  expired(): void {
    this.el.session.clear();
    this.el.topError = this.el.i18n.t('error.SESSION');
  }
}
