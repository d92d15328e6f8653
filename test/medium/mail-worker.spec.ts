import { Logger } from '@nestjs/common';
import { loadConfig } from '../../src/config/config';
import { PrismaService } from '../../src/database/prisma.service';
import { MailDeliveryWorker } from '../../src/modules/mail/mail-delivery.worker';
import { MailRepository } from '../../src/modules/mail/mail.repository';
import { MailMessage, MailService } from '../../src/modules/mail/mail.service';
import { createTestDatabase, TestDatabase } from '../helpers/database';
import { TestSmtpServer } from '../helpers/smtp';

/**
 * The mail queue on real PostgreSQL and a real SMTP server on loopback. "Instances" are built from
 * the real classes, each with its own pool, as two processes would be; the workers are never
 * started on a timer here: each test drives them with runOnce(), so nothing waits on a clock.
 */

interface Instance {
  prisma: PrismaService;
  mail: MailService;
  worker: MailDeliveryWorker;
}

let db: TestDatabase;
let smtp: TestSmtpServer;
const open: Instance[] = [];

function instance(env: Record<string, string> = {}): Instance {
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: smtp.url, MAIL_POLL_MS: '600000', MAIL_RETRY_DELAYS: '0ms,0ms', MAIL_TIMEOUT_MS: '5000', ...env });
  const prisma = new PrismaService({ url: db.url, poolSize: 4 });
  const repo = new MailRepository(prisma);
  const created = { prisma, mail: new MailService(repo, config), worker: new MailDeliveryWorker(repo, config) };
  open.push(created);
  return created;
}

let n = 0;
function message(overrides: Partial<MailMessage> = {}): MailMessage {
  n += 1;
  return { kind: 'test', to: `reader${n}@example.test`, subject: `Message ${n}`, text: `Hello number ${n}`, ...overrides };
}

async function enqueue(i: Instance, ...messages: MailMessage[]): Promise<void> {
  await i.prisma.$transaction(async (tx) => {
    for (const m of messages) await i.mail.enqueue(tx, m);
  });
}

async function rowFor(i: Instance, to: string) {
  const [row] = await i.prisma.$queryRaw<{ status: string; attempts: number; lastError: string | null; sentAt: Date | null; textBody: string | null }[]>`
    SELECT status, attempts, last_error AS "lastError", sent_at AS "sentAt", text_body AS "textBody" FROM outgoing_mail WHERE to_address = ${to}`;
  return row;
}

beforeAll(async () => {
  Logger.overrideLogger(false);
  db = await createTestDatabase();
  smtp = new TestSmtpServer();
  await smtp.start();
});

afterAll(async () => {
  for (const i of open) {
    await i.worker.onModuleDestroy();
    await i.prisma.onModuleDestroy();
  }
  await smtp.close();
  await db.drop();
});

describe('mail worker', () => {
  it('sends a queued message with its subject, body, headers and a Message-ID from its row, then clears the body', async () => {
    const a = instance();
    const m = message({ html: '<p>Hello <b>there</b></p>', headers: { 'List-Unsubscribe': '<https://news.example/unsub?t=1>' }, subject: 'Grüße zur Antwort' });
    await enqueue(a, m);
    expect(await a.worker.runOnce()).toBe(1);
    const got = await smtp.next(m.to);
    expect(got.subject).toBe('Grüße zur Antwort');
    expect(got.text).toBe(m.text);
    expect(got.html).toBe('<p>Hello <b>there</b></p>');
    expect(got.headers.get('list-unsubscribe')).toBe('<https://news.example/unsub?t=1>');
    expect(got.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
    expect(got.headers.get('from')).toBe('Parley <no-reply@localhost>');
    const row = await rowFor(a, m.to);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null, textBody: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('retries a message the server refused for now (4xx) and sends it on the next attempt', async () => {
    const a = instance();
    const m = message();
    smtp.rejectNext(m.to, 451, 'Try again later, greylisted');
    await enqueue(a, m);
    await a.worker.runOnce();
    expect(await rowFor(a, m.to)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('greylisted') });
    expect(smtp.to(m.to)).toHaveLength(0);
    await a.worker.runOnce();
    expect((await smtp.next(m.to)).text).toBe(m.text);
    expect(await rowFor(a, m.to)).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
  });

  it('gives up at once on a permanent refusal (5xx)', async () => {
    const a = instance();
    const m = message();
    smtp.rejectNext(m.to, 550, 'No such mailbox');
    await enqueue(a, m);
    await a.worker.runOnce();
    expect(await rowFor(a, m.to)).toMatchObject({ status: 'FAILED', attempts: 1, lastError: expect.stringContaining('No such mailbox'), textBody: null });
    expect(await a.worker.runOnce()).toBe(0);
  });

  it('gives up after the retries of MAIL_RETRY_DELAYS are used up', async () => {
    const a = instance({ MAIL_RETRY_DELAYS: '0ms' });
    const m = message();
    smtp.rejectNext(m.to, 421, 'Service not available', 3);
    await enqueue(a, m);
    await a.worker.runOnce();
    expect(await rowFor(a, m.to)).toMatchObject({ status: 'PENDING', attempts: 1 });
    await a.worker.runOnce();
    expect(await rowFor(a, m.to)).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(await a.worker.runOnce()).toBe(0);
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const down = new TestSmtpServer();
    await down.start();
    const url = down.url;
    await down.close();
    const a = instance({ SMTP_URL: url });
    const m = message();
    await enqueue(a, m);
    await a.worker.runOnce();
    expect(await rowFor(a, m.to)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });

  it('two workers on one database deliver every message exactly once', async () => {
    const a = instance({ MAIL_BATCH_SIZE: '3' });
    const b = instance({ MAIL_BATCH_SIZE: '3' });
    const messages = Array.from({ length: 24 }, () => message());
    await enqueue(a, ...messages.slice(0, 12));
    await enqueue(b, ...messages.slice(12));
    let rounds = 0;
    for (;;) {
      const taken = await Promise.all([a.worker.runOnce(), b.worker.runOnce(), a.worker.runOnce(), b.worker.runOnce()]);
      rounds += 1;
      if (taken.every((t) => t === 0)) break;
    }
    expect(rounds).toBeGreaterThan(1);
    for (const m of messages) expect(smtp.to(m.to)).toHaveLength(1);
    const ids = new Set(messages.map((m) => smtp.to(m.to)[0].messageId));
    expect(ids.size).toBe(24);
  });

  it('writes nothing when what caused the message rolls back', async () => {
    const a = instance();
    const m = message();
    await expect(
      a.prisma.$transaction(async (tx) => {
        await a.mail.enqueue(tx, m);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rowFor(a, m.to)).toBeUndefined();
  });

  it('without SMTP_URL mail is disabled: enqueue writes nothing and the worker sends nothing', async () => {
    const a = instance({ SMTP_URL: '' });
    expect(a.mail.enabled).toBe(false);
    const m = message();
    await enqueue(a, m);
    expect(await rowFor(a, m.to)).toBeUndefined();
    expect(await a.worker.runOnce()).toBe(0);
  });

  it('refuses a message with a header that would break out of its line', async () => {
    const a = instance();
    await expect(enqueue(a, message({ headers: { 'X-Test': 'a\r\nBcc: someone@example.test' } }))).rejects.toThrow(/one-line header/);
    await expect(enqueue(a, message({ subject: 'two\nlines' }))).rejects.toThrow(/one line/);
  });
});
