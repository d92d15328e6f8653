import { html, nothing, TemplateResult } from 'lit';
import { sanitizeToFragment } from '../shared/sanitize';
import type { ContextComment, FactCheckSide, QueueItem } from './console-types';
import { allowedDecisions } from './decisions';
import { age, humanize, when } from './errors';
import { FLAG_TEXT, STATUS_TEXT, VERDICT_TEXT } from './words';

/** What the queue view does when a button on an item is used. */
export interface ItemHandlers {
  me: string;
  busy: boolean;
  selected: boolean;
  current: boolean;
  error: string;
  focus(): void;
  toggle(): void;
  approve(): void;
  reject(): void;
  feature(on: boolean): void;
  take(): void;
  release(): void;
  user(): void;
  appeal(outcome: 'UPHOLD' | 'OVERTURN', note: string): void;
}

/** Comment HTML from the server, passed through the client's own sanitizer before it is shown. */
function body(htmlText: string) {
  return html`<div class="body" dir="auto">${sanitizeToFragment(htmlText)}</div>`;
}

function contextBlock(label: string, c: ContextComment | null): TemplateResult | typeof nothing {
  if (!c) return nothing;
  return html`<div class="context">
    <p class="meta"><span>${label} ${c.author.displayName}</span><span>${STATUS_TEXT[c.status] ?? c.status}</span></p>
    ${body(c.html)}
  </div>`;
}

/**
 * One queue item: the comment with its article and thread context, why it is here (flags by
 * reason and weight, automatic checks, scorer outcomes, claims), who wrote it, who is on it, an
 * open appeal, and the moderator's actions.
 */
export function renderQueueItem(item: QueueItem, h: ItemHandlers): TemplateResult {
  const c = item.comment;
  const labelId = `item-${c.id}`;
  return html`<article
    class="card ${h.current ? 'current' : ''} ${h.selected ? 'selected' : ''}"
    data-comment-id=${c.id}
    tabindex="-1"
    aria-labelledby=${labelId}
    aria-current=${h.current ? 'true' : nothing}
    @focusin=${h.focus}
  >
    <div class="meta">
      <label class="check"><input type="checkbox" .checked=${h.selected} @change=${h.toggle} /><span class="visually-hidden">Select comment by ${item.author.displayName}</span></label>
      <span id=${labelId}><strong>${item.author.displayName}</strong> on “${item.article.title}”</span>
      ${item.article.section ? html`<span>${item.article.section}</span>` : nothing}
      <span title=${when(c.createdAt)}>${age(c.createdAt)} ago</span>
      <span class="chip">${STATUS_TEXT[c.status] ?? c.status}</span>
      ${c.featured ? html`<span class="chip ok">Featured</span>` : nothing} ${c.editedAt ? html`<span>edited (revision ${c.revision})</span>` : nothing}
    </div>
    ${contextBlock('Top of thread by', item.root)} ${contextBlock('In reply to', item.parent)} ${body(c.html)}
    ${renderWhy(item)} ${renderAuthor(item, h)} ${renderAssignment(item, h)} ${renderAppeal(item, h)}
    ${renderDecisions(item, h)}
    <p class="error" role="alert">${h.error}</p>
  </article>`;
}

/** Only the decisions the comment's status allows; `a` approves, or restores a rejected comment. */
function renderDecisions(item: QueueItem, h: ItemHandlers) {
  const can = allowedDecisions(item.comment.status, item.comment.featured);
  if (item.appeal) return nothing;
  return html`<div class="actions">
    ${can.approve ? html`<button class="btn primary" type="button" ?disabled=${h.busy} @click=${h.approve} aria-keyshortcuts="a">Approve <kbd aria-hidden="true">a</kbd></button>` : nothing}
    ${can.restore ? html`<button class="btn primary" type="button" ?disabled=${h.busy} @click=${h.approve} aria-keyshortcuts="a">Restore <kbd aria-hidden="true">a</kbd></button>` : nothing}
    ${can.reject ? html`<button class="btn danger" type="button" ?disabled=${h.busy} @click=${h.reject} aria-keyshortcuts="r">Reject… <kbd aria-hidden="true">r</kbd></button>` : nothing}
    ${can.feature ? html`<button class="btn" type="button" ?disabled=${h.busy} @click=${() => h.feature(true)} aria-keyshortcuts="f">Feature <kbd aria-hidden="true">f</kbd></button>` : nothing}
    ${can.unfeature ? html`<button class="btn" type="button" ?disabled=${h.busy} @click=${() => h.feature(false)} aria-keyshortcuts="f">Unfeature <kbd aria-hidden="true">f</kbd></button>` : nothing}
  </div>`;
}

