import { html, LitElement, nothing, PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiClient } from '../shared/api';
import { I18n, langOf } from '../shared/i18n';
import { sanitizeToFragment } from '../shared/sanitize';
import { Session } from '../shared/session';
import { base, tokens } from '../shared/styles';
import type { Comment, Sort } from '../shared/types';
import type { UpdateSource } from '../shared/updates';
import { CommentActions } from './comment-actions';
import { renderComment, ViewContext } from './comment-view';
import type { DecisionDialog } from './decision-dialog';
import { embedStyles } from './embed-styles';
import { createUpdateSource } from './live';
import { ar } from './messages-ar';
import { en, MessageKey } from './messages-en';
import type { NotesDialog } from './notes-dialog';
import type { ComposerSubmit, ParleyComposer } from './parley-composer';
import type { ReportDialog } from './report-dialog';
import type { SignInDialog } from './sign-in-dialog';
import { SignInFlow } from './sign-in-flow';
import type { SsoProvider } from './sign-on';
import type { Thread } from './thread-store';
import './decision-dialog';
import './notes-dialog';
import './parley-composer';
import './report-dialog';
import './sign-in-dialog';

const SORTS: Sort[] = ['newest', 'oldest', 'replies', 'respect'];

/** Where this script was loaded from: Parley's base URL, unless the element names another. */
const SCRIPT_BASE = (() => {
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  return src ? new URL('.', src).href.replace(/\/$/, '') : location.origin;
})();

/**
 * `<parley-comments article-url="…">`: the comment section of one article. Attributes:
 * `article-url` (or `article-id`), `article-title`, `lang` (interface language; else the page's),
 * `theme` (`light` or `dark`; else the reader's system setting), `api` (Parley's base URL when
 * not the script's origin). Properties: `sso` (see sign-on.ts). Events on the element:
 * `parley:ready`, `parley:login-required`, `parley:signed-in`, `parley:signed-out`.
 */
@customElement('parley-comments')
export class ParleyComments extends LitElement {
  static override styles = [tokens, base, embedStyles];

  @property({ attribute: 'article-url' }) articleUrl = '';
  @property({ attribute: 'article-id' }) articleId = '';
  @property({ attribute: 'article-title' }) articleTitle = '';
  @property({ reflect: true }) theme: 'light' | 'dark' | '' = '';
  @property() api = '';
  @property({ attribute: false }) sso: SsoProvider | null = null;

  @state() status: 'loading' | 'ready' | 'error' = 'loading';
  @state() thread: Thread | null = null;
  /** Permalink mode: one conversation, from its top comment down to the linked one. */
  @state() single: Thread | null = null;
  @state() sort: Sort = 'newest';
  @state() replyingTo: string | null = null;
  @state() editing: string | null = null;
  @state() confirmingDelete: string | null = null;
  @state() busy: string | null = null;
  @state() formError = '';
  /** Which form or comment the error belongs to: 'top', 'more', a comment id, 'replies:<id>'. */
  @state() errorAt: string | null = null;
  @state() topError = '';
  @state() announcement = '';
  @state() highlight: string | null = null;
  @state() rejected: Comment[] = [];
  @state() reported = new Set<string>();
  @state() contextAsked = new Set<string>();
  @state() user: { id: string; displayName: string } | null = null;

  @query('parley-sign-in-dialog') signInDialog!: SignInDialog;
  @query('parley-report-dialog') reportDialog!: ReportDialog;
  @query('parley-decision-dialog') decisionDialog!: DecisionDialog;
  @query('parley-notes-dialog') notesDialog!: NotesDialog;
  @query('parley-composer.top') topComposer!: ParleyComposer | null;

  i18n = new I18n<MessageKey>('en', en);
  client!: ApiClient;
  session!: Session;
  private readonly actions = new CommentActions(this);
  readonly account = new SignInFlow(this, () => this.actions.refresh());
  private updates: UpdateSource | null = null;
  private readonly bodies = new Map<string, { html: string; node: Node }>();

  override connectedCallback(): void {
    super.connectedCallback();
    const lang = langOf(this);
    this.i18n = lang === 'ar' ? new I18n<MessageKey>('ar', ar) : new I18n<MessageKey>('en', en);
    const apiBase = (this.api || SCRIPT_BASE).replace(/\/$/, '');
    this.session = new Session(`parley:session:${apiBase}`);
    this.client = new ApiClient(apiBase, { token: () => this.session.token, expired: () => this.account.expired() });
    this.session.addEventListener('change', this.onSession);
    this.onSession();
    window.addEventListener('hashchange', this.onHash);
    void this.actions.start();
    this.updates = createUpdateSource(apiBase, () => this.thread?.articleId ?? null);
    this.updates.start(() => void this.actions.refresh());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.updates?.stop();
    this.session.removeEventListener('change', this.onSession);
    window.removeEventListener('hashchange', this.onHash);
  }

  /** For sites using the event flow: exchange the site's sign-on token for a Parley session. */
  signOn(token: string): Promise<boolean> {
    return this.account.signOn(token);
  }

  signOut(): Promise<void> {
    return this.account.signOut();
  }

  /** Says something to screen readers through the live region. */
  announce(text: string): void {
    // Clearing first makes a repeated message be read again.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private readonly onSession = (): void => {
    const u = this.session.user;
    this.user = u ? { id: u.id, displayName: u.displayName } : null;
  };

  private readonly onHash = (): void => void this.actions.followHash();

  protected override updated(changed: PropertyValues): void {
    // A site may set `sso` after the embed has started: sign in silently then.
    if (changed.has('sso') && this.sso && this.status === 'ready') void this.account.trySilent();
    if (changed.has('status') && this.status === 'ready') this.dispatchEvent(new CustomEvent('parley:ready', { bubbles: true, detail: { count: this.thread?.count ?? 0 } }));
  }

