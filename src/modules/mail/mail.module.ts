import { Module } from '@nestjs/common';
import { MailDeliveryWorker } from './mail-delivery.worker';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';

/** Outgoing mail through SMTP: queued in the caller's transaction, sent by a worker on every instance. */
@Module({
  providers: [MailService, MailRepository, MailDeliveryWorker],
  exports: [MailService],
})
export class MailModule {}
