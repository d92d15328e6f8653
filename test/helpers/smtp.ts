import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** One message as the test SMTP server received it, decoded enough for assertions. */
export interface ReceivedMail {
  /** Envelope sender and recipients (what the client said in MAIL FROM / RCPT TO). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Header names lowercased; values unfolded, encoded words decoded. */
  headers: Map<string, string>;
  subject: string;
  messageId: string;
  text: string;
  html: string | null;
  raw: string;
}

interface Waiter {
  address: string;
  resolve: (mail: ReceivedMail) => void;
}

/**
 * A real SMTP server on 127.0.0.1 (random port) for tests: no TLS, no authentication required.
 * Collects every accepted message; a test awaits the next message to an address with `next()`,
 * which resolves when it arrives (or at once with one that arrived earlier and was not taken yet).
 * `rejectNext()` makes the server refuse the next message(s) to an address with an SMTP reply.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Accepted messages per recipient not yet handed out by next(). */
  private readonly unread = new Map<string, ReceivedMail[]>();
  private readonly waiters: Waiter[] = [];
  private readonly rejections = new Map<string, { code: number; text: string }[]>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => this.onData(stream, session, callback),
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The next message to `address` (case-insensitive) not yet taken by an earlier call. */
  next(address: string): Promise<ReceivedMail> {
    const key = address.toLowerCase();
    const queued = this.unread.get(key);
    if (queued && queued.length > 0) return Promise.resolve(queued.shift() as ReceivedMail);
    return new Promise((resolve) => this.waiters.push({ address: key, resolve }));
  }

  /** Messages accepted so far for `address`, taken or not. */
  to(address: string): ReceivedMail[] {
    const key = address.toLowerCase();
    return this.received.filter((m) => m.envelopeTo.includes(key));
  }

  /** Refuse the next `times` messages to `address` with this reply (4xx: try later; 5xx: never). */
  rejectNext(address: string, code: number, text: string, times = 1): void {
    const key = address.toLowerCase();
    const list = this.rejections.get(key) ?? [];
    for (let i = 0; i < times; i += 1) list.push({ code, text });
    this.rejections.set(key, list);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      const rejection = to.map((a) => this.rejections.get(a)?.shift()).find((r) => r !== undefined);
      if (rejection) {
        callback(Object.assign(new Error(rejection.text), { responseCode: rejection.code }));
        return;
      }
      const from = session.envelope.mailFrom;
      const mail = parseMessage(Buffer.concat(chunks).toString('utf8'), from ? from.address : '', to);
      this.received.push(mail);
      callback();
      for (const address of to) this.deliver(address, mail);
    });
  }

  private deliver(address: string, mail: ReceivedMail): void {
    const i = this.waiters.findIndex((w) => w.address === address);
    if (i >= 0) {
      this.waiters.splice(i, 1)[0].resolve(mail);
      return;
    }
    const list = this.unread.get(address) ?? [];
    list.push(mail);
    this.unread.set(address, list);
  }
}

/** The parts of MIME that nodemailer produces: headers, multipart/alternative or mixed, QP and base64. */
function parseMessage(raw: string, envelopeFrom: string, envelopeTo: string[]): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const parts: { type: string; content: string }[] = [];
  collectParts(headers, body, parts);
  const part = (type: string) => parts.find((p) => p.type === type)?.content ?? null;
  return {
    envelopeFrom,
    envelopeTo,
    headers,
    subject: headers.get('subject') ?? '',
    messageId: headers.get('message-id') ?? '',
    text: part('text/plain') ?? '',
    html: part('text/html'),
    raw,
  };
}

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const normalized = entity.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end < 0 ? normalized : normalized.slice(0, end);
  const body = end < 0 ? '' : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function collectParts(headers: Map<string, string>, body: string, out: { type: string; content: string }[]): void {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return;
    const sections = body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      const child = splitEntity(section.replace(/^\n/, ''));
      collectParts(child.headers, child.body, out);
    }
    return;
  }
  out.push({ type, content: decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit') });
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body.replace(/\n$/, '');
  }
}

function decodeQuotedPrintable(text: string): string {
  const source = Buffer.from(text.replace(/=\n/g, ''), 'utf8');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i += 1) {
    const hex = source[i] === 0x3d ? source.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(source[i]);
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\n$/, '');
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes non-ASCII headers. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, mode: string, data: string) =>
      mode.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
