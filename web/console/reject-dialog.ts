import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ModalDialog } from '../shared/dialog';
import { REJECTION_REASONS, RejectionReason } from './console-types';
import { REASON_TEXT } from './words';

export interface Rejection {
  reason: RejectionReason;
  message?: string;
}

/**
 * Asks for the reason code a rejection must carry (shown to the author in the statement of
 * reasons) and an optional message. `ask()` resolves with the choice, or null when cancelled.
 */
@customElement('parley-reject-dialog')
export class RejectDialog extends ModalDialog {
  @state() private count = 1;
  @state() private error = '';
  private resolve: ((r: Rejection | null) => void) | null = null;
  private answer: Rejection | null = null;

  ask(count = 1): Promise<Rejection | null> {
    this.count = count;
    this.error = '';
    this.answer = null;
    const form = this.renderRoot.querySelector('form');
    form?.reset();
    void this.show();
    return new Promise((resolve) => (this.resolve = resolve));
  }

  protected heading(): string {
    return this.count > 1 ? `Reject ${this.count} comments` : 'Reject comment';
  }

  protected renderBody() {
    return html`<form @submit=${this.submit} novalidate>
      <label for="reason">Reason (shown to the author)</label>
      <select id="reason" name="reason" autofocus>
        <option value="">Choose a reason…</option>
        ${REJECTION_REASONS.map((r) => html`<option value=${r}>${REASON_TEXT[r]}</option>`)}
      </select>
      <label for="message">Message to the author (optional)</label>
      <textarea id="message" name="message" maxlength="1000"></textarea>
      <p class="error" role="alert">${this.error}</p>
      <div class="actions">
        <button class="btn danger" type="submit">Reject</button>
        <button class="btn" type="button" @click=${() => this.close()}>Cancel</button>
      </div>
    </form>`;
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const reason = String(data.get('reason') ?? '') as RejectionReason | '';
    if (!reason) {
      this.error = 'Choose the reason for the rejection.';
      this.renderRoot.querySelector<HTMLSelectElement>('select')?.focus();
      return;
    }
    const message = String(data.get('message') ?? '').trim();
    this.answer = { reason, ...(message ? { message } : {}) };
    this.close();
  }

  protected override onClosed(): void {
    super.onClosed();
    this.resolve?.(this.answer);
    this.resolve = null;
  }
}
