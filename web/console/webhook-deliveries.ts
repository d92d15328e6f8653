import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base, tokens } from '../shared/styles';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import type { WebhookDelivery } from './console-types';
import { errorText, when } from './errors';

/** While a delivery is still pending, the list looks again this often (its worker sends within seconds). */
const PENDING_REFRESH_MS = 2000;

const STATUS_TEXT: Record<WebhookDelivery['status'], string> = { PENDING: 'Pending', SUCCEEDED: 'Delivered', FAILED: 'Failed' };
const STATUS_CHIP: Record<WebhookDelivery['status'], string> = { PENDING: 'warn', SUCCEEDED: 'ok', FAILED: 'danger' };

/**
 * An endpoint's recent deliveries, newest first: event, status, attempts, the last answer and how
 * long it took, the error; each can be sent again (same webhook-id, so receivers drop duplicates).
 * While one is pending the list refreshes itself until none is.
 */
@customElement('parley-webhook-deliveries')
export class WebhookDeliveries extends LitElement {
  static override styles = [tokens, base, consoleStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @property() endpointId = '';
  @state() private items: WebhookDelivery[] = [];
  @state() private loaded = false;
  @state() private error = '';
  @state() private announcement = '';
  private timer: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clearTimer();
  }

  async reload(): Promise<void> {
    this.clearTimer();
    try {
      this.items = (await this.api.webhookDeliveries(this.endpointId)).items;
      this.error = '';
    } catch (err) {
      this.error = errorText(err);
    }
    this.loaded = true;
    if (this.isConnected && this.items.some((d) => d.status === 'PENDING')) this.timer = window.setTimeout(() => void this.reload(), PENDING_REFRESH_MS);
  }

  private clearTimer(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
  }

  private async replay(d: WebhookDelivery): Promise<void> {
    try {
      await this.api.replayDelivery(d.id);
      this.announcement = `The ${d.eventType} delivery is sent again.`;
      await this.reload();
    } catch (err) {
      this.error = errorText(err);
    }
  }

  protected override render() {
    return html`<div class="toolbar">
        <h4 id="deliveries-${this.endpointId}">Recent deliveries</h4>
        <span class="grow"></span>
        <button class="btn" type="button" @click=${() => this.reload()}>Refresh deliveries</button>
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p class="error" role="alert">${this.error}</p>
      ${this.loaded && this.items.length === 0 ? html`<p class="muted">No deliveries yet.</p>` : nothing}
      ${this.items.length
        ? html`<table aria-labelledby="deliveries-${this.endpointId}">
            <thead>
              <tr>
                <th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Answer</th><th scope="col">Response time</th><th scope="col">Last attempt</th>
                <th scope="col"><span class="visually-hidden">Replay</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.items.map((d) => this.renderRow(d))}
            </tbody>
          </table>`
        : nothing}`;
  }

  private renderRow(d: WebhookDelivery) {
    const next = d.status === 'PENDING' && d.nextAttemptAt ? html`<br /><span class="muted">next attempt ${when(d.nextAttemptAt)}</span>` : nothing;
    return html`<tr data-delivery-id=${d.id} data-status=${d.status}>
      <th scope="row"><code>${d.eventType}</code></th>
      <td><span class="chip ${STATUS_CHIP[d.status]}">${STATUS_TEXT[d.status]}</span>${next}</td>
      <td>${d.attempts}</td>
      <td>${d.responseStatus ?? '—'}${d.lastError ? html`<br /><span class="muted">${d.lastError}</span>` : nothing}</td>
      <td>${d.responseMs === null ? '—' : `${d.responseMs} ms`}</td>
      <td>${when(d.lastAttemptAt) || '—'}</td>
      <td><button class="btn" type="button" aria-label="Replay the ${d.eventType} delivery of ${when(d.createdAt)}" @click=${() => this.replay(d)}>Replay</button></td>
    </tr>`;
  }
}
