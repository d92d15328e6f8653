import { Injectable } from '@nestjs/common';
import { Tx } from '../../database/prisma.service';
import { MailService } from '../mail/mail.service';
import { EmailTopic, TOPIC_OF } from './notification-kinds';
import { renderNotificationMail, RenderedMail } from './notification-mail';
import { NotificationsRepository } from './notifications.repository';
import { UnsubscribeLinks } from './unsubscribe-links';

/**
 * Notification mail into the mail outbox, in the caller's transaction. Every message carries
 * one-click unsubscribe headers (RFC 8058) whose signed link turns off what the mail is about:
 * its kind, or for a digest all notification mail.
 */
@Injectable()
export class NotificationMailer {
  constructor(
    private readonly mail: MailService,
    private readonly repo: NotificationsRepository,
    private readonly links: UnsubscribeLinks,
  ) {}

  /** False without SMTP: nothing is mailed and notifications stay in the app. */
  get enabled(): boolean {
    return this.mail.enabled;
  }

  /** Mails the notification just written, at once. */
  async sendNow(notificationId: string, to: string, tx: Tx): Promise<void> {
    const row = await this.repo.findForDisplay(notificationId, tx);
    if (!row) return;
    const unsubscribe = await this.links.url(row.recipientId, TOPIC_OF[row.kind]);
    await this.enqueue(to, row.recipientId, renderNotificationMail(row, unsubscribe), `notification_${row.kind.toLowerCase()}`, unsubscribe, tx);
  }

  async enqueue(to: string, userId: string, mail: RenderedMail, kind: string, unsubscribeUrl: string, tx: Tx): Promise<void> {
    await this.mail.enqueue(tx, {
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      kind,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  }

  unsubscribeUrl(userId: string, topic: EmailTopic): Promise<string> {
    return this.links.url(userId, topic);
  }
}
