import type { SseMessage } from '../shared/sse';
import { PollingSource } from '../shared/updates';
import type { QueueCounts } from './console-types';
import { ModerationStream, StreamState } from './moderation-stream';
import type { QueueView } from './queue-view';

/** How often counts and the list refresh while the live stream is down (and at once on focus). */
const POLL_MS = 15_000;
/** The safety refresh beside an open stream: catches what arrives without an event (assignments). */
const SAFETY_MS = 120_000;
/** Messages of a burst (a wave of reports) become one list reload. */
const SETTLE_MS = 300;
/** Moderation stream messages after which the current queue's list may differ. */
const LIST_EVENTS = new Set(['item.held', 'item.flagged', 'item.urgent', 'item.status_changed', 'item.decided', 'appeal.decided', 'reset']);

/**
 * The polling interval in seconds from the console address's `refresh` parameter
 * (`/console?refresh=60#/queues/pending`), for newsrooms that want less polling when the stream
 * cannot be held, and for tests that must see only what the stream delivers.
 */
function pollMs(): number {
  const seconds = Number(new URLSearchParams(location.search).get('refresh'));
  return Number.isInteger(seconds) && seconds >= 5 && seconds <= 86_400 ? seconds * 1000 : POLL_MS;
}

/**
 * Where the queue view hears about changes: the moderators' live stream (counts as they move, new
 * items, items decided elsewhere), polling every 15 s while it is connecting or down, and a slow
 * safety refresh while it is open.
 */
export class QueueLive {
  private readonly poll: PollingSource;
  private readonly safety: PollingSource;
  private readonly stream: ModerationStream;
  private settleTimer: number | null = null;

  constructor(private readonly v: QueueView) {
    const ms = pollMs();
    this.poll = new PollingSource(ms);
    this.safety = new PollingSource(Math.max(SAFETY_MS, ms));
    this.stream = new ModerationStream(v.api.client, { message: (m) => this.message(m), state: (s) => this.state(s) });
  }

  start(): void {
    this.state('connecting');
    this.stream.start();
  }

  stop(): void {
    this.stream.stop();
    this.poll.stop();
    this.safety.stop();
    if (this.settleTimer !== null) window.clearTimeout(this.settleTimer);
    this.settleTimer = null;
  }

  private state(state: StreamState): void {
    this.v.live = state === 'open';
    const [on, off] = state === 'open' ? [this.safety, this.poll] : [this.poll, this.safety];
    off.stop();
    on.start(() => void this.v.refresh());
  }

  private message(msg: SseMessage): void {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(msg.data) as Record<string, unknown>;
    } catch {
      return;
    }
    if (msg.event === 'queue.counts') {
      const c = data as unknown as QueueCounts;
      this.v.counts = c.counts;
      this.v.alerts = c.alerts;
      return;
    }
    if (msg.event === 'item.decided' && data.moderatorId !== this.v.me.id) this.decidedElsewhere(String(data.commentId));
    if (msg.event === 'reset') void this.v.loadCounts();
    if (LIST_EVENTS.has(msg.event)) this.reloadSoon();
  }

  /** Another moderator decided an item: it leaves this list at once (the reload confirms it). */
  private decidedElsewhere(commentId: string): void {
    const item = this.v.items.find((i) => i.comment.id === commentId);
    if (!item || this.v.busy === commentId) return;
    this.v.actions.remove(item);
    this.v.announcement = `Another moderator decided the comment by ${item.author.displayName}.`;
  }

  private reloadSoon(): void {
    if (this.settleTimer !== null) return;
    this.settleTimer = window.setTimeout(() => {
      this.settleTimer = null;
      // Mid-action (a dialog open, a decision in flight): try again shortly, so nothing jumps under the moderator.
      void this.v.reloadList().then((done) => done || this.reloadSoon());
    }, SETTLE_MS);
  }
}
