import { html, nothing, TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { I18n } from '../shared/i18n';
import type { Comment } from '../shared/types';
import { renderHelpfulNotes, renderLabel } from './label-view';
import type { MessageKey } from './messages-en';
import type { ComposerSubmit } from './parley-composer';

export type CommentAction =
  | 'reply'
  | 'edit'
  | 'cancel'
  | 'submit'
  | 'delete'
  | 'confirm-delete'
  | 'respect'
  | 'disagree'
  | 'report'
  | 'notes'
  | 'ask-context'
  | 'decision'
  | 'more-replies';

/** What the comment view needs from the embed: state flows in, actions go out through `act`. */
export interface ViewContext {
  i18n: I18n<MessageKey>;
  userId: string | null;
  open: boolean;
  highlight: string | null;
  replyingTo: string | null;
  editing: string | null;
  confirmingDelete: string | null;
  busy: string | null;
  formError: string;
  errorAt: string | null;
  /** Comments this reader reported in this visit (they may now write notes on them). */
  reported: ReadonlySet<string>;
  /** Comments on which the signed-in reader asked for context ("this needs a note"). */
  contextAsked: ReadonlySet<string>;
  permalink(id: string): string;
  /** The comment's body as sanitized DOM, built once per version of its HTML. */
  body(c: Comment): Node;
  editable(c: Comment): boolean;
  editText(c: Comment): string;
  act(action: CommentAction, c: Comment, detail?: ComposerSubmit): void;
}

/**
 * One comment with its replies, as readers see it: author and time (a permalink), badges, the
 * body, fact-check label and helpful notes, the actions, the inline reply or edit box, replies.
 */
export function renderComment(c: Comment, ctx: ViewContext): TemplateResult {
  const t = ctx.i18n.t.bind(ctx.i18n);
  const gone = c.state === 'deleted' || c.state === 'unavailable';
  const classes = ['comment', `state-${c.state}`, c.featured ? 'featured' : '', ctx.highlight === c.id ? 'highlight' : ''].join(' ');
  return html`<article class=${classes} id=${`comment-${c.id}`} data-comment-id=${c.id} tabindex="-1" aria-labelledby=${`by-${c.id}`}>
    ${gone ? renderGone(c, ctx) : renderFull(c, ctx)}
    ${ctx.replyingTo === c.id ? renderComposer(c, ctx, 'reply') : nothing}
    ${c.replies.length > 0
      ? html`<ul class="replies">
          ${repeat(c.replies, (r) => r.id, (r) => html`<li>${renderComment(r, ctx)}</li>`)}
        </ul>`
      : nothing}
    ${c.moreReplies ? html`<button type="button" class="link more" @click=${() => ctx.act('more-replies', c)}>${t('moreReplies')}</button>` : nothing}
    ${ctx.errorAt === `replies:${c.id}` ? html`<p class="error" role="alert">${ctx.formError}</p>` : nothing}
  </article>`;
}

function renderGone(c: Comment, ctx: ViewContext) {
  return html`<p class="gone muted" id=${`by-${c.id}`}>${ctx.i18n.t(c.state === 'deleted' ? 'deleted' : 'unavailable')}</p>`;
}

function renderFull(c: Comment, ctx: ViewContext) {
  const t = ctx.i18n.t.bind(ctx.i18n);
  const name = c.author?.displayName ?? t('deletedUser');
  const role = c.author && c.author.role !== 'READER' ? ctx.i18n.code('role', c.author.role) : '';
  const editing = ctx.editing === c.id;
  return html`<header class="meta">
      <span class="author" id=${`by-${c.id}`}><bdi>${name}</bdi></span>
      ${role ? html`<span class="badge role">${role}</span>` : nothing}
      ${c.featured ? html`<span class="badge featured-badge">★ ${t('featured')}</span>` : nothing}
      <a class="time muted" href=${ctx.permalink(c.id)} title=${ctx.i18n.date(c.createdAt)}
        ><time datetime=${c.createdAt}>${ctx.i18n.ago(c.createdAt)}</time><span class="visually-hidden">, ${ctx.i18n.date(c.createdAt)}, ${t('linkTo', { name })}</span></a
      >
      ${c.edited ? html`<span class="muted edited">· ${t('edited')}</span>` : nothing}
    </header>
    ${c.state === 'awaiting-review' ? html`<p class="notice held" role="note">${t('awaitingReview')}</p>` : nothing}
    ${c.state === 'rejected' ? renderRejected(c, ctx) : nothing}
    ${editing ? renderComposer(c, ctx, 'edit') : html`<div class="body" dir="auto">${ctx.body(c)}</div>`}
    ${c.label ? renderLabel(ctx.i18n, c.label, `label-${c.id}`) : nothing}
    ${c.notes && c.notes.length > 0 ? renderHelpfulNotes(ctx.i18n, c.notes, `notes-${c.id}`) : nothing}
    ${editing ? nothing : renderActions(c, ctx, name)}
    ${!editing && ctx.replyingTo !== c.id && ctx.errorAt === c.id ? html`<p class="error" role="alert">${ctx.formError}</p>` : nothing}`;
}

function renderRejected(c: Comment, ctx: ViewContext) {
  const t = ctx.i18n.t.bind(ctx.i18n);
  return html`<div class="notice rejected" role="note">
    <p>${t('rejected')}</p>
    ${c.moderation?.message ? html`<p dir="auto">${c.moderation.message}</p>` : nothing}
    <button type="button" class="link" @click=${() => ctx.act('decision', c)}>${t('seeDecision')}</button>
  </div>`;
}

function renderActions(c: Comment, ctx: ViewContext, name: string) {
  const t = ctx.i18n.t.bind(ctx.i18n);
  const mine = ctx.userId !== null && c.author?.id === ctx.userId;
  const visible = c.state === 'visible';
  const respected = c.viewerReactions.includes('RESPECT');
  const disagreed = c.viewerReactions.includes('DISAGREE');
  const busy = ctx.busy === c.id;
  const hasContext = Boolean(c.label || (c.notes && c.notes.length > 0) || ctx.reported.has(c.id));
  if (ctx.confirmingDelete === c.id) {
    return html`<div class="confirm" role="group" aria-label=${t('confirmDelete')}>
      <span>${t('confirmDelete')}</span>
      <button type="button" class="btn danger" ?disabled=${busy} @click=${() => ctx.act('confirm-delete', c)}>${t('confirmDeleteYes')}</button>
      <button type="button" class="btn" @click=${() => ctx.act('cancel', c)}>${t('cancel')}</button>
    </div>`;
  }
  return html`<div class="actions" role="group" aria-label=${t('byline', { name })}>
    ${visible && ctx.open ? html`<button type="button" class="link" @click=${() => ctx.act('reply', c)}>${t('reply')}</button>` : nothing}
    ${visible
      ? html`<button type="button" class="react" aria-pressed=${String(respected)} ?disabled=${busy} @click=${() => ctx.act('respect', c)}>
            ${t('respect')} <span class="count">${c.respectCount}</span><span class="visually-hidden">(${t('respectCount', { count: c.respectCount })})</span>
          </button>
          <button type="button" class="react" aria-pressed=${String(disagreed)} ?disabled=${busy} @click=${() => ctx.act('disagree', c)}>
            ${t('disagree')}${c.disagreeCount !== undefined ? html` <span class="count">${c.disagreeCount}</span>` : nothing}
          </button>`
      : nothing}
    ${mine && ctx.editable(c) ? html`<button type="button" class="link" @click=${() => ctx.act('edit', c)}>${t('edit')}</button>` : nothing}
    ${mine && c.state !== 'rejected' ? html`<button type="button" class="link" @click=${() => ctx.act('delete', c)}>${t('delete')}</button>` : nothing}
    ${visible && !mine ? html`<button type="button" class="link" @click=${() => ctx.act('report', c)}>${t('report')}</button>` : nothing}
    ${visible && hasContext ? html`<button type="button" class="link" @click=${() => ctx.act('notes', c)}>${t('contextNotes')}</button>` : nothing}
    ${visible && ctx.userId !== null ? renderAskContext(c, ctx) : nothing}
  </div>`;
}

/** A toggle: its name stays the same, aria-pressed says whether it was asked, the visible mark says so too. */
function renderAskContext(c: Comment, ctx: ViewContext) {
  const asked = ctx.contextAsked.has(c.id);
  return html`<button type="button" class="link ask-context" aria-pressed=${String(asked)} ?disabled=${ctx.busy === c.id} @click=${() => ctx.act('ask-context', c)}>
    ${ctx.i18n.t('askContext')}${asked ? html` <span aria-hidden="true">✓ ${ctx.i18n.t('contextAskedMark')}</span>` : nothing}
  </button>`;
}

function renderComposer(c: Comment, ctx: ViewContext, mode: 'reply' | 'edit') {
  const t = ctx.i18n.t.bind(ctx.i18n);
  const name = c.author?.displayName ?? '';
  return html`<parley-composer
    class=${mode}
    .label=${mode === 'reply' ? t('replyTo', { name }) : t('editing')}
    .submitLabel=${mode === 'reply' ? t('postReply') : t('save')}
    .cancelLabel=${t('cancel')}
    .sendingLabel=${t('sending')}
    .hint=${t('formatHint')}
    .initial=${mode === 'edit' ? ctx.editText(c) : ''}
    .busy=${ctx.busy === c.id}
    .error=${ctx.errorAt === c.id ? ctx.formError : ''}
    cancellable
    @parley-submit=${(e: CustomEvent<ComposerSubmit>) => ctx.act('submit', c, e.detail)}
    @parley-cancel=${() => ctx.act('cancel', c)}
  ></parley-composer>`;
}
