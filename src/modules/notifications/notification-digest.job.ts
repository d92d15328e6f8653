import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService } from '../../database/prisma.service';
import { digestPeriodEnd, mailPlan, VISIBLE_STATUSES } from './notification-kinds';
import { renderDigestMail } from './notification-mail';
import { NotificationMailer } from './notification-mailer';
import { preferencesOf } from './notification-preferences';
import { NotificationsRepository, NotificationRow } from './notifications.repository';

const USERS_PER_ROUND = 100;

/** Whether the recipient may still see the notification (a reply removed since is left out). */
function stillVisible(row: NotificationRow): boolean {
  if (row.kind === 'DECISION' || row.kind === 'APPEAL') return true;
  if (!row.comment) return false;
  if (row.kind === 'VERDICT' && row.comment.authorId === row.recipientId) return true;
  return (VISIBLE_STATUSES as readonly string[]).includes(row.comment.status) && row.comment.hiddenAncestors === 0;
}

/**
 * The daily digest. Every instance runs the job on a timer; a user's digest for a period is
 * claimed by inserting its notification_digests row (primary key user + period end) in the
 * transaction that queues the mail, so two instances never both send it, and a crash before
 * commit leaves it to the next round. A digest lists the notifications waiting for it that are
 * still unread and visible; those read meanwhile are settled without mail.
 */
@Injectable()
export class NotificationDigestJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationDigestJob.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: NotificationsRepository,
    private readonly mailer: NotificationMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { notificationsDigestWorker, notificationsDigestPollMinutes } = this.config.notifications;
    if (!notificationsDigestWorker) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run(new Date())
        .catch((err: unknown) => this.logger.warn(`notification digest paused: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.running = null;
        });
    }, notificationsDigestPollMinutes * 60_000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends the digests of the period `now` is past; returns how many mails were queued. Safe to run anywhere, any number of times. */
  async run(now: Date): Promise<number> {
    const periodEnd = digestPeriodEnd(now, this.config.notifications.notificationsDigestHourUtc);
    let sent = 0;
    for (;;) {
      const users = await this.repo.findDigestRecipients(periodEnd, USERS_PER_ROUND);
      for (const userId of users) if (await this.digestFor(userId, periodEnd)) sent += 1;
      if (users.length < USERS_PER_ROUND) return sent;
    }
  }

  private digestFor(userId: string, periodEnd: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.repo.claimDigest(userId, periodEnd, tx))) return false;
      const rows = await this.repo.findDigestItems(userId, periodEnd, tx);
      const recipient = await this.repo.findRecipient(userId, tx);
      const prefs = preferencesOf(recipient?.notificationPreference ?? null);
      const canMail = this.mailer.enabled && !!recipient?.email && !recipient.deletedAt;
      // Preferences may have changed since: only what is still wanted by mail, unread and visible.
      const listed = canMail ? rows.filter((r) => r.readAt === null && mailPlan(prefs, r.kind) === 'DAILY' && stillVisible(r)) : [];
      const listedIds = new Set(listed.map((r) => r.id));
      if (listed.length > 0) {
        const unsubscribe = await this.mailer.unsubscribeUrl(userId, 'all');
        await this.mailer.enqueue(recipient?.email as string, userId, renderDigestMail(listed, unsubscribe), 'notification_digest', unsubscribe, tx);
      }
      await this.repo.settleDigest(userId, periodEnd, [...listedIds], rows.filter((r) => !listedIds.has(r.id)).map((r) => r.id), tx);
      return listed.length > 0;
    });
  }
}