  /** The comment body as sanitized DOM, rebuilt only when its HTML changes. */
  private body(c: Comment): Node {
    const cached = this.bodies.get(c.id);
    if (cached && cached.html === c.html) return cached.node;
    const node = document.createElement('div');
    node.className = 'prose';
    node.append(sanitizeToFragment(c.html ?? ''));
    this.bodies.set(c.id, { html: c.html ?? '', node });
    return node;
  }

  private viewContext(open: boolean): ViewContext {
    return {
      i18n: this.i18n,
      userId: this.user?.id ?? null,
      open,
      highlight: this.highlight,
      replyingTo: this.replyingTo,
      editing: this.editing,
      confirmingDelete: this.confirmingDelete,
      busy: this.busy,
      formError: this.formError,
      errorAt: this.errorAt,
      reported: this.reported,
      contextAsked: this.contextAsked,
      permalink: (id) => `${location.href.split('#')[0]}#comment-${id}`,
      body: (c) => this.body(c),
      editable: (c) => this.actions.editable(c),
      editText: (c) => this.actions.editText(c),
      act: (action, c, detail) => void this.actions.act(action, c, detail),
    };
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const view = this.single ?? this.thread;
    return html`<div class="root" lang=${this.i18n.lang} dir=${this.i18n.dir}>
      <header class="bar">
        <h2 class="heading">${t('heading', { count: this.thread?.count ?? 0 })}</h2>
        <div class="tools">
          <label class="sort-label" for="sort">${t('sortBy')}</label>
          <select id="sort" .value=${this.sort} @change=${(e: Event) => void this.actions.changeSort((e.target as HTMLSelectElement).value as Sort)}>
            ${SORTS.map((s) => html`<option value=${s} ?selected=${s === this.sort}>${t(`sort.${s}` as MessageKey)}</option>`)}
          </select>
          ${this.user
            ? html`<span class="who">${t('signedInLabel')} <bdi>${this.user.displayName}</bdi></span>
                <button type="button" class="btn" @click=${() => void this.account.signOut()}>${t('signOut')}</button>`
            : html`<button type="button" class="btn" @click=${() => void this.account.request()}>${t('signIn')}</button>`}
        </div>
      </header>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.topError ? html`<p class="error" role="alert">${this.topError}</p>` : nothing}
      ${this.status === 'loading' ? html`<p class="muted">${t('loading')}</p>` : nothing}
      ${this.status === 'error'
        ? html`<p class="error">${t('loadError')} <button type="button" class="btn" @click=${() => void this.actions.start()}>${t('retry')}</button></p>`
        : nothing}
      ${this.status === 'ready' && this.thread ? this.renderComposer(this.thread.open) : nothing}
      ${this.rejected.map((c) => html`<div class="own-rejected">${renderComment(c, this.viewContext(false))}</div>`)}
      ${this.single
        ? html`<p class="single-bar" role="note">${t('singleThread')} <button type="button" class="btn" @click=${() => this.actions.showAll()}>${t('showAll')}</button></p>`
        : nothing}
      ${view ? this.renderList(view) : nothing}
      <parley-sign-in-dialog .i18n=${this.i18n} .api=${this.client} .closeLabel=${t('close')} @parley-signed-in=${(e: CustomEvent) => this.account.signedIn(e.detail)}></parley-sign-in-dialog>
      <parley-report-dialog .i18n=${this.i18n} .api=${this.client} .closeLabel=${t('close')} @parley-reported=${(e: CustomEvent) => this.actions.reportedOne(e.detail.commentId)}></parley-report-dialog>
      <parley-decision-dialog .i18n=${this.i18n} .api=${this.client} .closeLabel=${t('close')}></parley-decision-dialog>
      <parley-notes-dialog .i18n=${this.i18n} .api=${this.client} .closeLabel=${t('close')} .signedIn=${this.user !== null} @parley-sign-in-request=${() => void this.account.request()}></parley-notes-dialog>
    </div>`;
  }

  private renderComposer(open: boolean) {
    const t = this.i18n.t.bind(this.i18n);
    if (!open) return html`<p class="notice closed">${t('closed')}</p>`;
    if (!this.user) {
      return html`<p class="join">${t('signInToComment')} <button type="button" class="btn primary" @click=${() => void this.account.request()}>${t('signIn')}</button></p>`;
    }
    return html`<parley-composer
      class="top"
      .label=${t('composer')}
      .submitLabel=${t('post')}
      .cancelLabel=${t('cancel')}
      .sendingLabel=${t('sending')}
      .hint=${t('formatHint')}
      .placeholder=${t('placeholder')}
      .busy=${this.busy === 'top'}
      .error=${this.errorAt === 'top' ? this.formError : ''}
      @parley-submit=${(e: CustomEvent<ComposerSubmit>) => void this.actions.postTop(e.detail)}
    ></parley-composer>`;
  }

  private renderList(view: Thread) {
    const t = this.i18n.t.bind(this.i18n);
    const ctx = this.viewContext(view.open);
    if (view.items.length === 0 && this.status === 'ready') return html`<p class="empty muted">${t('empty')}</p>`;
    return html`<ul class="list">
        ${repeat(view.items, (c) => c.id, (c) => html`<li>${renderComment(c, ctx)}</li>`)}
      </ul>
      ${!this.single && view.nextCursor
        ? html`<button type="button" class="btn load-more" ?disabled=${this.busy === 'more'} @click=${() => void this.actions.loadMore()}>${t('loadMore')}</button>`
        : nothing}
      ${this.errorAt === 'more' ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-comments': ParleyComments;
  }
}
