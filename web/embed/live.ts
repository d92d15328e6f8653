import { PollingSource, UpdateSource } from '../shared/updates';

/** How often the embed looks for new comments when it cannot hold a live stream. */
const POLL_MS = 30_000;
/** Events of a burst (a busy thread) become one refresh. */
const SETTLE_MS = 300;
/** The article stream's messages that change what a reader sees (README "Live updates"). */
const READER_EVENTS = ['comment.posted', 'comment.edited', 'comment.shown', 'comment.removed', 'reaction.changed', 'label.changed', 'note.changed', 'reset'];

/**
 * The article's Server-Sent Events stream (`GET /api/articles/{id}/events`) as an update source:
 * each message means "the thread changed", and the embed reloads what it shows. The browser's
 * EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed. Until the
 * stream is open (the article id is resolved after start), while it reconnects, and when the
 * service refuses it (too many streams, an older Parley) or the browser has no EventSource,
 * polling on an interval and on focus stands in.
 */
class ArticleStreamSource implements UpdateSource {
  private readonly fallback = new PollingSource(POLL_MS);
  private source: EventSource | null = null;
  private onChange: (() => void) | null = null;
  private waitTimer: number | null = null;
  private settleTimer: number | null = null;

  constructor(
    private readonly apiBase: string,
    private readonly articleId: () => string | null,
  ) {}

  start(onChange: () => void): void {
    this.stop();
    this.onChange = onChange;
    this.fallback.start(onChange);
    this.connect();
  }

  stop(): void {
    this.source?.close();
    this.source = null;
    for (const t of [this.waitTimer, this.settleTimer]) if (t !== null) window.clearTimeout(t);
    this.waitTimer = this.settleTimer = null;
    this.fallback.stop();
    this.onChange = null;
  }

  private readonly connect = (): void => {
    this.waitTimer = null;
    if (!this.onChange || typeof EventSource === 'undefined') return;
    const id = this.articleId();
    if (!id) {
      this.waitTimer = window.setTimeout(this.connect, 1000);
      return;
    }
    const source = new EventSource(`${this.apiBase}/api/articles/${encodeURIComponent(id)}/events`);
    this.source = source;
    // Polling on an interval and on focus stays on beside the stream: a safety net for changes
    // that reach readers without an event, and what the embed did before live updates.
    source.addEventListener('error', () => {
      // Reconnecting (CONNECTING) or given up (CLOSED: refused): poll meanwhile, or from now on.
      if (this.source === source && this.onChange) this.fallback.start(this.onChange);
    });
    for (const name of READER_EVENTS) source.addEventListener(name, this.changed);
  }

  private readonly changed = (): void => {
    if (this.settleTimer !== null) return;
    this.settleTimer = window.setTimeout(() => {
      this.settleTimer = null;
      this.onChange?.();
    }, SETTLE_MS);
  };
}

/** The one place that decides where the embed hears about changes. */
export function createUpdateSource(apiBase: string, articleId: () => string | null): UpdateSource {
  return new ArticleStreamSource(apiBase, articleId);
}
