import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiClient, ApiError } from '../shared/api';
import { ModalDialog } from '../shared/dialog';
import type { I18n } from '../shared/i18n';
import type { Comment, Statement } from '../shared/types';
import { errorText } from './errors';
import type { MessageKey } from './messages-en';

/**
 * The statement of reasons for a decision on the reader's own comment, and the way to appeal a
 * rejection once. A comment the automatic checks refused has no moderator decision: then the
 * checks' own message is shown.
 */
@customElement('parley-decision-dialog')
export class DecisionDialog extends ModalDialog {
  @property({ attribute: false }) i18n!: I18n<MessageKey>;
  @property({ attribute: false }) api!: ApiClient;
  @state() private comment: Comment | null = null;
  @state() private statement: Statement | null = null;
  @state() private busy = false;
  @state() private error = '';

  async open(comment: Comment): Promise<void> {
    this.comment = comment;
    this.statement = null;
    this.error = '';
    await this.show();
    try {
      this.statement = await this.api.decision(comment.id);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) this.error = errorText(this.i18n, err);
    }
  }

  protected heading(): string {
    return this.i18n.t('decisionTitle');
  }

  protected renderBody() {
    const t = this.i18n.t.bind(this.i18n);
    const s = this.statement;
    const checks = this.comment?.moderation;
    return html`<div aria-live="polite">
        <p><strong>${t('rejected')}</strong></p>
        ${s
          ? html`${s.reason ? html`<p>${t('decisionReason', { reason: this.i18n.code('reason', s.reason) })}</p>` : null}
              ${s.message ? html`<p dir="auto">${s.message}</p>` : null}
              <p class="muted">${t('decidedAt', { date: this.i18n.date(s.decidedAt) })}</p>
              ${s.appeal ? html`<p role="status">${this.i18n.code('appeal', s.appeal.status)}</p>` : null}
              ${s.appeal?.outcomeNote ? html`<p dir="auto">${s.appeal.outcomeNote}</p>` : null}
              ${!s.canAppeal && !s.appeal ? html`<p class="muted">${t('noAppeal')}</p>` : null}`
          : checks?.message
            ? html`<p dir="auto">${checks.message}</p>`
            : null}
      </div>
      ${s?.canAppeal
        ? html`<form @submit=${this.appeal} novalidate>
            <label for="appeal">${t('appealLabel')}</label>
            <textarea id="appeal" name="text" dir="auto" maxlength="2000" required></textarea>
            ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
            <div class="actions">
              <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('sending') : t('sendAppeal')}</button>
            </div>
          </form>`
        : this.error
          ? html`<p class="error" role="alert">${this.error}</p>`
          : null}
      <div class="actions"><button class="btn" type="button" @click=${() => this.close()}>${t('close')}</button></div>`;
  }

  private async appeal(e: Event): Promise<void> {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
    if (!text || !this.comment) return;
    this.busy = true;
    this.error = '';
    try {
      this.statement = await this.api.appeal(this.comment.id, text);
    } catch (err) {
      this.error = errorText(this.i18n, err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-decision-dialog': DecisionDialog;
  }
}
