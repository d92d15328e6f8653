import type { ApiClient } from '../shared/api';
import { SseMessage, SseParser } from '../shared/sse';

/** Reconnection delays: the server's `retry:` (3 s by default) doubled per failure, up to this. */
const MAX_BACKOFF_MS = 60_000;
/** Silence (no message, no heartbeat) after which the connection is taken for dead. */
const SILENCE_MS = 75_000;

export type StreamState = 'connecting' | 'open' | 'down';

export interface ModerationStreamHandlers {
  message(msg: SseMessage): void;
  /** 'open' when the stream is read; 'down' while it waits to reconnect or has given up. */
  state(state: StreamState): void;
}

/**
 * `GET /api/moderation/events` read with fetch (the stream needs the moderator's bearer token,
 * which EventSource cannot send) and parsed by SseParser. After a drop it reconnects with
 * `Last-Event-ID`, so the server replays what was missed, waiting the server's `retry:` delay
 * doubled per consecutive failure (with jitter, so a restarted instance is not hit by every
 * console at once). A 401 or 403 ends it for good: the session is gone or not staff.
 */
export class ModerationStream {
  private readonly parser: SseParser;
  private abort: AbortController | null = null;
  private timer: number | null = null;
  private watchdog: number | null = null;
  private baseDelayMs = 3000;
  private failures = 0;
  private running = false;

  constructor(
    private readonly client: ApiClient,
    private readonly on: ModerationStreamHandlers,
  ) {
    this.parser = new SseParser({
      message: (msg) => this.on.message(msg),
      retry: (ms) => (this.baseDelayMs = ms),
      comment: () => undefined,
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.abort?.abort();
    this.abort = null;
    for (const t of [this.timer, this.watchdog]) if (t !== null) window.clearTimeout(t);
    this.timer = this.watchdog = null;
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    this.on.state('connecting');
    const abort = new AbortController();
    this.abort = abort;
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    const token = this.client.credentials.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (this.parser.lastEventId) headers['Last-Event-ID'] = this.parser.lastEventId;
    let retryAfterMs = 0;
    try {
      const res = await fetch(`${this.client.base}/api/moderation/events`, { headers, signal: abort.signal, cache: 'no-store', credentials: 'omit' });
      if (res.status === 401 || res.status === 403) return this.giveUp();
      // A Last-Event-ID the server does not accept: start afresh (the first message is then fresh counts).
      if (res.status === 400) this.parser.lastEventId = '';
      if (res.status === 429) retryAfterMs = Number(res.headers.get('Retry-After') ?? 0) * 1000;
      if (res.ok && res.body) await this.read(res.body, abort);
    } catch {
      // Network failure or abort (stop, watchdog): reconnect below unless stopped.
    }
    this.parser.end();
    if (this.abort === abort) this.abort = null;
    this.retryLater(retryAfterMs);
  }

  private async read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    this.failures = 0;
    this.on.state('open');
    this.alive(abort);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      this.alive(abort);
      this.parser.push(decoder.decode(value, { stream: true }));
    }
  }

  /** Every chunk (heartbeats included) proves the connection; long silence means a dead one. */
  private alive(abort: AbortController): void {
    if (this.watchdog !== null) window.clearTimeout(this.watchdog);
    this.watchdog = window.setTimeout(() => abort.abort(), SILENCE_MS);
  }

  private retryLater(atLeastMs: number): void {
    if (this.watchdog !== null) window.clearTimeout(this.watchdog);
    this.watchdog = null;
    if (!this.running) return;
    this.on.state('down');
    const backoff = Math.min(MAX_BACKOFF_MS, this.baseDelayMs * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 10);
    const delay = Math.max(atLeastMs, backoff / 2 + Math.random() * (backoff / 2));
    this.timer = window.setTimeout(() => void this.connect(), delay);
  }

  private giveUp(): void {
    this.running = false;
    this.on.state('down');
  }
}
