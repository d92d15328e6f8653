import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DRAINING_EVENT } from '../../common/http/graceful-shutdown';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { StoredEvent } from '../events/domain-events';
import { EventsService } from '../events/events.service';
import { OutboxFeed } from '../events/outbox-feed';
import { QueuesService } from '../moderation/queues/queues.service';
import { Audience, liveMessageFor, movesCounts, sseFrame } from './live-messages';
import { LiveStream } from './live-stream';

/** Events read per statement, by the hub and by a stream catching up. */
export const LIVE_PAGE = 500;

/**
 * The live streams of this instance. The instance's outbox feed (one LISTEN session) says that the
 * outbox moved (the relay of whichever instance stamped the events notifies); the hub
 * then reads the new events from the table once, by position, and writes each event's frame to
 * the streams that may see it: the readers of its article, the moderators. The table is the
 * truth: a poll reads it too when no notification came, so a lost notification costs a delay,
 * never an event. One shared timer sends heartbeats; a stream is a small object (live-stream.ts).
 */
@Injectable()
export class LiveHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveHub.name);
  private readonly byArticle = new Map<string, Set<LiveStream>>();
  private readonly moderators = new Set<LiveStream>();
  private readonly perIp = new Map<string, number>();
  private streams = 0;
  /** The outbox position up to which this instance has handed events to its streams (null: not read yet, the database was away). */
  private position: bigint | null = null;
  private unsubscribe: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private active = false;
  private lastAlerts = new Set<string>();
  private lastProblem: string | null = null;

  constructor(
    private readonly events: EventsService,
    private readonly feed: OutboxFeed,
    private readonly queues: QueuesService,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.position = await this.events.bounds().then(
      (b) => b.head,
      () => null,
    );
    this.active = true;
    const { liveHeartbeatMs, livePollMs } = this.config.live;
    this.timers = [setInterval(() => this.heartbeat(), liveHeartbeatMs), setInterval(() => this.wake(), livePollMs)];
    for (const t of this.timers) t.unref();
    (this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined)?.on(DRAINING_EVENT, () => this.closeAll());
    this.unsubscribe = this.feed.subscribe(() => this.wake());
  }

  /** Ends every stream (clients reconnect elsewhere with Last-Event-ID) and stops listening. */
  async beforeApplicationShutdown(): Promise<void> {
    this.active = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.closeAll();
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.running;
  }

  /** Where this instance stands in the outbox: a new stream without Last-Event-ID starts here. */
  async head(): Promise<bigint> {
    return this.position ?? (await this.events.bounds()).head;
  }

  get openStreams(): number {
    return this.streams;
  }

  /** Whether one more stream from this address fits under the limits. */
  admits(ip: string): boolean {
    const { liveMaxStreamsPerIp, liveMaxStreams } = this.config.live;
    return this.active && this.streams < liveMaxStreams && (this.perIp.get(ip) ?? 0) < liveMaxStreamsPerIp;
  }

  /** Adds a stream; from now on it receives (or buffers, while it catches up) every event it may see. */
  attach(stream: LiveStream): void {
    this.streams++;
    this.perIp.set(stream.ip, (this.perIp.get(stream.ip) ?? 0) + 1);
    if (stream.articleId === null) this.moderators.add(stream);
    else {
      let set = this.byArticle.get(stream.articleId);
      if (!set) this.byArticle.set(stream.articleId, (set = new Set()));
      set.add(stream);
    }
    stream.onClose(() => this.detach(stream));
  }

  private detach(stream: LiveStream): void {
    const removed = stream.articleId === null ? this.moderators.delete(stream) : (this.byArticle.get(stream.articleId)?.delete(stream) ?? false);
    if (!removed) return;
    if (stream.articleId !== null && this.byArticle.get(stream.articleId)?.size === 0) this.byArticle.delete(stream.articleId);
    this.streams--;
    const n = (this.perIp.get(stream.ip) ?? 1) - 1;
    if (n <= 0) this.perIp.delete(stream.ip);
    else this.perIp.set(stream.ip, n);
  }

  /** The frame of an event for one stream's audience, or null when that audience gets nothing. */
  frameFor(event: StoredEvent, audience: Audience): string | null {
    const msg = liveMessageFor(event, audience);
    return msg ? sseFrame(msg, event.position) : null;
  }

  /** Queue counts and open alerts, as a moderator stream gets them on connect and after events that move them. */
  async countsFrame(): Promise<string> {
    const { counts, alerts } = await this.queues.counts(null);
    return sseFrame({ event: 'queue.counts', data: { counts, alerts } }, null);
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

  private async runUntilIdle(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
        this.lastProblem = null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message !== this.lastProblem && this.active) this.logger.warn(`live updates paused: ${message}`);
        this.lastProblem = message;
        return;
      }
    } while (this.again && this.active);
  }

  /** One read per page of new events for the whole instance, then one counts read when moderators need it. */
  private async pass(): Promise<void> {
    let countsMoved = false;
    this.position ??= (await this.events.bounds()).head;
    for (;;) {
      if (this.streams === 0) {
        // Nobody to write to: move to the head without reading events. A stream attached
        // meanwhile starts at the old position, so then the events are read after all.
        const { head } = await this.events.bounds();
        if (this.streams === 0) {
          if (this.position === null || head > this.position) this.position = head;
          return;
        }
      }
      const page = await this.events.eventsAfter(this.position as bigint, LIVE_PAGE);
      for (const event of page) {
        this.dispatch(event);
        countsMoved ||= movesCounts(event);
        this.position = event.position as bigint;
      }
      if (page.length < LIVE_PAGE || !this.active) break;
    }
    if (countsMoved && this.moderators.size > 0) await this.sendCounts();
  }

  private dispatch(event: StoredEvent): void {
    const position = event.position as bigint;
    const readers = event.articleId ? this.byArticle.get(event.articleId) : undefined;
    if (readers?.size) {
      const frame = this.frameFor(event, 'article');
      if (frame) for (const s of readers) s.deliver(position, frame);
    }
    if (this.moderators.size > 0) {
      const frame = this.frameFor(event, 'moderation');
      if (frame) for (const s of this.moderators) s.deliver(position, frame);
    }
  }

  /** Fresh counts to every moderator stream, and an alert.raised for each alert not seen before (flag bursts). */
  private async sendCounts(): Promise<void> {
    const { counts, alerts } = await this.queues.counts(null);
    const frames = [sseFrame({ event: 'queue.counts', data: { counts, alerts } }, null)];
    const ids = new Set(alerts.map((a) => a.id));
    for (const alert of alerts) if (!this.lastAlerts.has(alert.id)) frames.push(sseFrame({ event: 'alert.raised', data: alert }, null));
    this.lastAlerts = ids;
    const text = frames.join('');
    for (const s of this.moderators) s.deliver(null, text);
  }

  private heartbeat(): void {
    for (const set of this.byArticle.values()) for (const s of set) s.comment('hb');
    for (const s of this.moderators) s.comment('hb');
  }

  private closeAll(): void {
    for (const set of [...this.byArticle.values()]) for (const s of [...set]) s.close();
    for (const s of [...this.moderators]) s.close();
  }
}
