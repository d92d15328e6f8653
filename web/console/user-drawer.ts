import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ModalDialog } from '../shared/dialog';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import type { AuditEvent, QueueItem, StaffUser } from './console-types';
import { errorText, humanize, when } from './errors';
import { REASON_TEXT, STATUS_TEXT } from './words';

type Summary = QueueItem['author'];

/**
 * The user drawer: who wrote the comment, their standing and history, and the sanctions a
 * moderator can apply (suspend for some hours, ban, lift, pre-moderate every comment). A modal
 * dialog drawn as a side panel, so focus stays in it and returns to the queue when it closes.
 */
@customElement('parley-user-drawer')
export class UserDrawer extends ModalDialog {
  static override styles = [
    ...ModalDialog.styles,
    consoleStyles,
    css`
      dialog { margin: 0 0 0 auto; height: 100vh; max-height: 100vh; width: min(32em, 100vw); border-radius: 0; }
      section { margin-top: calc(var(--_space) * 2); }
      ul.history { list-style: none; padding: 0; margin: 0; }
      ul.history li { border-bottom: 1px solid var(--_border); padding: 0.3em 0; }
    `,
  ];

  @property({ attribute: false }) api!: ConsoleApi;
  @state() private user: StaffUser | null = null;
  @state() private summary: Summary | null = null;
  @state() private history: AuditEvent[] = [];
  @state() private busy = false;
  @state() private error = '';
  @state() private done = '';

  async open(userId: string, summary: Summary | null): Promise<void> {
    this.summary = summary;
    this.user = null;
    this.history = [];
    this.error = '';
    this.done = '';
    await this.show();
    await this.load(userId);
  }

  private async load(userId: string): Promise<void> {
    try {
      const [user, history] = await Promise.all([this.api.user(userId), this.api.audit({ subject: userId })]);
      this.user = user;
      this.history = history.items;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  protected heading(): string {
    return this.user ? `User: ${this.user.displayName}` : this.summary ? `User: ${this.summary.displayName}` : 'User';
  }

  protected renderBody() {
    const u = this.user;
    const s = this.summary;
    return html`<p class="error" role="alert">${this.error}</p>
      <p class="ok" role="status">${this.done}</p>
      ${u
        ? html`<dl class="grid">
            <div><dt class="muted">Role</dt><dd>${humanize(u.role)}</dd></div>
            <div><dt class="muted">Standing</dt><dd>${this.standing(u)}</dd></div>
            <div><dt class="muted">Member since</dt><dd>${when(u.createdAt)}</dd></div>
            <div><dt class="muted">Pre-moderated</dt><dd>${u.premoderated ? 'Yes: every comment waits for approval' : 'No'}</dd></div>
          </dl>`
        : this.error
          ? nothing
          : html`<p class="muted">Loading…</p>`}
      ${s ? this.renderCounts(s) : nothing} ${u ? this.renderSanctions(u) : nothing}
      <section aria-labelledby="history-title">
        <h3 id="history-title">Moderation history</h3>
        ${this.history.length
          ? html`<ul class="history">
              ${this.history.map((e) => html`<li><strong>${humanize(e.kind)}</strong> <span class="muted">${when(e.createdAt)}</span>${this.detail(e)}</li>`)}
            </ul>`
          : html`<p class="empty">No staff action about this user yet.</p>`}
      </section>`;
  }

  private standing(u: StaffUser) {
    if (u.sanction.status === 'ACTIVE') return 'Active';
    const until = u.sanction.until ? ` until ${when(u.sanction.until)}` : '';
    return html`<span class="chip danger">${humanize(u.sanction.status)}${until}</span>${u.sanction.reason ? html` <span>${u.sanction.reason}</span>` : nothing}`;
  }

  private renderCounts(s: Summary) {
    const counts = Object.entries(s.commentsByStatus);
    return html`<section aria-labelledby="counts-title">
      <h3 id="counts-title">Comments</h3>
      <p>Account ${s.accountAgeDays} days old.</p>
      <ul class="chips">
        ${counts.length ? counts.map(([status, n]) => html`<li class="chip">${STATUS_TEXT[status] ?? humanize(status)}: ${n}</li>`) : html`<li class="muted">No comments counted yet.</li>`}
      </ul>
      ${s.recentRejections.length
        ? html`<p>Recent rejections:</p>
            <ul>
              ${s.recentRejections.map((r) => html`<li>${r.reason ? (REASON_TEXT[r.reason as keyof typeof REASON_TEXT] ?? humanize(r.reason)) : 'No reason'}, ${when(r.at)}</li>`)}
            </ul>`
        : nothing}
    </section>`;
  }

  private renderSanctions(u: StaffUser) {
    const sanctioned = u.sanction.status !== 'ACTIVE';
    return html`<section aria-labelledby="sanctions-title">
      <h3 id="sanctions-title">Sanctions</h3>
      <form @submit=${this.suspend} novalidate>
        <div class="row">
          <div><label for="hours">Suspend for (hours)</label><input id="hours" name="hours" type="number" min="1" max="8760" value="24" /></div>
          <div><label for="suspend-reason">Reason shown to the user</label><input id="suspend-reason" name="reason" type="text" maxlength="500" /></div>
          <button class="btn" type="submit" ?disabled=${this.busy}>Suspend</button>
        </div>
      </form>
      <form @submit=${this.ban} novalidate>
        <div class="row">
          <div><label for="ban-reason">Ban: reason shown to the user</label><input id="ban-reason" name="reason" type="text" maxlength="500" /></div>
          <button class="btn danger" type="submit" ?disabled=${this.busy}>Ban</button>
        </div>
      </form>
      <div class="actions">
        ${sanctioned ? html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.act('Sanction lifted.', () => this.api.lift(u.id))}>Lift ${u.sanction.status === 'BANNED' ? 'ban' : 'suspension'}</button>` : nothing}
        <label class="check"
          ><input type="checkbox" .checked=${u.premoderated} ?disabled=${this.busy} @change=${(e: Event) => this.premoderate(u, (e.target as HTMLInputElement).checked)} /> Pre-moderate every
          comment by this user</label
        >
      </div>
    </section>`;
  }

  private detail(e: AuditEvent) {
    const d = e.data;
    const parts = ['reason', 'hours', 'enabled', 'role', 'until'].filter((k) => d[k] !== undefined && d[k] !== null).map((k) => `${k}: ${String(d[k])}`);
    return parts.length ? html`<br /><span class="muted">${parts.join(' · ')}</span>` : nothing;
  }

  private suspend(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const hours = Number(data.get('hours'));
    const reason = String(data.get('reason') ?? '').trim();
    if (!Number.isInteger(hours) || hours < 1 || !reason) {
      this.error = 'A suspension needs a whole number of hours (1 to 8760) and a reason.';
      return;
    }
    void this.act(`Suspended for ${hours} hours.`, () => this.api.suspend(this.user!.id, hours, reason));
  }

  private ban(e: SubmitEvent): void {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      this.error = 'A ban needs a reason the user will read.';
      return;
    }
    void this.act('Banned.', () => this.api.ban(this.user!.id, reason));
  }

  private premoderate(u: StaffUser, enabled: boolean): void {
    void this.act(enabled ? 'Pre-moderation on.' : 'Pre-moderation off.', () => this.api.premoderate(u.id, enabled));
  }

  private async act(done: string, call: () => Promise<StaffUser>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.done = '';
    try {
      this.user = await call();
      this.history = (await this.api.audit({ subject: this.user.id })).items;
      this.done = done;
      this.dispatchEvent(new CustomEvent('parley-user-changed', { detail: this.user }));
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = false;
    }
  }
}
