import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiClient } from '../shared/api';
import { ModalDialog } from '../shared/dialog';
import type { I18n } from '../shared/i18n';
import { FLAG_REASONS, FlagReason, URGENT_REASONS } from '../shared/types';
import { errorText } from './errors';
import type { MessageKey } from './messages-en';

/**
 * Report a comment: a reason (the urgent war-reporting reasons in a group of their own), details
 * (required for misinformation, which goes to the fact-checkers) and an optional source URL.
 * Fires `parley-reported` with the comment id and reason.
 */
@customElement('parley-report-dialog')
export class ReportDialog extends ModalDialog {
  @property({ attribute: false }) i18n!: I18n<MessageKey>;
  @property({ attribute: false }) api!: ApiClient;
  @state() private commentId = '';
  @state() private reason: FlagReason | null = null;
  @state() private busy = false;
  @state() private error = '';
  @state() private done = '';

  open(commentId: string): Promise<void> {
    this.commentId = commentId;
    this.reason = null;
    this.error = '';
    this.done = '';
    this.renderRoot.querySelector('form')?.reset();
    return this.show();
  }

  protected heading(): string {
    return this.i18n.t('reportTitle');
  }

  protected renderBody() {
    const t = this.i18n.t.bind(this.i18n);
    if (this.done) {
      return html`<p class="ok" role="status">${this.done}</p>
        <div class="actions"><button class="btn primary" type="button" @click=${() => this.close()}>${t('close')}</button></div>`;
    }
    const misinfo = this.reason === 'MISINFORMATION';
    return html`<form @submit=${this.submit} novalidate>
      <fieldset>
        <legend>${t('reasonLegend')}</legend>
        ${FLAG_REASONS.filter((r) => !URGENT_REASONS.has(r)).map((r) => this.choice(r))}
      </fieldset>
      <fieldset>
        <legend>${t('urgentLegend')}</legend>
        ${FLAG_REASONS.filter((r) => URGENT_REASONS.has(r)).map((r) => this.choice(r))}
      </fieldset>
      ${misinfo ? html`<p class="muted" id="misinfo-hint">${t('misinfoHint')}</p>` : null}
      <label for="details">${misinfo ? t('detailsRequired') : t('details')}</label>
      <textarea id="details" name="details" dir="auto" maxlength="1000" ?required=${misinfo} aria-describedby=${misinfo ? 'misinfo-hint' : ''}></textarea>
      <label for="source">${t('reportSource')}</label>
      <input id="source" name="sourceUrl" type="url" inputmode="url" maxlength="2000" placeholder="https://" />
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
      <div class="actions">
        <button class="btn primary" type="submit" ?disabled=${this.busy || this.reason === null}>${this.busy ? t('sending') : t('sendReport')}</button>
        <button class="btn" type="button" @click=${() => this.close()}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private choice(reason: FlagReason) {
    return html`<label class="choice"
      ><input type="radio" name="reason" value=${reason} .checked=${this.reason === reason} @change=${() => (this.reason = reason)} />${this.i18n.t(
        `reason.${reason}` as MessageKey,
      )}</label
    >`;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.reason) return;
    const form = new FormData(e.target as HTMLFormElement);
    const details = String(form.get('details') ?? '').trim();
    const sourceUrl = String(form.get('sourceUrl') ?? '').trim();
    if (this.reason === 'MISINFORMATION' && details === '') {
      this.error = this.i18n.t('detailsRequired');
      this.renderRoot.querySelector<HTMLElement>('#details')?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const result = await this.api.flag(this.commentId, { reason: this.reason, ...(details ? { details } : {}), ...(sourceUrl ? { sourceUrl } : {}) });
      const urgent = URGENT_REASONS.has(this.reason);
      this.done = this.i18n.t(!result.created ? 'alreadyReported' : urgent ? 'reportedUrgent' : 'reported');
      this.dispatchEvent(new CustomEvent('parley-reported', { detail: { commentId: this.commentId, reason: this.reason } }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.actions button')?.focus();
    } catch (err) {
      this.error = errorText(this.i18n, err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-report-dialog': ReportDialog;
  }
}
