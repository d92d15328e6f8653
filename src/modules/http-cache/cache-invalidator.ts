import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { EventsService } from '../events/events.service';
import { OutboxFeed } from '../events/outbox-feed';
import { PublicCache } from './public-cache';
import { publicViewChange } from './public-view';

const PAGE = 500;

/**
 * Ends this instance's micro-cache entries when their article changes. Every instance runs one:
 * woken by the instance's outbox feed (the relay of whichever instance stamped the events
 * notifies), it reads the new events by position and invalidates the articles whose public view
 * they change; a poll covers lost notifications. Not an outbox consumer: a consumer's cursor is
 * worked by one instance at a time, and every instance must drop its own copies.
 */
@Injectable()
export class CacheInvalidator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CacheInvalidator.name);
  private position: bigint | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private active = false;
  private lastProblem: string | null = null;

  constructor(
    private readonly events: EventsService,
    private readonly feed: OutboxFeed,
    private readonly publicCache: PublicCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Nothing to do without a micro-cache, nor before its first entry: an instance that serves no
   * anonymous reads opens no connection for this. Nothing here waits for the database.
   */
  onApplicationBootstrap(): void {
    if (!this.publicCache.cache.enabled) return;
    this.active = true;
    this.publicCache.cache.onFirstFill(() => this.start());
  }

  private start(): void {
    if (!this.active || this.timer) return;
    this.timer = setInterval(() => this.wake(), this.config.events.eventsPollMs);
    this.timer.unref();
    this.unsubscribe = this.feed.subscribe(() => this.wake());
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.running;
  }

  /** Reads the outbox now, or once more right after the read in progress. */
  wake(): void {
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilIdle().finally(() => (this.running = null));
  }

  /** One full read of what is new, awaited (tests drive it after the relay has stamped their events). */
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
        const message = err instanceof Error ? err.message : String(err);
        // Meanwhile entries still end after their TTL; say it once per outage.
        if (message !== this.lastProblem && this.active) this.logger.warn(`micro-cache invalidation paused: ${message}`);
        this.lastProblem = message;
        return;
      }
    } while (this.again && this.active);
  }

  private async pass(): Promise<void> {
    if (this.position === null) {
      // Entries built before this point are older than the TTL by the time this matters; start at the head.
      this.position = (await this.events.bounds()).head;
      this.publicCache.cache.invalidateAll();
      return;
    }
    for (;;) {
      const page = await this.events.eventsAfter(this.position, PAGE);
      const articles = new Set<string>();
      let all = false;
      for (const event of page) {
        const change = publicViewChange(event);
        if (change === 'all' || (change === 'article' && event.articleId === null)) all = true;
        else if (change === 'article') articles.add(event.articleId as string);
        this.position = event.position as bigint;
      }
      if (all) this.publicCache.cache.invalidateAll();
      else if (articles.size > 0) this.publicCache.cache.invalidate(articles);
      if (page.length < PAGE) return;
    }
  }
}
