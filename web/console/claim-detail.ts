import { html, LitElement, nothing, PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sanitizeToFragment } from '../shared/sanitize';
import { base, tokens } from '../shared/styles';
import type { NoteListItem, Source } from '../shared/types';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import { ClaimDetail, Proposal, Verdict, VERDICTS } from './console-types';
import { errorText, humanize, when } from './errors';
import { STATUS_TEXT, VERDICT_TEXT } from './words';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NOTE_STATUS: Record<NoteListItem['status'], string> = {
  NEEDS_MORE_RATINGS: 'Needs more ratings',
  HELPFUL: 'Rated helpful: shown to readers',
  NOT_HELPFUL: 'Rated not helpful',
};

/**
 * One claim: its current verdict and every earlier version with sources, the comments linked to
 * it (with their context notes and scoring status), comments proposed by text similarity, and the
 * form to publish a new verdict version.
 */
@customElement('parley-claim-detail')
export class ClaimDetailView extends LitElement {
  static override styles = [tokens, base, consoleStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @property() claimId = '';
  @state() private claim: ClaimDetail | null = null;
  @state() private proposals: Proposal[] = [];
  @state() private notes = new Map<string, NoteListItem[]>();
  @state() private sourceRows = 1;
  @state() private error = '';
  @state() private announcement = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('claimId') && this.claimId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [claim, proposals] = await Promise.all([this.api.claim(this.claimId), this.api.proposals(this.claimId)]);
      this.claim = claim;
      this.proposals = proposals.items;
      const notes = await Promise.all(claim.comments.map((c) => this.api.notes(c.id).then((n): [string, NoteListItem[]] => [c.id, n.items], (): [string, NoteListItem[]] => [c.id, []])));
      this.notes = new Map(notes);
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async change(done: string, call: () => Promise<unknown>): Promise<void> {
    this.error = '';
    try {
      await call();
      this.announcement = done;
      await this.load();
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private linkById(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const id = String(new FormData(form).get('commentId') ?? '').trim();
    if (!UUID.test(id)) {
      this.error = 'Paste the id of the comment to link (from a queue item or the comment’s permalink).';
      return;
    }
    void this.change('Comment linked.', () => this.api.link(this.claimId, id)).then(() => form.reset());
  }

  private publish(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const verdict = String(data.get('verdict') ?? '') as Verdict | '';
    const summary = String(data.get('summary') ?? '').trim();
    const urls = data.getAll('sourceUrl').map(String);
    const titles = data.getAll('sourceTitle').map(String);
    const sources: Source[] = urls.map((url, i) => ({ url: url.trim(), title: (titles[i] ?? '').trim() })).filter((s) => s.url || s.title);
    if (!verdict || !summary || !sources.length || sources.some((s) => !s.url || !s.title)) {
      this.error = 'A verdict needs its value, a summary for readers, and at least one source with a URL and a title.';
      return;
    }
    void this.change('Verdict published: every linked comment shows it now.', () => this.api.publishVerdict(this.claimId, verdict, summary, sources)).then(() => {
      if (!this.error) {
        form.reset();
        this.sourceRows = 1;
      }
    });
  }

  protected override render() {
    const c = this.claim;
    if (!c) return html`<p class="error" role="alert">${this.error}</p>${this.error ? nothing : html`<p class="muted">Loading…</p>`}`;
    return html`<p><a href="#/desk/claims">All claims</a></p>
      <h2>Claim: ${c.statement}</h2>
      <p class="meta">
        <span>created ${when(c.createdAt)}</span><span>${c.linkedComments} linked comments</span>${c.reviewBy ? html`<span>review by ${when(c.reviewBy)}</span>` : nothing}
      </p>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p class="error" role="alert">${this.error}</p>
      ${this.renderVerdicts(c)} ${this.renderPublish()} ${this.renderLinked(c)} ${this.renderProposals()}`;
  }

  private renderVerdicts(c: ClaimDetail) {
    return html`<section aria-labelledby="verdicts-title" class="card">
      <h3 id="verdicts-title">Verdict versions</h3>
      ${c.history.length
        ? html`<ol reversed>
            ${c.history.map(
              (v) => html`<li>
                <strong>${VERDICT_TEXT[v.verdict]}</strong> (version ${v.version}, as of ${when(v.asOf)})
                <p dir="auto">${v.summary}</p>
                <ul>
                  ${v.sources.map((s) => html`<li><a href=${s.url} rel="noopener noreferrer" target="_blank">${s.title ?? s.url}</a></li>`)}
                </ul>
              </li>`,
            )}
          </ol>`
        : html`<p class="empty">No verdict yet: linked comments carry no label.</p>`}
    </section>`;
  }

  private renderPublish() {
    return html`<section aria-labelledby="publish-title" class="card">
      <h3 id="publish-title">Publish a new verdict version</h3>
      <form @submit=${this.publish} novalidate>
        <label for="verdict">Verdict</label>
        <select id="verdict" name="verdict">
          <option value="">Choose…</option>
          ${VERDICTS.map((v) => html`<option value=${v}>${VERDICT_TEXT[v]}</option>`)}
        </select>
        <label for="summary">Summary shown to readers</label>
        <textarea id="summary" name="summary" maxlength="2000"></textarea>
        <fieldset>
          <legend>Sources</legend>
          ${Array.from(
            { length: this.sourceRows },
            (_, i) => html`<div class="row">
              <div><label for="source-url-${i}">Source ${i + 1} URL</label><input id="source-url-${i}" name="sourceUrl" type="url" /></div>
              <div><label for="source-title-${i}">Source ${i + 1} title</label><input id="source-title-${i}" name="sourceTitle" type="text" maxlength="300" /></div>
            </div>`,
          )}
          <button class="link" type="button" @click=${() => (this.sourceRows = Math.min(20, this.sourceRows + 1))}>Add a source</button>
        </fieldset>
        <button class="btn primary" type="submit">Publish verdict</button>
      </form>
    </section>`;
  }

  private renderLinked(c: ClaimDetail) {
    return html`<section aria-labelledby="linked-title" class="card">
      <h3 id="linked-title">Linked comments</h3>
      <form class="row" @submit=${this.linkById}>
        <div><label for="link-id">Link a comment by id</label><input id="link-id" name="commentId" type="text" /></div>
        <button class="btn" type="submit">Link</button>
      </form>
      ${c.comments.length ? nothing : html`<p class="empty">No comment linked yet.</p>`}
      ${c.comments.map((lc) => {
        const notes = this.notes.get(lc.id) ?? [];
        return html`<article class="card" data-comment-id=${lc.id} aria-label="Linked comment">
          <p class="meta"><span>${when(lc.createdAt)}</span><span>${STATUS_TEXT[lc.status] ?? humanize(lc.status)}</span>${lc.automatic ? html`<span class="chip">linked by similarity</span>` : nothing}</p>
          <div class="body" dir="auto">${sanitizeToFragment(lc.html)}</div>
          ${notes.length
            ? html`<details>
                <summary>${notes.length} context note${notes.length === 1 ? '' : 's'}</summary>
                <ul>
                  ${notes.map((n) => html`<li><span dir="auto">${n.text}</span> <span class="chip ${n.status === 'HELPFUL' ? 'ok' : ''}">${NOTE_STATUS[n.status]}</span> <span class="muted">${n.ratings} ratings</span></li>`)}
                </ul>
              </details>`
            : nothing}
          <div class="actions"><button class="link" type="button" @click=${() => this.change('Comment unlinked.', () => this.api.unlink(c.id, lc.id))}>Unlink</button></div>
        </article>`;
      })}
      <div class="actions"><button class="btn" type="button" @click=${() => this.change('Notes scored.', () => this.api.scoreNotes())}>Score context notes now</button></div>
    </section>`;
  }

  private renderProposals() {
    return html`<section aria-labelledby="proposals-title" class="card">
      <h3 id="proposals-title">Proposed comments (similar text, not linked)</h3>
      ${this.proposals.length ? nothing : html`<p class="empty">No similar comment found.</p>`}
      ${this.proposals.map(
        (p) => html`<article class="card" data-comment-id=${p.id} aria-label="Proposed comment">
          <p class="meta"><span>similarity ${Math.round(p.similarity * 100)}%</span><span>${when(p.createdAt)}</span></p>
          <div class="body" dir="auto">${sanitizeToFragment(p.html)}</div>
          <div class="actions"><button class="btn" type="button" @click=${() => this.change('Comment linked.', () => this.api.link(this.claimId, p.id))}>Link to this claim</button></div>
        </article>`,
      )}
    </section>`;
  }
}
