import type { QueueView } from './queue-view';

/** Elements where a key press is typing, not a shortcut. */
const TYPING = new Set(['input', 'textarea', 'select']);

/**
 * The queue's keyboard shortcuts (listed in shortcuts-dialog.ts): j/k move, a approves (restores a
 * rejected comment), r rejects with a reason, f features or unfeatures, x selects for a bulk action, t takes or gives back the item, u opens the author's
 * drawer, ? shows the list. Keys are ignored while a field has focus, a dialog is open, or a
 * modifier is held (so browser shortcuts keep working).
 */
export class QueueKeys {
  constructor(private readonly view: QueueView) {}

  attach(): void {
    window.addEventListener('keydown', this.onKey);
  }

  detach(): void {
    window.removeEventListener('keydown', this.onKey);
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (this.view.dialogOpen || isTyping(e)) return;
    const action = this.actionFor(e.key);
    if (!action) return;
    e.preventDefault();
    action();
  };

  private actionFor(key: string): (() => void) | null {
    const v = this.view;
    switch (key) {
      case 'j':
        return () => void v.move(1);
      case 'k':
        return () => void v.move(-1);
      case 'a':
        return () => v.actions.approve();
      case 'r':
        return () => void v.actions.reject();
      case 'f':
        return () => v.actions.feature();
      case 'x':
        return () => v.toggle();
      case 't':
        return () => v.actions.takeOrRelease();
      case 'u':
        return () => v.openUser();
      case '?':
        return () => v.showShortcuts();
      default:
        return null;
    }
  }
}

/** Inputs that take no text: a shortcut pressed on them is still a shortcut. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

function isTyping(e: KeyboardEvent): boolean {
  const path = e.composedPath();
  // A field of a dialog that has just closed keeps focus until the browser's next focus fix-up:
  // a key pressed then is not typing (it was read as typing, and the shortcut lost, in a test run).
  if (path.some((node) => node instanceof HTMLDialogElement && !node.open)) return false;
  return path.some((node) => {
    if (!(node instanceof HTMLElement)) return false;
    if (node instanceof HTMLInputElement && NOT_TEXT.has(node.type)) return false;
    return TYPING.has(node.localName) || node.isContentEditable;
  });
}
