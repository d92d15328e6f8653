import { html, LitElement, nothing, PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sanitizeToFragment } from '../shared/sanitize';
import { base, tokens } from '../shared/styles';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import type { Campaigns, Claim, DeskQueue } from './console-types';
import { age, errorText, when } from './errors';
import { VERDICT_TEXT } from './words';
import './claim-detail';

type Tab = 'queue' | 'claims' | 'campaigns';

/**
 * The misinformation desk for fact-checkers: comments readers reported as misinformation, by
 * reach and age with their response-time targets; the claims they repeat, with verdicts; and
 * possible campaigns (near-identical text from many accounts). `#/desk/claims/<id>` opens a claim.
 */
@customElement('parley-desk-view')
export class DeskView extends LitElement {
  static override styles = [tokens, base, consoleStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) path: string[] = [];
  @state() private queue: DeskQueue | null = null;
  @state() private claims: Claim[] = [];
  @state() private claimsCursor: string | null = null;
  @state() private campaigns: Campaigns | null = null;
  @state() private error = '';
  @state() private announcement = '';
  @state() private search = '';

  private get tab(): Tab {
    const t = this.path[0];
    return t === 'claims' || t === 'campaigns' ? t : 'queue';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('path')) {
      this.error = '';
      if (this.tab === 'queue') void this.loadQueue();
      if (this.tab === 'claims' && !this.path[1]) void this.loadClaims();
      if (this.tab === 'campaigns') void this.loadCampaigns(6, 5);
    }
  }

  private async run<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (err) {
      this.error = errorText(err);
      return undefined;
    }
  }

  private async loadQueue(): Promise<void> {
    const q = await this.run(() => this.api.deskQueue());
    if (q) this.queue = q;
  }

  private async loadClaims(cursor: string | null = null): Promise<void> {
    const page = await this.run(() => this.api.claims(this.search, cursor));
    if (!page) return;
    this.claims = cursor ? [...this.claims, ...page.items] : page.items;
    this.claimsCursor = page.nextCursor;
  }

  private async loadCampaigns(hours: number, minAccounts: number): Promise<void> {
    const c = await this.run(() => this.api.campaigns(hours, minAccounts));
    if (c) this.campaigns = c;
  }

  private async newClaim(e: SubmitEvent, commentIds: string[]): Promise<void> {
    e.preventDefault();
    const statement = String(new FormData(e.target as HTMLFormElement).get('statement') ?? '').trim();
    if (!statement) {
      this.error = 'Write the claim as a short neutral statement.';
      return;
    }
    const claim = await this.run(() => this.api.createClaim(statement, commentIds));
    if (claim) location.hash = `#/desk/claims/${claim.id}`;
  }

  protected override render() {
    const tab = this.tab;
    const tabs: [Tab, string][] = [
      ['queue', 'Reported misinformation'],
      ['claims', 'Claims'],
      ['campaigns', 'Campaigns'],
    ];
    return html`<h1>Misinformation desk</h1>
      <nav aria-label="Desk">
        <ul class="tabs">
          ${tabs.map(([t, label]) => html`<li><a href="#/desk/${t}" aria-current=${t === tab && !(t === 'claims' && this.path[1]) ? 'page' : nothing}>${label}</a></li>`)}
        </ul>
      </nav>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p class="error" role="alert">${this.error}</p>
      ${tab === 'queue' ? this.renderQueue() : nothing}
      ${tab === 'claims' && this.path[1] ? html`<parley-claim-detail .api=${this.api} .claimId=${this.path[1]}></parley-claim-detail>` : nothing}
      ${tab === 'claims' && !this.path[1] ? this.renderClaims() : nothing} ${tab === 'campaigns' ? this.renderCampaigns() : nothing}`;
  }

  private renderQueue() {
    const q = this.queue;
    if (!q) return html`<p class="muted">Loading…</p>`;
    return html`${q.dueForReview.length
        ? html`<section aria-labelledby="due-title" class="card">
            <h2 id="due-title">Verdicts due for review</h2>
            <ul>
              ${q.dueForReview.map((c) => html`<li><a href="#/desk/claims/${c.id}">${c.statement}</a> <span class="overdue">review by ${when(c.reviewBy)}</span></li>`)}
            </ul>
          </section>`
        : nothing}
      <section aria-labelledby="reported-title">
        <h2 id="reported-title">Comments reported as misinformation, by reach and age</h2>
        ${q.items.length ? nothing : html`<p class="empty">No open misinformation report.</p>`}
        ${q.items.map(
          (item) => html`<article class="card" data-comment-id=${item.comment.id} aria-labelledby="desk-${item.comment.id}">
            <p class="meta" id="desk-${item.comment.id}">
              <span>On “${item.comment.articleTitle}”</span><span>reach ${item.reach}</span><span>${age(item.comment.createdAt)} old</span>
              ${item.urgent ? html`<span class="chip danger">Urgent</span>` : nothing}
              ${item.overdue ? html`<span class="chip danger overdue">Overdue: target ${item.targetHours} h passed ${when(item.dueAt)}</span>` : html`<span>due ${when(item.dueAt)}</span>`}
            </p>
            <div class="body" dir="auto">${sanitizeToFragment(item.comment.html)}</div>
            <ul>
              ${item.reports.map((r) => html`<li><span dir="auto">${r.details ?? 'No details'}</span>${r.sourceUrl ? html` · <span class="mono">${r.sourceUrl}</span>` : nothing} <span class="muted">${when(r.at)}</span></li>`)}
            </ul>
            ${item.claims.length
              ? html`<ul class="chips">
                  ${item.claims.map((c) => html`<li class="chip warn"><a href="#/desk/claims/${c.id}">${c.statement}</a> · ${c.verdict ? VERDICT_TEXT[c.verdict] : 'no verdict yet'}</li>`)}
                </ul>`
              : html`<form class="row" @submit=${(e: SubmitEvent) => this.newClaim(e, [item.comment.id])}>
                  <div><label for="claim-${item.comment.id}">New claim from this comment</label><input id="claim-${item.comment.id}" name="statement" type="text" maxlength="500" /></div>
                  <button class="btn" type="submit">Create claim</button>
                </form>`}
          </article>`,
        )}
      </section>`;
  }

  private renderClaims() {
    return html`<section aria-labelledby="claims-title">
      <h2 id="claims-title">Claims</h2>
      <form class="row" @submit=${(e: SubmitEvent) => this.newClaim(e, [])} aria-label="New claim">
        <div><label for="statement">New claim (a short neutral statement)</label><input id="statement" name="statement" type="text" maxlength="500" /></div>
        <button class="btn primary" type="submit">Create claim</button>
      </form>
      <form
        class="row"
        role="search"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          this.search = String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim();
          void this.loadClaims();
        }}
      >
        <div><label for="q">Search claims</label><input id="q" name="q" type="search" maxlength="200" .value=${this.search} /></div>
        <button class="btn" type="submit">Search</button>
      </form>
      <table>
        <thead><tr><th scope="col">Claim</th><th scope="col">Verdict</th><th scope="col">Linked comments</th><th scope="col">Review by</th></tr></thead>
        <tbody>
          ${this.claims.map(
            (c) => html`<tr>
              <td><a href="#/desk/claims/${c.id}">${c.statement}</a></td>
              <td>${c.verdict ? `${VERDICT_TEXT[c.verdict.verdict]} (version ${c.verdict.version})` : 'No verdict yet'}</td>
              <td>${c.linkedComments}</td>
              <td>${when(c.reviewBy)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.claims.length ? nothing : html`<p class="empty">No claim yet.</p>`}
      ${this.claimsCursor ? html`<button class="btn" type="button" @click=${() => this.loadClaims(this.claimsCursor)}>Show more claims</button>` : nothing}
    </section>`;
  }

  private renderCampaigns() {
    const c = this.campaigns;
    return html`<section aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">Possible campaigns</h2>
      <form
        class="filters"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const data = new FormData(e.target as HTMLFormElement);
          void this.loadCampaigns(Number(data.get('hours')), Number(data.get('minAccounts')));
        }}
      >
        <div><label for="hours">Look back (hours)</label><input id="hours" name="hours" type="number" min="1" max="72" value="6" /></div>
        <div><label for="min">Accounts at least</label><input id="min" name="minAccounts" type="number" min="2" max="1000" value="5" /></div>
        <button class="btn" type="submit">Search</button>
      </form>
      ${c
        ? html`<p class="muted">${c.scanned} comments compared over ${c.hours} hours${c.truncated ? ' (the window held more: narrow it to see all)' : ''}.</p>
            ${c.items.length ? nothing : html`<p class="empty">No group of near-identical comments from ${c.minAccounts} or more accounts.</p>`}
            ${c.items.map(
              (g) => html`<article class="card">
                <p class="meta"><span>${g.accounts} accounts</span><span>${g.commentIds.length} comments</span><span>first seen ${when(g.firstSeen)}</span></p>
                <p dir="auto">${g.sample}</p>
              </article>`,
            )}`
        : html`<p class="muted">Loading…</p>`}
    </section>`;
  }
}
