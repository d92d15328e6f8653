import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Tx } from '../../database/prisma.service';
import { MailRepository } from './mail.repository';

/** What a caller hands to MailService.enqueue. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers such as List-Unsubscribe; names are header tokens, values one line each. */
  headers?: Record<string, string>;
  /** What the message is for, kept with the row (password_reset, email_verification, reply …). */
  kind: string;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const ONE_LINE = /^[^\r\n]*$/;

/**
 * Outgoing mail. enqueue() writes the message in the caller's transaction, so that it goes out
 * only if what caused it commits and never slows the request; the mail worker of any instance
 * sends it. Without SMTP_URL mail is disabled and enqueue() writes nothing (callers may read
 * `enabled` to say so, e.g. not to promise a mail).
 */
@Injectable()
export class MailService {
  readonly enabled: boolean;

  constructor(
    private readonly repo: MailRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.enabled = config.mail.smtpUrl !== null;
  }

  async enqueue(tx: Tx, message: MailMessage): Promise<void> {
    checkMessage(message);
    if (!this.enabled) return;
    await this.repo.insertPending(
      { kind: message.kind, to: message.to, subject: message.subject, text: message.text, html: message.html ?? null, headers: message.headers ?? {} },
      tx,
    );
  }
}

/** A programming error, not bad input from a reader: callers build these messages themselves. */
function checkMessage(message: MailMessage): void {
  if (!message.kind) throw new Error('mail: kind is required');
  if (!message.to || !ONE_LINE.test(message.to) || !message.to.includes('@')) throw new Error('mail: "to" must be one email address');
  if (!ONE_LINE.test(message.subject)) throw new Error('mail: the subject must be one line');
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name) || !ONE_LINE.test(value)) throw new Error(`mail: header ${JSON.stringify(name)} is not a valid one-line header`);
  }
}
