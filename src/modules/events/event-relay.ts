import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService, Tx } from '../../database/prisma.service';
import type { DomainEventType, StoredEvent } from './domain-events';
import type { EventConsumer } from './event-consumer';
import { EventsRepository } from './events.repository';
import { OutboxFeed } from './outbox-feed';

const PRUNE_EVERY_MS = 10 * 60 * 1000;
const PRUNE_BATCH = 1000;
const MAX_RETRY_DELAY_MS = 5 * 60 * 1000;

/**
 * The durable path from the outbox to its consumers, run by every instance. A wake-up (the
 * instance's outbox feed, this process committing events, or the poll timer) stamps
 * committed events with delivery positions, then drains each consumer: claim its cursor row
 * (FOR UPDATE SKIP LOCKED, so one instance works a consumer at a time and the others skip
 * it), hand over its next events, move the cursor in the same transaction. The table is the
 * truth; notifications only make it prompt. Nothing is written when there is nothing to do.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventRelay.name);
  private readonly consumers = new Map<string, EventConsumer>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Working in the background (started, not yet shut down): wake-ups run passes. */
  private active = false;
  private closing = false;
  private lastPrune = 0;
  private lastProblem: string | null = null;
  private consumersReady = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventsRepository,
    private readonly feed: OutboxFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(consumer: EventConsumer): void {
    if (this.consumers.has(consumer.name)) throw new Error(`event consumer ${consumer.name} is registered twice`);
    this.consumers.set(consumer.name, consumer);
  }

  consumersFor(type: DomainEventType): EventConsumer[] {
    return [...this.consumers.values()].filter((c) => c.types.includes(type));
  }

  /**
   * Starts working in the background. Nothing here waits for the database: the service must start
   * (and answer readiness 503) while PostgreSQL is away; cursor rows follow when it is back.
   */
  onApplicationBootstrap(): void {
    if (!this.config.events.eventsRelay) return;
    this.active = true;
    this.unsubscribe = this.feed.subscribe(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.config.events.eventsPollMs);
    this.timer.unref();
    this.wake();
  }

  /** The registered consumers' cursor rows, created on first sight. */
  async ensureConsumers(): Promise<void> {
    for (const c of this.consumers.values()) await this.events.ensureConsumer(c.name, c.from ?? 'start');
    this.consumersReady = true;
  }

  async onModuleDestroy(): Promise<void> {
    this.active = false;
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.running;
  }

  /** Runs the relay now, or once more right after the run in progress. */
  wake(): void {
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilIdle().finally(() => {
      this.running = null;
    });
  }

  /** One full pass, awaited, whether or not the relay works in the background (tests drive it so). */
  async runOnce(): Promise<void> {
    while (this.running) await this.running;
    await this.pass();
  }

  private async runUntilIdle(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
        this.lastProblem = null;
      } catch (err) {
        // The database may be away (restart, failover): the next wake-up tries again. Say it once.
        const message = err instanceof Error ? err.message : String(err);
        if (message !== this.lastProblem && !this.closing) this.logger.warn(`event relay paused: ${message}`);
        this.lastProblem = message;
        return;
      }
    } while (this.again && this.active);
  }

  private async pass(): Promise<void> {
    if (!this.consumersReady) {
      await this.ensureConsumers();
      this.consumersReady = true;
    }
    const batch = this.config.events.eventsBatchSize;
    while ((await this.events.stampCommitted(batch)) === batch && !this.closing);
    const behind = await this.events.consumersBehind();
    for (const consumer of this.consumers.values()) {
      if (!behind.has(consumer.name)) continue;
      while (!this.closing && (await this.drain(consumer)));
    }
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      while (!this.closing && (await this.events.prune(this.config.events.eventsRetentionHours, PRUNE_BATCH)) === PRUNE_BATCH);
    }
  }

  /** One transaction of one consumer's work; true when a full batch was handled (more may wait). */
  async drain(consumer: EventConsumer): Promise<boolean> {
    const batch = this.config.events.eventsBatchSize;
    return this.prisma.$transaction(async (tx) => {
      const state = await this.events.claimConsumer(consumer.name, tx);
      if (!state || state.position >= state.head) return false;
      const events = await this.events.findAfter(state.position, state.head, consumer.types, batch, tx);
      for (const event of events) {
        const failure = await this.handleOne(consumer, event, tx);
        if (failure !== null) {
          await this.fail(consumer, event, state.attempts + 1, failure, tx);
          return false;
        }
      }
      // Handlers may record events of their own (claim.linked): stamp them in this same run.
      if (events.length > 0) this.again = true;
      const full = events.length === batch;
      await this.events.advance(consumer.name, full ? (events[events.length - 1].position as bigint) : state.head, tx);
      return full;
    });
  }

  /** The handler's work behind a savepoint, so that its failure undoes its own statements only. */
  private async handleOne(consumer: EventConsumer, event: StoredEvent, tx: Tx): Promise<string | null> {
    await tx.$executeRawUnsafe('SAVEPOINT event_handler');
    try {
      await consumer.handle(event, tx);
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT event_handler');
      return null;
    } catch (err) {
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT event_handler');
      return err instanceof Error ? err.message : String(err);
    }
  }

  /** Keeps the cursor before the failed event and retries later; past the last attempt, skips it. */
  private async fail(consumer: EventConsumer, event: StoredEvent, attempts: number, error: string, tx: Tx): Promise<void> {
    const position = event.position as bigint;
    if (attempts >= this.config.events.eventsMaxAttempts) {
      this.logger.error(`${consumer.name} gave up on event ${position} (${event.type}) after ${attempts} attempts: ${error}`);
      await this.events.advance(consumer.name, position, tx);
      return;
    }
    this.logger.warn(`${consumer.name} failed on event ${position} (${event.type}), attempt ${attempts}: ${error}`);
    const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (attempts - 1));
    await this.events.recordFailure(consumer.name, position - 1n, attempts, error, new Date(Date.now() + delay), tx);
  }
}
