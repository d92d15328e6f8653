import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { nextAttemptDelay } from '../webhooks/retry-schedule';
import { MailSender, SendOutcome } from './mail-sender';
import { ClaimedMail, MailOutcome, MailRepository } from './mail.repository';

/**
 * Sends queued mail; every instance may run one (MAIL_WORKER). Due rows are claimed with FOR
 * UPDATE SKIP LOCKED and a lease, sent through SMTP, and each outcome recorded: accepted → SENT;
 * a 5xx reply → FAILED at once; anything else (connection, timeout, 4xx) → retried on the
 * schedule of MAIL_RETRY_DELAYS, then FAILED.
 */
@Injectable()
export class MailDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailDeliveryWorker.name);
  private readonly sender: MailSender | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private active = false;

  constructor(
    private readonly repo: MailRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { smtpUrl, mailTimeoutMs, mailFrom } = config.mail;
    this.sender = smtpUrl === null ? null : new MailSender(smtpUrl, mailTimeoutMs, mailFrom, config.publicUrl);
  }

  onApplicationBootstrap(): void {
    if (!this.config.mail.mailWorker || this.sender === null) return;
    this.active = true;
    this.timer = setInterval(() => this.wake(), this.config.mail.mailPollMs);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.sender?.close();
  }

  private wake(): void {
    if (!this.active || this.running) return;
    this.running = this.drain()
      .catch((err) => this.logger.warn(`mail sending paused: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = null;
      });
  }

  private async drain(): Promise<void> {
    while (this.active && (await this.runOnce()) === this.config.mail.mailBatchSize);
  }

  /** One round: claims due messages and sends them concurrently; returns how many it took. */
  async runOnce(): Promise<number> {
    if (this.sender === null) return 0;
    const { mailBatchSize, mailTimeoutMs } = this.config.mail;
    // The lease outlasts an attempt (connect, greeting, then each reply within the timeout) with room to record it.
    const claimed = await this.repo.claimDue(mailBatchSize, 4 * mailTimeoutMs + 30_000);
    await Promise.all(claimed.map((m) => this.attempt(this.sender as MailSender, m)));
    return claimed.length;
  }

  private async attempt(sender: MailSender, mail: ClaimedMail): Promise<void> {
    const result = await sender.send(mail);
    try {
      const recorded = await this.repo.recordOutcome(mail.id, mail.attempts, this.outcome(mail.attempts, result));
      if (recorded && result.kind !== 'sent') this.logger.warn(`mail ${mail.id} attempt ${mail.attempts}: ${result.error}`);
    } catch (err) {
      // The lease runs out and another round tries again.
      this.logger.warn(`mail ${mail.id}: outcome not recorded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private outcome(attempts: number, result: SendOutcome): MailOutcome {
    if (result.kind === 'sent') return { status: 'SENT', nextAttemptAt: null, error: null };
    const delay = result.kind === 'failed' ? nextAttemptDelay(attempts, this.config.mail.mailRetryDelaysMs) : null;
    if (delay === null) return { status: 'FAILED', nextAttemptAt: null, error: result.error };
    return { status: 'PENDING', nextAttemptAt: new Date(Date.now() + delay), error: result.error };
  }
}