function renderWhy(item: QueueItem) {
  const f = item.flags;
  const checks = item.comment.checkReasons ?? [];
  const scores = item.scoring?.scorers ?? [];
  const fc = item.factCheck;
  const factChecked = Boolean(fc && (fc.claims.length || fc.label || fc.notes.length || fc.contextRequests));
  if (!f.byReason.length && !checks.length && !scores.length && !factChecked) return nothing;
  return html`<div>
    ${f.byReason.length
      ? html`<p class="meta"><span>${f.count} open report${f.count === 1 ? '' : 's'}, weight ${f.weight}</span>${f.urgent ? html`<span class="chip danger">Urgent</span>` : nothing}</p>
          <ul class="chips" aria-label="Reports by reason">
            ${f.byReason.map((g) => html`<li class="chip ${g.reason === 'MISINFORMATION' ? 'warn' : ''}">${FLAG_TEXT[g.reason] ?? humanize(g.reason)} × ${g.count} (weight ${g.weight})</li>`)}
          </ul>
          ${renderReportDetails(item)}`
      : nothing}
    ${checks.length
      ? html`<ul class="chips" aria-label="Automatic checks">
          ${checks.map((r) => html`<li class="chip warn">Check: ${humanize(r)}</li>`)}
        </ul>`
      : nothing}
    ${renderScoring(item)}
    ${factChecked && fc ? renderFactCheck(fc) : nothing}
  </div>`;
}

/** Claims and verdicts (or the external fact-check a claim cites), the label, notes and requests. */
function renderFactCheck(fc: FactCheckSide) {
  const helpful = fc.notes.filter((n) => n.status === 'HELPFUL').length;
  return html`<ul class="chips" aria-label="Fact-check">
    ${fc.claims.map(
      (cl) => html`<li class="chip warn" dir="auto">
        Claim: ${cl.statement} ·
        ${cl.externalReview ? `${cl.externalReview.publisher}: ${cl.externalReview.rating}` : cl.verdict ? VERDICT_TEXT[cl.verdict] : 'no verdict yet'}
      </li>`,
    )}
    ${fc.label && !fc.claims.length ? html`<li class="chip warn">Label: ${VERDICT_TEXT[fc.label.verdict]}</li>` : nothing}
    ${fc.notes.length ? html`<li class="chip">${fc.notes.length} context note${fc.notes.length === 1 ? '' : 's'}, ${helpful} helpful</li>` : nothing}
    ${fc.contextRequests ? html`<li class="chip">${fc.contextRequests} reader request${fc.contextRequests === 1 ? '' : 's'} for context</li>` : nothing}
  </ul>`;
}

const pct = (p: number | null) => (p === null ? '–' : `${Math.round(p * 100)}%`);

/** The automatic score the queue sorts by, and each scorer's outcome (with an LLM's reason). */
function renderScoring(item: QueueItem) {
  const scoring = item.scoring;
  if (!scoring || (!scoring.scorers.length && scoring.score === null)) return nothing;
  return html`<ul class="chips" aria-label="Scorer outcomes">
      ${scoring.score !== null ? html`<li class="chip ${scoring.score >= 0.8 ? 'danger' : ''}">Automatic score ${pct(scoring.score)}</li>` : nothing}
    ${scoring.scorers.map(
      (o) => html`<li class="chip ${o.status === 'ok' ? '' : 'warn'}" title=${o.error ?? ''}>
        ${o.provider}: ${o.status === 'ok' ? `spam ${pct(o.spam)}, abuse ${pct(o.abuse)}` : o.status}${o.reason ? ` · ${humanize(o.reason)}` : ''}
      </li>`,
    )}
    </ul>
    ${scoring.scorers.filter((o) => o.rationale).map((o) => html`<p class="muted" dir="auto">${o.provider}: ${o.rationale}</p>`)}`;
}

