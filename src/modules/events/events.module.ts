import { Module } from '@nestjs/common';
import { EventRelay } from './event-relay';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/** The event outbox: recording domain events in the writer's transaction, and handing them to consumers after commit. */
@Module({
  providers: [EventsService, EventsRepository, EventRelay],
  exports: [EventsService],
})
export class EventsModule {}
