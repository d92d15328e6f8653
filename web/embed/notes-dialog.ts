import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiClient } from '../shared/api';
import { ModalDialog } from '../shared/dialog';
import type { I18n } from '../shared/i18n';
import type { NoteListItem, NoteRating } from '../shared/types';
import { errorText } from './errors';
import { renderSources } from './label-view';
import type { MessageKey } from './messages-en';

const RATINGS: NoteRating[] = ['HELPFUL', 'SOMEWHAT_HELPFUL', 'NOT_HELPFUL'];

/**
 * The notes page of a comment: every context note with its scoring status, rating buttons for
 * signed-in readers, and a form to write one (the server decides who may: reported or labelled
 * comments, readers in good standing). Fires `parley-sign-in-request` when a signed-out reader
 * wants to take part.
 */
@customElement('parley-notes-dialog')
export class NotesDialog extends ModalDialog {
  @property({ attribute: false }) i18n!: I18n<MessageKey>;
  @property({ attribute: false }) api!: ApiClient;
  @property({ type: Boolean }) signedIn = false;
  @state() private commentId = '';
  @state() private notes: NoteListItem[] | null = null;
  @state() private rated = new Map<string, NoteRating>();
  @state() private busy = false;
  @state() private error = '';
  @state() private info = '';

  async open(commentId: string): Promise<void> {
    this.commentId = commentId;
    this.notes = null;
    this.error = '';
    this.info = '';
    await this.show();
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      this.notes = (await this.api.notes(this.commentId)).items;
    } catch (err) {
      this.error = errorText(this.i18n, err);
    }
  }

  protected heading(): string {
    return this.i18n.t('notesTitle');
  }

  protected renderBody() {
    const t = this.i18n.t.bind(this.i18n);
    return html`
      ${this.notes === null ? html`<p class="muted">${t('loading')}</p>` : this.notes.length === 0 ? html`<p>${t('noNotes')}</p>` : html`<ul class="notes">${this.notes.map((n) => this.note(n))}</ul>`}
      <p role="status" class="ok">${this.info}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
      ${this.signedIn ? this.form() : html`<p class="muted">${t('signInToNotes')}</p>`}
      <div class="actions">
        ${this.signedIn ? null : html`<button class="btn primary" type="button" @click=${this.askSignIn}>${t('signIn')}</button>`}
        <button class="btn" type="button" @click=${() => this.close()}>${t('close')}</button>
      </div>`;
  }

  private note(n: NoteListItem) {
    const t = this.i18n.t.bind(this.i18n);
    const mine = this.rated.get(n.id);
    return html`<li>
      <p dir="auto">${n.text}</p>
      ${renderSources(this.i18n, n.sources)}
      <p class="muted">${this.i18n.code('noteStatus', n.status)} · ${t('noteRatings', { count: n.ratings })}</p>
      ${this.signedIn
        ? html`<div role="group" aria-label=${t('rateQuestion')} class="actions">
            <span>${t('rateQuestion')}</span>
            ${RATINGS.map(
              (r) => html`<button type="button" class="btn" aria-pressed=${String(mine === r)} ?disabled=${this.busy} @click=${() => this.rate(n.id, r)}>${t(`rate.${r}` as MessageKey)}</button>`,
            )}
          </div>`
        : null}
    </li>`;
  }

  private form() {
    const t = this.i18n.t.bind(this.i18n);
    return html`<form @submit=${this.write} novalidate>
      <h3>${t('writeNote')}</h3>
      <label for="note-text">${t('noteText')}</label>
      <textarea id="note-text" name="text" dir="auto" maxlength="1000" required></textarea>
      <label for="note-url">${t('sourceUrl')}</label>
      <input id="note-url" name="url" type="url" required placeholder="https://" />
      <label for="note-title">${t('sourceTitle')}</label>
      <input id="note-title" name="title" type="text" dir="auto" maxlength="300" required />
      <div class="actions"><button class="btn primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('sending') : t('submitNote')}</button></div>
    </form>`;
  }

  private async rate(noteId: string, value: NoteRating): Promise<void> {
    await this.run(async () => {
      await this.api.rateNote(noteId, value);
      this.rated = new Map(this.rated).set(noteId, value);
      this.info = this.i18n.t('rated');
    });
  }

  private async write(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const source = { url: String(data.get('url') ?? '').trim(), title: String(data.get('title') ?? '').trim() };
    await this.run(async () => {
      await this.api.writeNote(this.commentId, String(data.get('text') ?? '').trim(), [source]);
      form.reset();
      this.info = this.i18n.t('noteSent');
      await this.load();
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.info = '';
    try {
      await work();
    } catch (err) {
      this.error = errorText(this.i18n, err);
    } finally {
      this.busy = false;
    }
  }

  private askSignIn(): void {
    this.close();
    this.dispatchEvent(new CustomEvent('parley-sign-in-request'));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-notes-dialog': NotesDialog;
  }
}
