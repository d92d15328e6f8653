import type { QueueItem } from './console-types';
import { allowedDecisions } from './decisions';
import { errorText } from './errors';
import type { QueueView } from './queue-view';

/**
 * What a moderator does to queue items: decisions (only those the item's status allows), the
 * assignment, appeals and bulk decisions. Each runs one API call; an item the call decided leaves
 * the list at once (the next one becomes current and takes the focus), anything else reloads it.
 * A second action while one is in flight does nothing.
 */
export class QueueActions {
  constructor(private readonly v: QueueView) {}

  /** Approves the item, or restores it when it was rejected; an item under appeal is decided by the appeal. */
  approve(item = this.v.current): void {
    if (!item || this.v.busy || item.appeal) return;
    const can = allowedDecisions(item.comment.status, item.comment.featured);
    const who = item.author.displayName;
    if (can.approve) void this.act(item, () => this.v.api.decide(item, { action: 'APPROVE' }), `Approved the comment by ${who}.`, true);
    else if (can.restore) void this.act(item, () => this.v.api.decide(item, { action: 'RESTORE' }), `Restored the comment by ${who}.`, true);
  }

  feature(item = this.v.current): void {
    if (!item || this.v.busy) return;
    const can = allowedDecisions(item.comment.status, item.comment.featured);
    if (can.feature) void this.act(item, () => this.v.api.decide(item, { action: 'FEATURE' }), 'Featured.', false);
    else if (can.unfeature) void this.act(item, () => this.v.api.decide(item, { action: 'UNFEATURE' }), 'No longer featured.', false);
  }

  async reject(item = this.v.current): Promise<void> {
    if (!item || this.v.busy || item.appeal || !allowedDecisions(item.comment.status, item.comment.featured).reject) return;
    const answer = await this.v.rejectDialog.ask();
    if (answer) await this.act(item, () => this.v.api.decide(item, { action: 'REJECT', ...answer }), `Rejected the comment by ${item.author.displayName}.`, true);
  }

  takeOrRelease(item = this.v.current): void {
    if (!item || this.v.busy) return;
    const id = item.comment.id;
    if (item.claim?.by.id === this.v.me.id) void this.act(item, () => this.v.api.release(id), 'Gave the item back.', false);
    else void this.act(item, () => this.v.api.assign(id), 'The item is assigned to you.', false);
  }

  decideAppeal(item: QueueItem, outcome: 'UPHOLD' | 'OVERTURN', note: string): void {
    const appeal = item.appeal;
    if (!appeal || this.v.busy) return;
    const done = outcome === 'UPHOLD' ? 'Appeal decided: the rejection stands.' : 'Appeal decided: the comment is restored.';
    void this.act(item, () => this.v.api.decideAppeal(appeal.id, outcome, note || undefined), done, true);
  }

  /** Approves or rejects every selected item in one all-or-nothing call (rejection asks for one reason). */
  async bulk(action: 'APPROVE' | 'REJECT'): Promise<void> {
    const v = this.v;
    const items = v.items.filter((i) => v.selected.has(i.comment.id));
    if (!items.length || v.busy) return;
    const answer = action === 'REJECT' ? await v.rejectDialog.ask(items.length) : null;
    if (action === 'REJECT' && !answer) return;
    v.busy = 'bulk';
    v.listError = '';
    try {
      const result = await v.api.bulk(items, action, answer?.reason, answer?.message);
      v.announcement = `${action === 'APPROVE' ? 'Approved' : 'Rejected'} ${result.items.length} comments.`;
      v.selected = new Set();
      await Promise.all([v.load(), v.loadCounts()]);
    } catch (err) {
      v.listError = errorText(err);
    } finally {
      v.busy = null;
    }
  }

  /** Runs one call for one item; errors are shown on the item. */
  private async act(item: QueueItem, run: () => Promise<unknown>, done: string, leaves: boolean): Promise<void> {
    const v = this.v;
    const id = item.comment.id;
    v.busy = id;
    this.setError(id, '');
    try {
      await run();
      v.announcement = done;
      if (leaves) this.remove(item);
      else await v.load();
      void v.loadCounts();
      await v.updateComplete;
      v.focusCurrent();
    } catch (err) {
      this.setError(id, errorText(err));
    } finally {
      v.busy = null;
    }
  }

  /** Takes a decided item out of the list; the current position stays on the next one. */
  remove(item: QueueItem): void {
    const v = this.v;
    const at = v.items.indexOf(item);
    v.items = v.items.filter((i) => i !== item);
    v.selected = new Set([...v.selected].filter((id) => id !== item.comment.id));
    if (at >= 0 && at < v.index) v.index -= 1;
    v.index = Math.min(v.index, Math.max(0, v.items.length - 1));
  }

  private setError(id: string, text: string): void {
    const next = new Map(this.v.errors);
    if (text) next.set(id, text);
    else next.delete(id);
    this.v.errors = next;
  }
}
