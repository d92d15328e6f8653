import { html, LitElement, css } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { base } from '../shared/styles';

/** What a composer submits: the text, and the key that makes a retry of the same text safe. */
export interface ComposerSubmit {
  body: string;
  idempotencyKey: string;
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The text box for a new comment, a reply or an edit. It keeps its own draft and an
 * Idempotency-Key that changes only when the text does, so pressing "Post" again after a network
 * error cannot post twice. Fires `parley-submit` and `parley-cancel` (not composed: only the
 * embed listens).
 */
@customElement('parley-composer')
export class ParleyComposer extends LitElement {
  static override styles = [
    base,
    css`
      form { display: grid; gap: calc(var(--_space) * 0.75); margin-block: var(--_space); }
      label { margin: 0; }
      .row { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; }
      .hint { font-size: 0.85em; }
    `,
  ];

  @property() label = '';
  @property() submitLabel = '';
  @property() cancelLabel = '';
  @property() sendingLabel = '';
  @property() hint = '';
  @property() placeholder = '';
  @property() initial = '';
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) cancellable = false;
  @property() error = '';
  @state() private text = '';
  @query('textarea') private textarea!: HTMLTextAreaElement;
  private key = newKey();
  private keyText = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('initial')) this.text = this.initial;
  }

  override focus(): void {
    void this.updateComplete.then(() => this.textarea?.focus());
  }

  /** After a successful post: empty box, fresh key. */
  reset(): void {
    this.text = '';
    this.key = newKey();
    this.keyText = '';
  }

  override render() {
    return html`<form @submit=${this.onSubmit} novalidate>
      <label for="text">${this.label}</label>
      <textarea
        id="text"
        dir="auto"
        .value=${this.text}
        placeholder=${this.placeholder}
        aria-describedby=${this.error ? 'hint error' : 'hint'}
        aria-invalid=${this.error ? 'true' : 'false'}
        @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
        @keydown=${this.onKeydown}
      ></textarea>
      <span id="hint" class="hint muted">${this.hint}</span>
      ${this.error ? html`<p id="error" class="error" role="alert">${this.error}</p>` : null}
      <div class="row">
        <button class="btn primary" type="submit" ?disabled=${this.busy || this.text.trim() === ''}>${this.busy ? this.sendingLabel : this.submitLabel}</button>
        ${this.cancellable ? html`<button class="btn" type="button" @click=${this.cancel}>${this.cancelLabel}</button>` : null}
      </div>
    </form>`;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const body = this.text.trim();
    if (body === '' || this.busy) return;
    if (body !== this.keyText) {
      // Different text is a different comment: a new key. The same text keeps its key.
      if (this.keyText !== '') this.key = newKey();
      this.keyText = body;
    }
    this.dispatchEvent(new CustomEvent<ComposerSubmit>('parley-submit', { detail: { body, idempotencyKey: this.key } }));
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) this.onSubmit(e);
    else if (e.key === 'Escape' && this.cancellable) this.cancel();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('parley-cancel'));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-composer': ParleyComposer;
  }
}
