/** One dispatched Server-Sent Events message. */
export interface SseMessage {
  /** The last id seen on the stream so far ('' when none yet): what to send as Last-Event-ID. */
  id: string;
  event: string;
  data: string;
}

export interface SseHandlers {
  message(msg: SseMessage): void;
  /** A comment line (`: hb`): the server's heartbeat. */
  comment?(text: string): void;
  /** A `retry:` field: the server's reconnection delay in milliseconds. */
  retry?(ms: number): void;
}

const LINE_END = /\r\n|\r|\n/;

/**
 * An incremental parser for `text/event-stream`, as the HTML standard reads it: fields `id`,
 * `event`, `data` (several lines joined with newlines) and `retry`; lines starting with `:` are
 * comments; a blank line dispatches the message (nothing when it has no data); lines may end in
 * CRLF, LF or CR, and a chunk may end anywhere, even between a CR and its LF. Used where
 * EventSource cannot be (it sends no Authorization header).
 */
export class SseParser {
  private buffer = '';
  private skipLf = false;
  /** The id of the last dispatched message: what a reconnect resumes from. */
  private lastId = '';
  /** An id read in the message being assembled; it counts once that message is dispatched. */
  private idBuffer = '';
  private event = '';
  private data: string[] = [];

  constructor(private readonly on: SseHandlers) {}

  /** The last id the stream set: survives reconnects, as EventSource's does. */
  get lastEventId(): string {
    return this.lastId;
  }

  set lastEventId(id: string) {
    this.lastId = this.idBuffer = id;
  }

  /** Feeds decoded text; complete lines are handled, the rest waits for the next chunk. */
  push(text: string): void {
    if (text === '') return;
    // A chunk that ended in CR ended its line; an LF starting the next chunk is that CRLF's second half.
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    this.buffer += text;
    for (;;) {
      const m = LINE_END.exec(this.buffer);
      if (!m) return;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      if (m[0] === '\r' && this.buffer === '') this.skipLf = true;
      this.line(line);
    }
  }

  /** The stream ended: an unfinished message is dropped with its id (the standard's rule), so a reconnect replays it. */
  end(): void {
    this.buffer = '';
    this.skipLf = false;
    this.idBuffer = this.lastId;
    this.event = '';
    this.data = [];
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return this.on.comment?.(line.slice(1).trimStart());
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.idBuffer = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.on.retry?.(Number(value));
  }

  private dispatch(): void {
    this.lastId = this.idBuffer;
    const event = this.event || 'message';
    const data = this.data;
    this.event = '';
    this.data = [];
    if (data.length) this.on.message({ id: this.lastId, event, data: data.join('\n') });
  }
}
