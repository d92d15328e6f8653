import { IncomingHttpHeaders, request } from 'node:http';

/** One Server-Sent Events message as an EventSource would dispatch it. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: unknown;
}

/**
 * A small EventSource for tests: a real HTTP connection, the stream parsed as the HTML
 * specification says (fields, blank line ends a message, comment lines ignored). `next()` waits
 * for the next message that matches; a message never seen fails the test after `waitMs`.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  /** Comment lines received (heartbeats). */
  readonly comments: string[] = [];
  retry: number | null = null;
  ended = false;
  private read = 0;
  private waiters: (() => void)[] = [];
  private endWaiters: (() => void)[] = [];

  private constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly body: string,
    private readonly abort: () => void,
  ) {}

  /** Opens the stream; resolves when the response head arrived (with the body of a refusal). */
  static open(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, baseUrl), { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        res.setEncoding('utf8');
        if (res.statusCode !== 200) {
          let body = '';
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve(new SseClient(res.statusCode ?? 0, res.headers, body, () => undefined)));
          return;
        }
        const client = new SseClient(200, res.headers, '', () => req.destroy());
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            client.parse(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
        });
        const ended = () => {
          client.ended = true;
          client.notify();
          for (const w of client.endWaiters.splice(0)) w();
        };
        res.on('end', ended);
        res.on('close', ended);
        resolve(client);
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** The next message not yet taken that matches (messages before it are taken too). */
  async next(match: (m: SseMessage) => boolean = () => true, waitMs = 10_000): Promise<SseMessage> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      while (this.read < this.messages.length) {
        const m = this.messages[this.read++];
        if (match(m)) return m;
      }
      if (this.ended) throw new Error('the stream ended before the message came');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${waitMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Messages not yet taken by next(). */
  untaken(): SseMessage[] {
    return this.messages.slice(this.read);
  }

  /** Resolves when the server ends the stream. */
  whenEnded(): Promise<void> {
    return this.ended ? Promise.resolve() : new Promise((resolve) => this.endWaiters.push(resolve));
  }

  close(): void {
    this.abort();
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields++;
      if (name === 'id') id = value;
      else if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
      else if (name === 'retry') this.retry = Number(value);
    }
    if (fields === 0 || data.length === 0) return;
    this.messages.push({ id, event, data: JSON.parse(data.join('\n')) });
    this.notify();
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
