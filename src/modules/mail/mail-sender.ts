import { createTransport, Transporter } from 'nodemailer';
import { ClaimedMail } from './mail.repository';

export type SendOutcome = { kind: 'sent' } | { kind: 'refused'; error: string } | { kind: 'failed'; error: string };

interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * One SMTP transport per process. Each message gets a fixed Message-ID built from its row id, so a
 * message sent twice (a worker died after the server accepted it and before the outcome was
 * recorded) can be recognised by the receiving side.
 */
export class MailSender {
  private readonly transport: Transporter;
  private readonly idDomain: string;

  constructor(smtpUrl: string, timeoutMs: number, private readonly from: string, publicUrl: string) {
    this.transport = createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
    this.idDomain = hostOf(publicUrl);
  }

  async send(mail: ClaimedMail): Promise<SendOutcome> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody ?? '',
        ...(mail.htmlBody !== null ? { html: mail.htmlBody } : {}),
        headers: mail.headers,
        messageId: `<${mail.id}@${this.idDomain}>`,
      });
      return { kind: 'sent' };
    } catch (err) {
      const e = (err ?? {}) as SmtpError;
      const error = (e.response ?? e.message ?? String(err)).slice(0, 1000);
      // A 5xx reply is the server's final word (no such mailbox, refused content): retrying repeats it.
      if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) return { kind: 'refused', error };
      return { kind: 'failed', error };
    }
  }

  close(): void {
    this.transport.close();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'parley.invalid';
  } catch {
    return 'parley.invalid';
  }
}
