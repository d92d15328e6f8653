import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiClient, ApiError } from '../shared/api';
import { ModalDialog } from '../shared/dialog';
import type { I18n } from '../shared/i18n';
import type { SessionResponse } from '../shared/types';
import { errorText } from './errors';
import type { MessageKey } from './messages-en';

/** Parley's own accounts: sign in, or create an account. Fires `parley-signed-in` with the session. */
@customElement('parley-sign-in-dialog')
export class SignInDialog extends ModalDialog {
  @property({ attribute: false }) i18n!: I18n<MessageKey>;
  @property({ attribute: false }) api!: ApiClient;
  @state() private mode: 'login' | 'register' = 'login';
  @state() private busy = false;
  @state() private error = '';

  protected heading(): string {
    return this.i18n.t('signInTitle');
  }

  protected renderBody() {
    const t = this.i18n.t.bind(this.i18n);
    const register = this.mode === 'register';
    return html`
      <div class="actions" role="group" aria-label=${t('signInTitle')}>
        <button type="button" class="btn ${register ? '' : 'primary'}" aria-pressed=${String(!register)} @click=${() => this.switchTo('login')}>${t('haveAccount')}</button>
        <button type="button" class="btn ${register ? 'primary' : ''}" aria-pressed=${String(register)} @click=${() => this.switchTo('register')}>${t('newAccount')}</button>
      </div>
      <form @submit=${this.submit} novalidate>
        ${register
          ? html`<label for="name">${t('displayName')}</label><input id="name" name="displayName" type="text" autocomplete="nickname" dir="auto" required maxlength="50" />`
          : null}
        <label for="email">${t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="email" required />
        <label for="password">${t('password')}</label>
        <input id="password" name="password" type="password" autocomplete=${register ? 'new-password' : 'current-password'} required />
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
        <div class="actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('sending') : register ? t('createAccount') : t('haveAccount')}</button>
          <button class="btn" type="button" @click=${() => this.close()}>${t('cancel')}</button>
        </div>
      </form>`;
  }

  private switchTo(mode: 'login' | 'register'): void {
    this.mode = mode;
    this.error = '';
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    // Captured now: a shadow tree's event loses its target once dispatch is over.
    const formEl = e.target as HTMLFormElement;
    const form = new FormData(formEl);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    this.busy = true;
    this.error = '';
    try {
      const session: SessionResponse =
        this.mode === 'register'
          ? await this.api.register(email, password, String(form.get('displayName') ?? '').trim())
          : await this.api.login(email, password);
      formEl.reset();
      this.dispatchEvent(new CustomEvent<SessionResponse>('parley-signed-in', { detail: session }));
      this.close();
    } catch (err) {
      this.error = err instanceof ApiError ? errorText(this.i18n, err) : String(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-sign-in-dialog': SignInDialog;
  }
}
