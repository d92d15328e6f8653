import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService } from '../../database/prisma.service';
import { EVENTS_CHANNEL } from './events.repository';

/** Called when the outbox may have moved; the subscriber reads the table to see how far. */
export type OutboxWake = () => void;

/**
 * This instance's one LISTEN session on the outbox channel, shared by everything that follows the
 * outbox (the relay, the live streams, the micro-cache's invalidation): the relay of whichever
 * instance stamps events notifies, and every subscriber here is woken. A notification only makes
 * a subscriber prompt; each still polls the table, so a lost notification or a lost connection
 * costs a delay, never an event. The session opens with the first subscriber; lost, it is opened
 * again after a poll interval, and every subscriber is woken once it is back (events stamped while
 * nobody listened). Nothing here waits for the database.
 */
@Injectable()
export class OutboxFeed implements OnModuleDestroy {
  private readonly logger = new Logger(OutboxFeed.name);
  private readonly subscribers = new Set<OutboxWake>();
  /** The session listening, or being opened (ended at shutdown either way). */
  private client: Client | null = null;
  private listening = false;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private lastProblem: string | null = null;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Wakes `wake` whenever the outbox may have moved, until the returned function is called. */
  subscribe(wake: OutboxWake): () => void {
    this.subscribers.add(wake);
    if (!this.client && !this.retry) void this.listen();
    return () => this.subscribers.delete(wake);
  }

  /** Whether a LISTEN session is open now (for tests and diagnostics). */
  get connected(): boolean {
    return this.listening;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private wakeAll(): void {
    for (const wake of [...this.subscribers]) wake();
  }

  private async listen(): Promise<void> {
    if (this.closed || this.client) return;
    const client = this.prisma.newSessionClient();
    this.client = client;
    let dropped = false;
    // Once per session, whichever of error, end or a failed connect comes first.
    const drop = (err?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) {
        this.client = null;
        this.listening = false;
      }
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (err !== undefined) {
        const message = err instanceof Error ? err.message : String(err);
        // Said once per outage, not at every attempt.
        if (message !== this.lastProblem) this.logger.warn(`cannot listen for outbox events (polling meanwhile): ${message}`);
        this.lastProblem = message;
      }
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.listen();
      }, this.config.events.eventsPollMs);
      this.retry.unref();
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', () => this.wakeAll());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      drop(this.closed ? undefined : err);
      return;
    }
    if (this.client !== client) return; // shut down while connecting
    this.listening = true;
    this.lastProblem = null;
    this.wakeAll();
  }
}