function renderReportDetails(item: QueueItem) {
  const reports = item.flags.byReason.flatMap((g) => g.reports.filter((r) => r.details || r.sourceUrl).map((r) => ({ ...r, reason: g.reason })));
  if (!reports.length) return nothing;
  return html`<details>
    <summary>What the reporters wrote (${reports.length})</summary>
    <ul>
      ${reports.map(
        (r) => html`<li>
          <strong>${FLAG_TEXT[r.reason] ?? humanize(r.reason)}</strong>: <span dir="auto">${r.details ?? ''}</span>
          ${r.sourceUrl ? html` <span class="mono">${r.sourceUrl}</span>` : nothing} <span class="muted">(weight ${r.weight}${r.countsTowardHiding ? '' : ', not counted toward hiding'})</span>
        </li>`,
      )}
    </ul>
  </details>`;
}

function renderAuthor(item: QueueItem, h: ItemHandlers) {
  const a = item.author;
  const counts = a.commentsByStatus;
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  return html`<p class="meta">
    <button class="link" type="button" @click=${h.user} aria-keyshortcuts="u">Author: ${a.displayName} <kbd aria-hidden="true">u</kbd></button>
    <span>${a.accountAgeDays} days old</span>
    <span>${total} comment${total === 1 ? '' : 's'}${counts.REJECTED ? `, ${counts.REJECTED} rejected` : ''}</span>
    ${a.recentRejections.length ? html`<span>${a.recentRejections.length} recent rejection${a.recentRejections.length === 1 ? '' : 's'}</span>` : nothing}
    ${a.sanction.status !== 'ACTIVE' ? html`<span class="chip danger">${humanize(a.sanction.status)}${a.sanction.until ? ` until ${when(a.sanction.until)}` : ''}</span>` : nothing}
    ${a.sanction.premoderated ? html`<span class="chip warn">Pre-moderated</span>` : nothing} ${a.role !== 'READER' ? html`<span class="chip">${humanize(a.role)}</span>` : nothing}
  </p>`;
}

function renderAssignment(item: QueueItem, h: ItemHandlers) {
  const claim = item.claim;
  if (claim && claim.by.id === h.me) {
    return html`<p class="meta"><span class="chip ok">Assigned to you until ${when(claim.until)}</span><button class="link" type="button" @click=${h.release} aria-keyshortcuts="t">Give back <kbd aria-hidden="true">t</kbd></button></p>`;
  }
  if (claim) {
    return html`<p class="meta"><span class="chip warn">${claim.by.displayName} is on it until ${when(claim.until)}</span></p>`;
  }
  return html`<p class="meta"><button class="link" type="button" @click=${h.take} aria-keyshortcuts="t">Take this item <kbd aria-hidden="true">t</kbd></button></p>`;
}

function renderAppeal(item: QueueItem, h: ItemHandlers) {
  const appeal = item.appeal;
  if (!appeal) return nothing;
  const noteId = `appeal-note-${appeal.id}`;
  const note = (e: Event) => ((e.target as HTMLElement).closest('.appeal')?.querySelector('textarea')?.value ?? '').trim();
  return html`<div class="appeal context">
    <p><strong>Appeal</strong> <span class="muted">${when(appeal.createdAt)}</span></p>
    <p dir="auto">${appeal.text}</p>
    <label for=${noteId}>Note on the outcome (shown to the author)</label>
    <textarea id=${noteId} maxlength="1000"></textarea>
    <div class="actions">
      <button class="btn" type="button" ?disabled=${h.busy} @click=${(e: Event) => h.appeal('UPHOLD', note(e))}>Uphold the rejection</button>
      <button class="btn" type="button" ?disabled=${h.busy} @click=${(e: Event) => h.appeal('OVERTURN', note(e))}>Overturn and restore</button>
    </div>
  </div>`;
}
