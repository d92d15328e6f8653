import { Module } from '@nestjs/common';
import { EventRelay } from './event-relay';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { OutboxFeed } from './outbox-feed';

/** The event outbox: recording domain events in the writer's transaction, and handing them to consumers after commit. */
@Module({
  providers: [EventsService, EventsRepository, EventRelay, OutboxFeed],
  exports: [EventsService, OutboxFeed],
})
export class EventsModule {}
