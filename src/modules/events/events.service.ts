import { Injectable, Logger } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import { articleOf, DomainEvent, DomainEventType, StoredEvent } from './domain-events';
import type { EventConsumer } from './event-consumer';
import { EventRelay } from './event-relay';
import { EventsRepository, OutboxBounds } from './events.repository';

/**
 * The in-process side of the outbox. Writers record events inside their transaction
 * (`record(tx, event)`), preferably through `transaction(work)`, which after commit hands the
 * events to the consumers that asked for them immediately and wakes the relay. Consumers
 * register in the module that consumes (`registerConsumer`); the relay (event-relay.ts) is the
 * durable path that delivers every event to every consumer, from any instance.
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);
  /** Events recorded in a transaction opened by transaction(), handed over after its commit. */
  private readonly pending = new WeakMap<object, StoredEvent[]>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventsRepository,
    private readonly relay: EventRelay,
  ) {}

  /** Records the event in the caller's transaction: it exists exactly when the change commits. */
  async record(tx: Tx, event: DomainEvent): Promise<void> {
    const id = await this.events.insert(event, tx);
    this.pending.get(tx)?.push({ id, position: null, type: event.type, articleId: articleOf(event), payload: event.payload, createdAt: new Date() } as StoredEvent);
  }

  /**
   * prisma.$transaction(work), then, once committed, the immediate consumers of the events it
   * recorded run before this resolves, and the relay is woken for the others. A rolled-back
   * transaction hands over nothing (its events were never written).
   */
  async transaction<R>(work: (tx: Tx) => Promise<R>, options?: { timeout?: number }): Promise<R> {
    const recorded: StoredEvent[] = [];
    const result = await this.prisma.$transaction(async (tx) => {
      this.pending.set(tx, recorded);
      return work(tx);
    }, options);
    if (recorded.length > 0) await this.committed(recorded);
    return result;
  }

  /**
   * For writers that commit events themselves (a single statement, like posting): the relay
   * picks them up now rather than at its next poll. Immediate consumers run for `events` given.
   */
  async committed(events: readonly StoredEvent[] = []): Promise<void> {
    for (const event of events) {
      for (const consumer of this.relay.consumersFor(event.type)) {
        if (!consumer.immediate?.(event)) continue;
        try {
          await this.prisma.$transaction((tx) => consumer.handle(event, tx));
        } catch (err) {
          // The relay hands the event over again; the request that caused it has succeeded.
          this.logger.warn(`${consumer.name} failed on ${event.type} ${event.id} right after commit (the relay retries): ${err instanceof Error ? err.message : err}`);
        }
      }
    }
    this.relay.wake();
  }

  /** Adds a consumer; its cursor row is created when the relay starts. Call from the consuming module's constructor or onModuleInit. */
  registerConsumer<T extends DomainEventType>(consumer: EventConsumer<T>): void {
    this.relay.register(consumer as unknown as EventConsumer);
  }

  /** Where the outbox stands (the head a new reader starts from, the oldest position still kept). */
  bounds(): Promise<OutboxBounds> {
    return this.events.bounds();
  }

  /** Events after a delivery position, oldest first (optionally one article's), for streams resuming where they left off. */
  eventsAfter(position: bigint, limit: number, articleId: string | null = null): Promise<StoredEvent[]> {
    return this.events.findPage(position, limit, articleId);
  }
}
