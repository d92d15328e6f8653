import { css, html, LitElement, nothing, TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiClient } from '../shared/api';
import { Session } from '../shared/session';
import { base, tokens } from '../shared/styles';
import type { Role } from '../shared/types';
import { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import { errorText } from './errors';
import './admin-view';
import './audit-view';
import './desk-view';
import './queue-view';

type Section = 'queues' | 'desk' | 'audit' | 'settings';

/** Which sections each role sees: moderators the queues, fact-checkers the desk, admins all. */
export const SECTIONS_BY_ROLE: Record<Role, Section[]> = {
  READER: [],
  MODERATOR: ['queues', 'audit'],
  FACT_CHECKER: ['desk'],
  ADMIN: ['queues', 'desk', 'audit', 'settings'],
};

const TITLES: Record<Section, string> = { queues: 'Moderation queues', desk: 'Misinformation desk', audit: 'Audit log', settings: 'Settings' };

/**
 * `<parley-console>`: the whole console. Signs a staff member in with a Parley account, keeps the
 * session in this origin's localStorage, and shows the sections their role allows. The location's
 * hash is the route (`#/queues/pending`, `#/desk/claims/<id>`, `#/audit`, `#/settings`), so the
 * back button and bookmarks work and a reload keeps the place.
 */
@customElement('parley-console')
export class ParleyConsole extends LitElement {
  static override styles = [
    tokens,
    base,
    consoleStyles,
    css`
      :host { min-height: 100vh; background: var(--_surface); }
      header { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space) calc(var(--_space) * 2); padding: var(--_space) calc(var(--_space) * 2); background: var(--_bg); border-bottom: 1px solid var(--_border); }
      header .brand { font-weight: 700; font-size: 1.1em; margin: 0; }
      nav ul { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
      nav a { display: inline-block; padding: 0.35em 0.8em; border-radius: var(--_radius); color: var(--_fg); text-decoration: none; }
      nav a[aria-current='page'] { background: var(--_accent); color: var(--_on-accent); }
      .who { margin-inline-start: auto; display: flex; gap: var(--_space); align-items: center; }
      main { padding: calc(var(--_space) * 2); max-width: 80em; margin: 0 auto; }
      .sign-in { max-width: 24em; margin: 10vh auto; background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 3); }
    `,
  ];

  @state() private route: string[] = [];
  @state() private signingIn = false;
  @state() private error = '';
  @state() private staffRole: Role | null = null;

  readonly session = new Session(`parley:console:${location.origin}`);
  readonly api = new ConsoleApi(new ApiClient(location.origin, { token: () => this.session.token, expired: () => this.session.clear() }));

  override connectedCallback(): void {
    super.connectedCallback();
    this.session.addEventListener('change', this.onSession);
    window.addEventListener('hashchange', this.onHash);
    this.onSession();
    this.onHash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session.removeEventListener('change', this.onSession);
    window.removeEventListener('hashchange', this.onHash);
  }

  private readonly onSession = (): void => {
    this.staffRole = this.session.user?.role ?? null;
  };

  private readonly onHash = (): void => {
    this.route = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  };

  private sections(): Section[] {
    return this.staffRole ? SECTIONS_BY_ROLE[this.staffRole] : [];
  }

  /** The section in the address if this role may see it, else the role's first. */
  private current(): Section | null {
    const allowed = this.sections();
    const asked = this.route[0] as Section | undefined;
    return asked && allowed.includes(asked) ? asked : (allowed[0] ?? null);
  }

  protected override render() {
    if (!this.session.user) return this.renderSignIn();
    const section = this.current();
    const user = this.session.user;
    return html`<header>
        <p class="brand">Parley console</p>
        <nav aria-label="Console sections">
          <ul>
            ${this.sections().map((s) => html`<li><a href="#/${s}" aria-current=${s === section ? 'page' : nothing}>${TITLES[s]}</a></li>`)}
          </ul>
        </nav>
        <div class="who">
          <span>${user.displayName} <span class="muted">(${user.role.toLowerCase().replace('_', '-')})</span></span>
          <button class="btn" type="button" @click=${this.signOut}>Sign out</button>
        </div>
      </header>
      <main>${section ? this.renderSection(section) : html`<h1>No console access</h1><p>This account is a reader's: the console is for moderators, fact-checkers and admins.</p>`}</main>`;
  }

  private renderSection(section: Section): TemplateResult {
    const rest = this.route[0] === section ? this.route.slice(1) : [];
    const me = this.session.user!;
    switch (section) {
      case 'queues':
        return html`<parley-queue-view .api=${this.api} .me=${me} .queue=${rest[0] ?? 'pending'}></parley-queue-view>`;
      case 'desk':
        return html`<parley-desk-view .api=${this.api} .path=${rest}></parley-desk-view>`;
      case 'audit':
        return html`<parley-audit-view .api=${this.api}></parley-audit-view>`;
      case 'settings':
        return html`<parley-admin-view .api=${this.api}></parley-admin-view>`;
    }
  }

  private renderSignIn(): TemplateResult {
    return html`<main>
      <form class="sign-in" @submit=${this.signIn} novalidate>
        <h1>Sign in to the Parley console</h1>
        <p class="muted">For moderators, fact-checkers and admins.</p>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p class="error" role="alert">${this.error}</p>
        <button class="btn primary" type="submit" ?disabled=${this.signingIn}>Sign in</button>
      </form>
    </main>`;
  }

  private async signIn(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this.error = 'Enter your email and password.';
      return;
    }
    this.signingIn = true;
    this.error = '';
    try {
      const session = await this.api.login(email, password);
      this.session.set(session);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('main h1, main [role=tablist] a, nav a')?.focus();
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.signingIn = false;
    }
  }

  private readonly signOut = async (): Promise<void> => {
    await this.api.logout().catch(() => undefined);
    this.session.clear();
    history.replaceState(null, '', location.pathname);
    this.onHash();
  };
}
