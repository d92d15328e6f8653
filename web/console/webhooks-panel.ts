import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { base, tokens } from '../shared/styles';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import { WEBHOOK_EVENT_TYPES, WebhookEndpoint } from './console-types';
import { errorText, when } from './errors';
import type { WebhookDeliveries } from './webhook-deliveries';
import './webhook-deliveries';

const DISABLED_WHY: Record<string, string> = { gone: 'the endpoint answered 410 Gone', failing: 'deliveries kept failing' };

/**
 * Webhooks for admins, over the public `/api/webhooks` routes: register an endpoint for some or
 * all event types (its signing secret is shown once), enable or disable it, rotate the secret,
 * delete it after a confirmation, send a test event, and look at recent deliveries (replayable).
 */
@customElement('parley-webhooks-panel')
export class WebhooksPanel extends LitElement {
  static override styles = [
    tokens,
    base,
    consoleStyles,
    css`
      fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 0 0 var(--_space); }
      .events { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: 0 var(--_space); }
      .secret code { display: block; padding: var(--_space); background: var(--_surface); border-radius: var(--_radius); overflow-wrap: anywhere; user-select: all; }
      form.create input[type='url'], form.create input[type='text'] { max-width: 40em; }
    `,
  ];

  @property({ attribute: false }) api!: ConsoleApi;
  @state() private endpoints: WebhookEndpoint[] = [];
  @state() private error = '';
  @state() private formError = '';
  @state() private itemError = new Map<string, string>();
  @state() private secret: { url: string; value: string } | null = null;
  @state() private confirming: string | null = null;
  @state() private showing: string | null = null;
  @state() private announcement = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.endpoints = (await this.api.webhooks()).items;
      this.error = '';
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const all = data.get('all') === 'on';
    const eventTypes = all ? ['*'] : data.getAll('event').map(String);
    if (!url) return void (this.formError = 'Type the address Parley should send events to.');
    if (!eventTypes.length) return void (this.formError = 'Choose the events to send, or all events.');
    const description = String(data.get('description') ?? '').trim();
    this.formError = '';
    try {
      const created = await this.api.createWebhook({ url, eventTypes, ...(description ? { description } : {}) });
      form.reset();
      await this.showSecret(created.url, created.secret);
      this.announcement = `Added the endpoint ${created.url}.`;
      await this.load();
    } catch (err) {
      this.formError = errorText(err);
    }
  }

  private async showSecret(url: string, value: string): Promise<void> {
    this.secret = { url, value };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#secret-title')?.focus();
  }

  /** Runs one call about one endpoint; its error shows on the endpoint. */
  private async act(ep: WebhookEndpoint, run: () => Promise<void>): Promise<void> {
    const errors = new Map(this.itemError);
    errors.delete(ep.id);
    try {
      await run();
    } catch (err) {
      errors.set(ep.id, errorText(err));
    }
    this.itemError = errors;
  }

  private toggle(ep: WebhookEndpoint): Promise<void> {
    return this.act(ep, async () => {
      const saved = await this.api.updateWebhook(ep.id, { enabled: !ep.enabled });
      this.endpoints = this.endpoints.map((x) => (x.id === ep.id ? saved : x));
      this.announcement = `${saved.enabled ? 'Enabled' : 'Disabled'} ${saved.url}.`;
    });
  }

  private rotate(ep: WebhookEndpoint): Promise<void> {
    return this.act(ep, async () => {
      const { secret } = await this.api.rotateWebhookSecret(ep.id);
      await this.showSecret(ep.url, secret);
      this.announcement = `New signing secret for ${ep.url}; the old one no longer signs.`;
    });
  }

  private async askDelete(ep: WebhookEndpoint): Promise<void> {
    this.confirming = ep.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-endpoint-id="${ep.id}"] .confirm .danger`)?.focus();
  }

  private deleteEndpoint(ep: WebhookEndpoint): Promise<void> {
    return this.act(ep, async () => {
      await this.api.deleteWebhook(ep.id);
      this.confirming = null;
      if (this.showing === ep.id) this.showing = null;
      this.endpoints = this.endpoints.filter((x) => x.id !== ep.id);
      this.announcement = `Deleted the endpoint ${ep.url}.`;
    });
  }

  private sendTest(ep: WebhookEndpoint): Promise<void> {
    return this.act(ep, async () => {
      await this.api.testWebhook(ep.id);
      this.announcement = `A test event is on its way to ${ep.url}.`;
      this.showing = ep.id;
      await this.updateComplete;
      await this.renderRoot.querySelector<WebhookDeliveries>(`parley-webhook-deliveries[endpointid="${ep.id}"]`)?.reload();
    });
  }

  protected override render() {
    return html`<section aria-labelledby="hooks-title">
        <h2 id="hooks-title">Webhooks</h2>
        <p class="muted">Parley sends the events you choose to your systems, signed (Standard Webhooks: verify with the endpoint's secret), after they happen. See "Webhooks" in the README.</p>
        <p class="visually-hidden" role="status">${this.announcement}</p>
        <p class="error" role="alert">${this.error}</p>
        ${this.secret ? this.renderSecret(this.secret) : nothing} ${this.renderCreate()}
        ${this.endpoints.length === 0 && !this.error ? html`<p class="empty">No endpoints yet.</p>` : nothing}
        ${repeat(this.endpoints, (ep) => ep.id, (ep) => this.renderEndpoint(ep))}
      </section>
      <section aria-labelledby="notifications-title">
        <h2 id="notifications-title">Notifications</h2>
        <p>Readers choose their own notifications (replies, decisions on their comments) in their account, through <code>/api/me</code>; there is no site-wide switch for them here.</p>
      </section>`;
  }

  private renderSecret(s: { url: string; value: string }) {
    return html`<div class="card secret" role="region" aria-labelledby="secret-title">
      <h3 id="secret-title" tabindex="-1">Signing secret for ${s.url}</h3>
      <p>Copy it now: Parley shows it only this once. Your receiver verifies each request's signature with it.</p>
      <code>${s.value}</code>
      <p><button class="btn" type="button" @click=${() => (this.secret = null)}>I have copied it</button></p>
    </div>`;
  }

  private renderCreate() {
    return html`<form class="card create" @submit=${this.create} aria-labelledby="create-title">
      <h3 id="create-title">Add an endpoint</h3>
      <label for="hook-url">Address (http or https)</label>
      <input id="hook-url" name="url" type="url" inputmode="url" maxlength="2000" placeholder="https://hooks.example.org/parley" />
      <label for="hook-description">Description (optional)</label>
      <input id="hook-description" name="description" type="text" maxlength="500" />
      <fieldset>
        <legend>Events</legend>
        <label class="check"><input type="checkbox" name="all" /> All events, including new kinds</label>
        <div class="events">
          ${WEBHOOK_EVENT_TYPES.map((t) => html`<label class="check"><input type="checkbox" name="event" value=${t} /> <code>${t}</code></label>`)}
        </div>
      </fieldset>
      <p class="error" role="alert">${this.formError}</p>
      <button class="btn primary" type="submit">Add endpoint</button>
    </form>`;
  }

  private renderEndpoint(ep: WebhookEndpoint) {
    const events = ep.eventTypes.includes('*') ? 'all events' : ep.eventTypes.join(', ');
    const why = ep.disabledReason ? ` (stopped by itself: ${DISABLED_WHY[ep.disabledReason] ?? ep.disabledReason}, ${when(ep.disabledAt)})` : '';
    const name = ep.description || ep.url;
    return html`<article class="card" data-endpoint-id=${ep.id} aria-labelledby="ep-${ep.id}">
      <h3 id="ep-${ep.id}"><code>${ep.url}</code></h3>
      ${ep.description ? html`<p>${ep.description}</p>` : nothing}
      <p class="meta">
        <span class="chip ${ep.enabled ? 'ok' : 'danger'}">${ep.enabled ? 'Enabled' : `Disabled${why}`}</span>
        <span>Sends: ${events}</span>
        ${ep.failingSince ? html`<span class="overdue">Failing since ${when(ep.failingSince)}</span>` : nothing}
      </p>
      ${this.confirming === ep.id
        ? html`<div class="actions confirm" role="group" aria-label="Confirm deleting ${name}">
            <span>Delete this endpoint and its delivery history?</span>
            <button class="btn danger" type="button" @click=${() => this.deleteEndpoint(ep)}>Delete endpoint</button>
            <button class="btn" type="button" @click=${() => (this.confirming = null)}>Keep it</button>
          </div>`
        : html`<div class="actions" role="group" aria-label="Endpoint ${name}">
            <button class="btn" type="button" @click=${() => this.toggle(ep)}>${ep.enabled ? 'Disable' : 'Enable'}</button>
            <button class="btn" type="button" ?disabled=${!ep.enabled} @click=${() => this.sendTest(ep)}>Send test event</button>
            <button class="btn" type="button" @click=${() => this.rotate(ep)}>Rotate secret</button>
            <button class="btn" type="button" aria-expanded=${String(this.showing === ep.id)} @click=${() => (this.showing = this.showing === ep.id ? null : ep.id)}>Deliveries</button>
            <button class="btn danger" type="button" @click=${() => this.askDelete(ep)}>Delete…</button>
          </div>`}
      <p class="error" role="alert">${this.itemError.get(ep.id) ?? ''}</p>
      ${this.showing === ep.id ? html`<parley-webhook-deliveries .api=${this.api} endpointid=${ep.id}></parley-webhook-deliveries>` : nothing}
    </article>`;
  }
}
