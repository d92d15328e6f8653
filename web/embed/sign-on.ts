/**
 * Sign-on through the news site (SSO). The site already knows its reader; it hands Parley a
 * short-lived token it signed with SSO_SECRET, and the embed exchanges it at POST /api/auth/sso.
 * The site offers tokens in one of two ways:
 *  - a function: `element.sso = async ({ interactive }) => token` (or a global `window.parleySso`),
 *    called silently on load (`interactive: false`: return null when nobody is signed in on the
 *    site) and when the reader presses "Sign in" (`interactive: true`: the site may show its own
 *    login first);
 *  - an event: the embed fires `parley:login-required` (cancelable) when a signed-out reader wants
 *    to act; the site calls `preventDefault()`, signs its reader in, then `element.signOn(token)`.
 * With neither, the embed offers Parley's own accounts.
 */

export type SsoProvider = (request: { interactive: boolean }) => Promise<string | null | undefined> | string | null | undefined;

declare global {
  interface Window {
    parleySso?: SsoProvider;
  }
}

export function ssoProviderFor(el: { sso?: SsoProvider | null }): SsoProvider | null {
  if (typeof el.sso === 'function') return el.sso;
  return typeof window.parleySso === 'function' ? window.parleySso : null;
}

/** The site's token, or null when it has none (or the function failed). */
export async function siteToken(provider: SsoProvider, interactive: boolean): Promise<string | null> {
  try {
    const token = await provider({ interactive });
    return typeof token === 'string' && token.length > 0 ? token : null;
  } catch {
    return null;
  }
}
