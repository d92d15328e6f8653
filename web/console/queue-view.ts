import { html, LitElement, nothing, PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { base, tokens } from '../shared/styles';
import type { Me } from '../shared/types';
import { PollingSource } from '../shared/updates';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import { QUEUES, QueueCounts, QueueItem, QueueName } from './console-types';
import { allowedDecisions } from './decisions';
import { errorText } from './errors';
import { renderQueueItem } from './queue-item';
import { QueueKeys } from './queue-keys';
import type { RejectDialog } from './reject-dialog';
import type { ShortcutsDialog } from './shortcuts-dialog';
import type { UserDrawer } from './user-drawer';
import { QUEUE_TEXT } from './words';
import './reject-dialog';
import './shortcuts-dialog';
import './user-drawer';

/** How often counts and the list refresh while the tab is visible (and at once on focus). */
const REFRESH_MS = 15_000;

/**
 * The moderation queues: tabs with live counts, the current queue's items, keyboard-first work
 * (see queue-keys.ts), assignment, bulk decisions, the user drawer and appeals.
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

  @query('parley-reject-dialog') rejectDialog!: RejectDialog;
  @query('parley-shortcuts-dialog') shortcutsDialog!: ShortcutsDialog;
  @query('parley-user-drawer') userDrawer!: UserDrawer;

  private readonly updates = new PollingSource(REFRESH_MS);
  private readonly keys = new QueueKeys(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.updates.start(() => void this.refresh());
    this.keys.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.updates.stop();
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

  private setError(id: string, text: string): void {
    const next = new Map(this.errors);
    if (text) next.set(id, text);
    else next.delete(id);
    this.errors = next;
  }

  /** Runs an action on one item; the item leaves the list when the action decided it. */
  private async act(item: QueueItem, run: () => Promise<unknown>, done: string, leaves: boolean): Promise<void> {
    const id = item.comment.id;
    this.busy = id;
    this.setError(id, '');
    try {
      await run();
      this.announcement = done;
      if (leaves) {
        const at = this.items.indexOf(item);
        this.items = this.items.filter((i) => i !== item);
        this.selected.delete(id);
        if (at >= 0 && at < this.index) this.index -= 1;
        this.index = Math.min(this.index, Math.max(0, this.items.length - 1));
      } else {
        await this.load();
      }
      void this.loadCounts();
      await this.updateComplete;
      this.focusCurrent();
    } catch (err) {
      this.setError(id, errorText(err));
    } finally {
      this.busy = null;
    }
  }

  /** Approves the item, or restores it when it was rejected; an item under appeal is decided by the appeal. */
  approve(item = this.current): void {
    if (!item || this.busy || item.appeal) return;
    const can = allowedDecisions(item.comment.status, item.comment.featured);
    const who = item.author.displayName;
    if (can.approve) void this.act(item, () => this.api.decide(item, { action: 'APPROVE' }), `Approved the comment by ${who}.`, true);
    else if (can.restore) void this.act(item, () => this.api.decide(item, { action: 'RESTORE' }), `Restored the comment by ${who}.`, true);
  }

  feature(item = this.current): void {
    if (!item || this.busy) return;
    const can = allowedDecisions(item.comment.status, item.comment.featured);
    if (can.feature) void this.act(item, () => this.api.decide(item, { action: 'FEATURE' }), 'Featured.', false);
    else if (can.unfeature) void this.act(item, () => this.api.decide(item, { action: 'UNFEATURE' }), 'No longer featured.', false);
  }

  async reject(item = this.current): Promise<void> {
    if (!item || this.busy || item.appeal || !allowedDecisions(item.comment.status, item.comment.featured).reject) return;
    const answer = await this.rejectDialog.ask();
    if (answer) await this.act(item, () => this.api.decide(item, { action: 'REJECT', ...answer }), `Rejected the comment by ${item.author.displayName}.`, true);
  }

  toggle(item = this.current): void {
    if (!item) return;
    const next = new Set(this.selected);
    if (next.has(item.comment.id)) next.delete(item.comment.id);
    else next.add(item.comment.id);
    this.selected = next;
  }

  takeOrRelease(item = this.current): void {
    if (!item) return;
    if (item.claim?.by.id === this.me.id) void this.act(item, () => this.api.release(item.comment.id), 'Gave the item back.', false);
    else void this.act(item, () => this.api.assign(item.comment.id), 'The item is assigned to you.', false);
  }

  openUser(item = this.current): void {
    if (item) void this.userDrawer.open(item.author.id, item.author);
  }

  showShortcuts(): void {
    void this.shortcutsDialog.show();
  }

  private decideAppeal(item: QueueItem, outcome: 'UPHOLD' | 'OVERTURN', note: string): void {
    const appeal = item.appeal;
    if (!appeal) return;
    const done = outcome === 'UPHOLD' ? 'Appeal decided: the rejection stands.' : 'Appeal decided: the comment is restored.';
    void this.act(item, () => this.api.decideAppeal(appeal.id, outcome, note || undefined), done, true);
  }

  private selectedItems(): QueueItem[] {
    return this.items.filter((i) => this.selected.has(i.comment.id));
  }

  private async bulk(action: 'APPROVE' | 'REJECT'): Promise<void> {
    const items = this.selectedItems();
    if (!items.length) return;
    const answer = action === 'REJECT' ? await this.rejectDialog.ask(items.length) : null;
    if (action === 'REJECT' && !answer) return;
    this.busy = 'bulk';
    this.listError = '';
    try {
      const result = await this.api.bulk(items, action, answer?.reason, answer?.message);
      this.announcement = `${action === 'APPROVE' ? 'Approved' : 'Rejected'} ${result.items.length} comments.`;
      this.selected = new Set();
      await Promise.all([this.load(), this.loadCounts()]);
    } catch (err) {
      this.listError = errorText(err);
    } finally {
      this.busy = null;
    }
  }

  private selectAll(on: boolean): void {
    this.selected = on ? new Set(this.items.map((i) => i.comment.id)) : new Set();
  }

  protected override render() {
    const name = this.queueName;
    return html`<h1>Moderation queues</h1>
      <nav aria-label="Queues">
        <ul class="tabs">
          ${QUEUES.map(
            (q) => html`<li>
              <a href="#/queues/${q}" aria-current=${q === name ? 'page' : nothing} data-queue=${q}>${QUEUE_TEXT[q]} <span class="count">${this.counts[q] ?? '…'}</span></a>
            </li>`,
          )}
        </ul>
      </nav>
      ${this.alerts.length ? html`<p class="chip danger" role="note">${this.alerts.length} open alert${this.alerts.length === 1 ? '' : 's'} (bursts of reports on an article)</p>` : nothing}
      <div class="toolbar">
        <label class="check"><input type="checkbox" .checked=${this.items.length > 0 && this.selected.size === this.items.length} @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked)} /> Select all</label>
        ${this.selected.size
          ? html`<span>${this.selected.size} selected</span>
              <button class="btn primary" type="button" ?disabled=${this.busy !== null} @click=${() => this.bulk('APPROVE')}>Approve selected</button>
              <button class="btn danger" type="button" ?disabled=${this.busy !== null} @click=${() => this.bulk('REJECT')}>Reject selected…</button>`
          : nothing}
        <span class="grow"></span>
        <button class="btn" type="button" @click=${() => this.refresh()}>Refresh</button>
        <button class="btn" type="button" @click=${() => this.showShortcuts()} aria-keyshortcuts="?">Keyboard shortcuts <kbd aria-hidden="true">?</kbd></button>
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p class="error" role="alert">${this.listError}</p>
      <section aria-label="${QUEUE_TEXT[name]} queue">
        ${this.items.length === 0 && !this.loading && !this.listError ? html`<p class="empty">Nothing in this queue.</p>` : nothing}
        ${repeat(
          this.items,
          (i) => i.comment.id,
          (item, i) =>
            renderQueueItem(item, {
              me: this.me.id,
              busy: this.busy !== null,
              selected: this.selected.has(item.comment.id),
              current: i === this.index,
              error: this.errors.get(item.comment.id) ?? '',
              focus: () => (this.index = this.items.indexOf(item)),
              toggle: () => this.toggle(item),
              approve: () => this.approve(item),
              reject: () => void this.reject(item),
              feature: () => this.feature(item),
              take: () => this.takeOrRelease(item),
              release: () => this.takeOrRelease(item),
              user: () => this.openUser(item),
              appeal: (outcome, note) => this.decideAppeal(item, outcome, note),
            }),
        )}
        ${this.nextCursor ? html`<button class="btn" type="button" @click=${() => this.more()}>Show more</button>` : nothing}
      </section>
      <parley-reject-dialog></parley-reject-dialog>
      <parley-shortcuts-dialog></parley-shortcuts-dialog>
      <parley-user-drawer .api=${this.api} @parley-user-changed=${() => this.load()}></parley-user-drawer>`;
  }
}
