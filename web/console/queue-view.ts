import { html, LitElement, nothing, PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { base, tokens } from '../shared/styles';
import type { Me } from '../shared/types';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import { QUEUES, QueueCounts, QueueItem, QueueName } from './console-types';
import { errorText } from './errors';
import { QueueActions } from './queue-actions';
import { ItemHandlers, renderQueueItem } from './queue-item';
import { QueueKeys } from './queue-keys';
import { QueueLive } from './queue-live';
import type { RejectDialog } from './reject-dialog';
import type { ShortcutsDialog } from './shortcuts-dialog';
import type { UserDrawer } from './user-drawer';
import { QUEUE_TEXT } from './words';
import './reject-dialog';
import './shortcuts-dialog';
import './user-drawer';

/**
 * The moderation queues: tabs with live counts, the current queue's items, keyboard-first work
 * (see queue-keys.ts), assignment, bulk decisions, the user drawer and appeals. Changes arrive
 * through the moderators' live stream, with polling as the fallback (queue-live.ts).
 */
@customElement('parley-queue-view')
export class QueueView extends LitElement {
  static override styles = [tokens, base, consoleStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) me!: Me;
  @property() queue: QueueName | string = 'pending';

  @state() counts: Record<string, number> = {};
  @state() alerts: QueueCounts['alerts'] = [];
  @state() items: QueueItem[] = [];
  @state() nextCursor: string | null = null;
  @state() index = 0;
  @state() selected = new Set<string>();
  @state() loading = true;
  @state() busy: string | null = null;
  @state() errors = new Map<string, string>();
  @state() listError = '';
  @state() announcement = '';
  /** Whether the live stream is open (else the view polls). */
  @state() live = false;

  @query('parley-reject-dialog') rejectDialog!: RejectDialog;
  @query('parley-shortcuts-dialog') shortcutsDialog!: ShortcutsDialog;
  @query('parley-user-drawer') userDrawer!: UserDrawer;

  private updates: QueueLive | null = null;
  private readonly keys = new QueueKeys(this);
  readonly actions = new QueueActions(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.updates = new QueueLive(this);
    this.updates.start();
    this.keys.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.updates?.stop();
    this.updates = null;
    this.keys.detach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('queue')) {
      this.items = [];
      this.index = 0;
      this.selected = new Set();
      this.errors = new Map();
      void this.load();
      void this.loadCounts();
    }
  }

  get current(): QueueItem | undefined {
    return this.items[this.index];
  }

  get dialogOpen(): boolean {
    return [this.rejectDialog, this.shortcutsDialog, this.userDrawer].some((d) => d?.isOpen);
  }

  private get queueName(): QueueName {
    return ((QUEUES as readonly string[]).includes(this.queue) ? this.queue : 'pending') as QueueName;
  }

  async loadCounts(): Promise<void> {
    try {
      const result = await this.api.counts();
      this.counts = result.counts;
      this.alerts = result.alerts;
    } catch {
      // The list shows the error; counts keep their last values.
    }
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      const page = await this.api.queue(this.queueName);
      this.setItems(page.items);
      this.nextCursor = page.nextCursor;
      this.listError = '';
    } catch (err) {
      this.listError = errorText(err);
    } finally {
      this.loading = false;
    }
  }

  /** New items keep the moderator's place: the current item and selection survive by id. */
  private setItems(items: QueueItem[]): void {
    const currentId = this.current?.comment.id;
    this.items = items;
    const at = currentId ? items.findIndex((i) => i.comment.id === currentId) : -1;
    this.index = at >= 0 ? at : Math.min(this.index, Math.max(0, items.length - 1));
    const ids = new Set(items.map((i) => i.comment.id));
    this.selected = new Set([...this.selected].filter((id) => ids.has(id)));
  }

  async refresh(): Promise<void> {
    if (this.dialogOpen || this.busy) return void this.loadCounts();
    await Promise.all([this.loadCounts(), this.nextCursor ? Promise.resolve() : this.load()]);
  }

  /** Reloads the first page unless the moderator is mid-action or has paged further; false when it did not. */
  async reloadList(): Promise<boolean> {
    if (this.dialogOpen || this.busy) return false;
    if (!this.nextCursor) await this.load();
    return true;
  }

  private async more(): Promise<void> {
    if (!this.nextCursor) return;
    try {
      const page = await this.api.queue(this.queueName, this.nextCursor);
      const known = new Set(this.items.map((i) => i.comment.id));
      this.items = [...this.items, ...page.items.filter((i) => !known.has(i.comment.id))];
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.listError = errorText(err);
    }
  }

  /** Moves the current item and puts focus on it, for keyboard and screen-reader users. */
  async move(delta: number): Promise<void> {
    if (!this.items.length) return;
    this.index = Math.max(0, Math.min(this.items.length - 1, this.index + delta));
    await this.updateComplete;
    this.focusCurrent();
  }

  focusCurrent(): void {
    const id = this.current?.comment.id;
    const card = id ? this.renderRoot.querySelector<HTMLElement>(`article[data-comment-id="${id}"]`) : null;
    card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
  }

  toggle(item = this.current): void {
    if (!item) return;
    const next = new Set(this.selected);
    if (next.has(item.comment.id)) next.delete(item.comment.id);
    else next.add(item.comment.id);
    this.selected = next;
  }

  openUser(item = this.current): void {
    if (item) void this.userDrawer.open(item.author.id, item.author);
  }

  showShortcuts(): void {
    void this.shortcutsDialog.show();
  }

  private selectAll(on: boolean): void {
    this.selected = on ? new Set(this.items.map((i) => i.comment.id)) : new Set();
  }

  protected override render() {
    const name = this.queueName;
    return html`<h1>Moderation queues</h1>
      ${this.renderTabs(name)} ${this.renderToolbar()}
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p class="error" role="alert">${this.listError}</p>
      <section aria-label="${QUEUE_TEXT[name]} queue">
        ${this.items.length === 0 && !this.loading && !this.listError ? html`<p class="empty">Nothing in this queue.</p>` : nothing}
        ${repeat(
          this.items,
          (i) => i.comment.id,
          (item, i) => renderQueueItem(item, this.handlers(item, i)),
        )}
        ${this.nextCursor ? html`<button class="btn" type="button" @click=${() => this.more()}>Show more</button>` : nothing}
      </section>
      <parley-reject-dialog></parley-reject-dialog>
      <parley-shortcuts-dialog></parley-shortcuts-dialog>
      <parley-user-drawer .api=${this.api} @parley-user-changed=${() => this.load()}></parley-user-drawer>`;
  }

  private renderTabs(name: QueueName) {
    const alerts = this.alerts.length;
    return html`<nav aria-label="Queues">
        <ul class="tabs">
          ${QUEUES.map(
            (q) => html`<li>
              <a href="#/queues/${q}" aria-current=${q === name ? 'page' : nothing} data-queue=${q}>${QUEUE_TEXT[q]} <span class="count">${this.counts[q] ?? '…'}</span></a>
            </li>`,
          )}
        </ul>
      </nav>
      ${alerts ? html`<p class="chip danger" role="note">${alerts} open alert${alerts === 1 ? '' : 's'} (bursts of reports on an article)</p>` : nothing}`;
  }

  private renderToolbar() {
    const all = this.items.length > 0 && this.selected.size === this.items.length;
    return html`<div class="toolbar">
      <label class="check"><input type="checkbox" .checked=${all} @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked)} /> Select all</label>
      ${this.selected.size
        ? html`<span>${this.selected.size} selected</span>
            <button class="btn primary" type="button" ?disabled=${this.busy !== null} @click=${() => this.actions.bulk('APPROVE')}>Approve selected</button>
            <button class="btn danger" type="button" ?disabled=${this.busy !== null} @click=${() => this.actions.bulk('REJECT')}>Reject selected…</button>`
        : nothing}
      <span class="grow"></span>
      <span class="chip" data-live=${this.live ? 'on' : 'off'}>${this.live ? 'Live updates' : 'Refreshing on a timer'}</span>
      <button class="btn" type="button" @click=${() => this.refresh()}>Refresh</button>
      <button class="btn" type="button" @click=${() => this.showShortcuts()} aria-keyshortcuts="?">Keyboard shortcuts <kbd aria-hidden="true">?</kbd></button>
    </div>`;
  }

  private handlers(item: QueueItem, i: number): ItemHandlers {
    return {
      me: this.me.id,
      busy: this.busy !== null,
      selected: this.selected.has(item.comment.id),
      current: i === this.index,
      error: this.errors.get(item.comment.id) ?? '',
      focus: () => (this.index = this.items.indexOf(item)),
      toggle: () => this.toggle(item),
      approve: () => this.actions.approve(item),
      reject: () => void this.actions.reject(item),
      feature: () => this.actions.feature(item),
      take: () => this.actions.takeOrRelease(item),
      release: () => this.actions.takeOrRelease(item),
      user: () => this.openUser(item),
      appeal: (outcome, note) => this.actions.decideAppeal(item, outcome, note),
    };
  }
}
