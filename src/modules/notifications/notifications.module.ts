import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { MailModule } from '../mail/mail.module';
import { NotificationDigestJob } from './notification-digest.job';
import { NotificationMailer } from './notification-mailer';
import { NotificationsConsumer } from './notifications.consumer';
import { MyNotificationsController, UnsubscribeController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { UnsubscribeLinks } from './unsubscribe-links';

/** Reader notifications: written from the event outbox, listed in the app, mailed at once or in a daily digest. */
@Module({
  imports: [EventsModule, MailModule],
  controllers: [MyNotificationsController, UnsubscribeController],
  providers: [NotificationsService, NotificationsRepository, NotificationsConsumer, NotificationMailer, NotificationDigestJob, UnsubscribeLinks],
  exports: [NotificationsService],
})
export class NotificationsModule {}
