import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base, tokens } from '../shared/styles';
import type { AuditFilter, ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import { AUDIT_KINDS, AuditEvent } from './console-types';
import { errorText, humanize, when } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit log: every staff action, newest first, filtered by kind, actor, subject and time.
 * Names of the people involved are looked up once each and shown beside their ids.
 */
@customElement('parley-audit-view')
export class AuditView extends LitElement {
  static override styles = [tokens, base, consoleStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @state() private items: AuditEvent[] = [];
  @state() private nextCursor: string | null = null;
  @state() private filter: AuditFilter = {};
  @state() private error = '';
  @state() private loading = false;
  @state() private names = new Map<string, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(cursor: string | null = null): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      const page = await this.api.audit(this.filter, cursor);
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      void this.lookUpNames(page.items);
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.loading = false;
    }
  }

  private async lookUpNames(events: AuditEvent[]): Promise<void> {
    const ids = new Set(events.flatMap((e) => [e.actorId, e.subjectUserId]).filter((id): id is string => !!id && !this.names.has(id)));
    const found = await Promise.all([...ids].map((id) => this.api.user(id).then((u) => [id, u.displayName] as const, () => [id, ''] as const)));
    const names = new Map(this.names);
    for (const [id, name] of found) names.set(id, name);
    this.names = names;
  }

  private apply(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const time = (k: string) => (text(k) ? new Date(text(k)).toISOString() : undefined);
    const actor = text('actor');
    const subject = text('subject');
    if ((actor && !UUID.test(actor)) || (subject && !UUID.test(subject))) {
      this.error = 'Actor and subject are user ids (open a user from a queue to find one).';
      return;
    }
    this.filter = { kind: text('kind') || undefined, actor: actor || undefined, subject: subject || undefined, from: time('from'), to: time('to') };
    void this.load();
  }

  private who(id: string | null) {
    if (!id) return html`<span class="muted">system</span>`;
    const name = this.names.get(id);
    return html`${name ? html`${name}<br />` : nothing}<code>${id.slice(0, 8)}</code>`;
  }

  protected override render() {
    return html`<h1>Audit log</h1>
      <form class="filters" @submit=${this.apply} aria-label="Filter the audit log">
        <div>
          <label for="kind">Kind</label>
          <select id="kind" name="kind">
            <option value="">Every kind</option>
            ${AUDIT_KINDS.map((k) => html`<option value=${k}>${humanize(k)}</option>`)}
          </select>
        </div>
        <div><label for="actor">Actor (user id)</label><input id="actor" name="actor" type="text" /></div>
        <div><label for="subject">About user (id)</label><input id="subject" name="subject" type="text" /></div>
        <div><label for="from">From</label><input id="from" name="from" type="datetime-local" /></div>
        <div><label for="to">Until</label><input id="to" name="to" type="datetime-local" /></div>
        <button class="btn primary" type="submit">Apply filters</button>
      </form>
      <p class="error" role="alert">${this.error}</p>
      <table>
        <caption class="visually-hidden">Staff actions, newest first</caption>
        <thead>
          <tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">By</th><th scope="col">About</th><th scope="col">Target</th><th scope="col">Details</th></tr>
        </thead>
        <tbody>
          ${this.items.map(
            (e) => html`<tr data-kind=${e.kind}>
              <td>${when(e.createdAt)}</td>
              <td>${humanize(e.kind)}</td>
              <td>${this.who(e.actorId)}</td>
              <td>${e.subjectUserId ? this.who(e.subjectUserId) : nothing}</td>
              <td>${e.targetType ? html`${e.targetType} <code>${(e.targetId ?? '').slice(0, 8)}</code>` : nothing}</td>
              <td><code>${JSON.stringify(e.data)}</code></td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${!this.loading && !this.items.length && !this.error ? html`<p class="empty">No event matches these filters.</p>` : nothing}
      ${this.nextCursor ? html`<button class="btn" type="button" @click=${() => this.load(this.nextCursor)}>Show older</button>` : nothing}`;
  }
}
