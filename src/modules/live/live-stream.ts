import type { Response } from 'express';

/** Bytes a client may leave unread before its stream is closed (it reconnects with Last-Event-ID and loses nothing). */
const MAX_UNREAD_BYTES = 1 << 20;

/**
 * One open Server-Sent Events response. Small on purpose (thousands per instance): the
 * response, the client's address, the article it follows (null: the moderation stream), and the
 * last outbox position written, so that no event is written twice or out of order while the
 * stream catches up from Last-Event-ID and the hub hands it new events at the same time. No
 * timers of its own: the hub's heartbeat covers every stream.
 */
export class LiveStream {
  /** Frames the hub handed over while the stream was still replaying older events. */
  private pending: { position: bigint | null; frame: string }[] | null = null;
  private closed = false;

  constructor(
    private readonly res: Response,
    readonly ip: string,
    readonly articleId: string | null,
    /** The last position written (or known to need nothing). */
    private cursor: bigint,
  ) {}

  /** Sends the response head and the reconnection hint. */
  open(retryMs: number): void {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-store');
    this.res.setHeader('Connection', 'keep-alive');
    // Proxies (nginx) buffer responses unless told not to; a buffered stream is not live.
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    this.res.socket?.setTimeout(0);
    this.write(`retry: ${retryMs}\n\n`);
  }

  onClose(fn: () => void): void {
    this.res.once('close', () => {
      this.closed = true;
      fn();
    });
  }

  /** Holds frames from the hub until catchUpDone(): the replay from the table writes first. */
  startCatchUp(): void {
    this.pending = [];
  }

  catchUpDone(): void {
    const pending = this.pending ?? [];
    this.pending = null;
    for (const p of pending) this.deliver(p.position, p.frame);
  }

  /** Writes an event's frame unless this stream has written that position already; frames without a position (counts) always go. */
  deliver(position: bigint | null, frame: string): void {
    if (this.pending) this.pending.push({ position, frame });
    else this.deliverNow(position, frame);
  }

  /** deliver(), also during the catch-up (the replay's own frames). */
  deliverNow(position: bigint | null, frame: string): void {
    if (this.closed) return;
    if (position !== null) {
      if (position <= this.cursor) return;
      this.cursor = position;
    }
    this.write(frame);
  }

  /** Moves the cursor past events this stream's audience does not get (so a replay does not revisit them). */
  skipTo(position: bigint): void {
    if (position > this.cursor) this.cursor = position;
  }

  /** A comment line (heartbeat): ignored by EventSource, keeps proxies from closing an idle stream. */
  comment(text: string): void {
    if (!this.closed && !this.pending) this.write(`: ${text}\n\n`);
  }

  get position(): bigint {
    return this.cursor;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }

  private write(text: string): void {
    if (this.res.writableLength > MAX_UNREAD_BYTES) {
      // A client that does not read: drop it rather than hold its backlog in memory.
      this.res.destroy();
      return;
    }
    this.res.write(text);
  }
}
