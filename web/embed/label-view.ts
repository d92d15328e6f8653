import { html, nothing } from 'lit';
import type { I18n } from '../shared/i18n';
import { isSafeHref } from '../shared/sanitize';
import type { HelpfulNote, Label, Source } from '../shared/types';
import type { MessageKey } from './messages-en';

/**
 * What fact-checkers and readers added under a comment: the fact-check label (verdict, summary,
 * sources, as-of date, the claim it comes from) and context notes rated helpful. All of it is
 * text written by people, so it is rendered as text; a source link is a link only when its URL
 * is http(s).
 */
export function renderLabel(i18n: I18n<MessageKey>, label: Label, headingId: string) {
  // An external fact-check shows its publisher's own rating, in its words, and links to it.
  const external = label.externalReview;
  const verdict = external ? external.rating : i18n.code('verdict', label.verdict ?? 'UNVERIFIED');
  return html`<section class="label" data-verdict=${label.verdict ?? 'EXTERNAL'} aria-labelledby=${headingId}>
    <p class="label-head" id=${headingId}><span class="label-kind">${i18n.t('factCheck')}:</span> <strong class="verdict" dir="auto">${verdict}</strong>${
      external
        ? html` <span class="label-publisher">(${isSafeHref(external.url) ? html`<a href=${external.url} rel="nofollow noopener noreferrer" target="_blank" dir="auto">${external.publisher}</a>` : html`<bdi>${external.publisher}</bdi>`})</span>`
        : nothing
    }</p>
    <p class="label-summary" dir="auto">${label.summary}</p>
    ${label.claim ? html`<p class="label-claim muted">${i18n.t('claim')} <bdi>${label.claim.statement}</bdi></p>` : nothing}
    ${renderSources(i18n, label.sources)}
    <p class="muted label-date">${i18n.t('asOf', { date: i18n.date(label.asOf) })}</p>
  </section>`;
}

export function renderHelpfulNotes(i18n: I18n<MessageKey>, notes: HelpfulNote[], headingId: string) {
  return html`<section class="context" aria-labelledby=${headingId}>
    <p class="context-head" id=${headingId}><strong>${i18n.t('readersContext')}</strong></p>
    ${notes.map((n) => html`<div class="context-note"><p dir="auto">${n.text}</p>${renderSources(i18n, n.sources)}</div>`)}
  </section>`;
}

export function renderSources(i18n: I18n<MessageKey>, sources: Source[] | unknown) {
  const list = Array.isArray(sources) ? (sources as Source[]).filter((s) => s && typeof s.url === 'string') : [];
  if (list.length === 0) return nothing;
  return html`<div class="sources">
    <span class="muted">${i18n.t('sources')}:</span>
    <ul>
      ${list.map((s) => {
        const text = s.title?.trim() || s.url;
        return html`<li>${isSafeHref(s.url) ? html`<a href=${s.url} rel="nofollow ugc noopener noreferrer" target="_blank" dir="auto">${text}</a>` : html`<span dir="auto">${text}</span>`}</li>`;
      })}
    </ul>
  </div>`;
}
