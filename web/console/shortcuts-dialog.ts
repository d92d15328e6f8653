import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ModalDialog } from '../shared/dialog';

/** The queue's keyboard shortcuts, as moderators coming from Coral expect them. */
export const SHORTCUTS: [string, string][] = [
  ['j', 'Next comment'],
  ['k', 'Previous comment'],
  ['a', 'Approve the current comment (restore it, in the rejected queue)'],
  ['r', 'Reject the current comment (asks for a reason)'],
  ['f', 'Feature the current comment, or stop featuring it'],
  ['x', 'Select or unselect the current comment for a bulk action'],
  ['t', 'Take the current comment (assign it to yourself) or give it back'],
  ['u', 'Open the author’s drawer'],
  ['?', 'Show these shortcuts'],
];

@customElement('parley-shortcuts-dialog')
export class ShortcutsDialog extends ModalDialog {
  protected heading(): string {
    return 'Keyboard shortcuts';
  }

  protected renderBody() {
    return html`<table>
        <thead><tr><th scope="col">Key</th><th scope="col">Action</th></tr></thead>
        <tbody>${SHORTCUTS.map(([key, what]) => html`<tr><td><kbd>${key}</kbd></td><td>${what}</td></tr>`)}</tbody>
      </table>
      <p class="muted">Shortcuts work while no field has focus. Escape closes a dialog.</p>
      <div class="actions"><button class="btn" type="button" @click=${() => this.close()}>Close</button></div>`;
  }
}
