import { css, html, LitElement, TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { base } from './styles';

/** The element that really has focus, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert
 * (focus cannot leave it), Escape closes it, and on close focus returns to whatever opened it.
 * Subclasses render the body (`renderBody`) and call `close()`; the heading labels the dialog.
 */
export abstract class ModalDialog extends LitElement {
  static override styles = [
    base,
    css`
      dialog {
        width: min(34em, calc(100vw - 2em)); max-height: calc(100vh - 2em); overflow: auto; padding: calc(var(--_space) * 2.5);
        border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 1.5); background: var(--_bg); color: var(--_fg);
        box-shadow: 0 10px 40px rgb(0 0 0 / 0.3);
      }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      .head { display: flex; justify-content: space-between; align-items: start; gap: var(--_space); }
      h2 { margin: 0 0 var(--_space); font-size: 1.25em; }
      .close { border: 0; background: none; font-size: 1.4em; line-height: 1; padding: 0.1em 0.35em; cursor: pointer; color: var(--_muted); }
      fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); margin: var(--_space) 0; padding: var(--_space); }
      legend { font-weight: 600; padding: 0 0.3em; }
      .choice { display: flex; gap: 0.5em; align-items: baseline; font-weight: normal; margin: 0.25em 0; }
      .actions { display: flex; flex-wrap: wrap; gap: var(--_space); margin-top: calc(var(--_space) * 1.5); }
      .ok { color: var(--_success); }
      .ok:empty { display: none; }
      .notes { list-style: none; padding: 0; margin: 0; }
      .notes > li { border-bottom: 1px solid var(--_border); padding: var(--_space) 0; }
      .notes p { margin: 0.3em 0; }
      .sources ul { margin: 0.2em 0; padding-inline-start: 1.3em; }
      h3 { font-size: 1.05em; margin: calc(var(--_space) * 2) 0 0; }
    `,
  ];

  @property() closeLabel = 'Close';
  @query('dialog') protected dialog!: HTMLDialogElement;
  private returnFocus: HTMLElement | null = null;

  protected abstract heading(): string;
  protected abstract renderBody(): TemplateResult;

  /** Opens the dialog and focuses its first field (or the close button). */
  async show(): Promise<void> {
    this.returnFocus = deepActiveElement();
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('[autofocus], input:not([type=hidden]), textarea, select, button:not(.close)');
    (first ?? this.renderRoot.querySelector<HTMLElement>('.close'))?.focus();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  protected override render() {
    return html`<dialog aria-labelledby="title" @close=${this.onClosed}>
      <div class="head">
        <h2 id="title">${this.heading()}</h2>
        <button class="close" type="button" aria-label=${this.closeLabel} @click=${() => this.close()}>×</button>
      </div>
      ${this.renderBody()}
    </dialog>`;
  }

  /** Runs on every close (button, Escape, after success): give focus back and tell the embed. */
  protected onClosed(): void {
    const target = this.returnFocus;
    this.returnFocus = null;
    if (target?.isConnected) target.focus();
    this.dispatchEvent(new CustomEvent('parley-closed'));
  }
}
