import { EnvReader } from './env-reader';
import { parseDelays } from './webhooks.config';

/** Read by the mail module: outgoing mail through SMTP (password reset, verification, notifications). */
export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465; null disables mail (nothing is queued). */
  smtpUrl: string | null;
  /** The From header of every message. */
  mailFrom: string;
  /** Run the sending worker in this process (any number of instances may: rows are claimed with SKIP LOCKED). */
  mailWorker: boolean;
  /** How often the worker looks for due mail. */
  mailPollMs: number;
  /** Messages claimed (and sent concurrently) per round. */
  mailBatchSize: number;
  /** One attempt's limit for connecting, greeting and each SMTP reply. */
  mailTimeoutMs: number;
  /** Waits before each retry, in order (jittered ±20 %); their count is the number of retries. */
  mailRetryDelaysMs: readonly number[];
}

const DEFAULT_RETRY_DELAYS = '30s,2m,10m,30m,1h,2h,4h';

export function readMailSettings(r: EnvReader, publicUrl: string): MailSettings {
  const raw = r.string('MAIL_RETRY_DELAYS', DEFAULT_RETRY_DELAYS);
  let delays = parseDelays(raw);
  if (!delays) {
    r.problems.push('MAIL_RETRY_DELAYS must be 1 to 30 comma-separated durations like 30s,2m,1h');
    delays = parseDelays(DEFAULT_RETRY_DELAYS) as number[];
  }
  let host = 'localhost';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // PUBLIC_URL is checked where it is read.
  }
  const mailFrom = r.string('MAIL_FROM', `Parley <no-reply@${host}>`);
  if (/[\r\n]/.test(mailFrom)) r.problems.push('MAIL_FROM must be one line, such as "News comments <comments@news.example>"');
  return {
    smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom,
    mailWorker: r.bool('MAIL_WORKER', true),
    mailPollMs: r.int('MAIL_POLL_MS', 2000, 20, 600_000),
    mailBatchSize: r.int('MAIL_BATCH_SIZE', 10, 1, 500),
    mailTimeoutMs: r.int('MAIL_TIMEOUT_MS', 20_000, 100, 300_000),
    mailRetryDelaysMs: delays,
  };
}
