import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ArticlesService } from '../articles/articles.service';
import { EventsService } from '../events/events.service';
import { LIVE_PAGE, LiveHub } from './live-hub';
import { sseFrame } from './live-messages';
import { LiveStream } from './live-stream';
import { liveError } from './live.errors';

/** A position is a positive bigint: at most 19 digits. */
const EVENT_ID = /^\d{1,19}$/;

/**
 * Opening a stream: every check that can refuse it first (article, limits, Last-Event-ID), while
 * a problem document can still be sent; then the event-stream head, the replay of what the
 * client missed (read from the outbox table, filtered like live events), and live events from
 * the hub. A Last-Event-ID older than what the outbox keeps (or not of this outbox) gets a
 * `reset` message instead: the client reloads what it shows.
 */
@Injectable()
export class LiveService {
  constructor(
    private readonly hub: LiveHub,
    private readonly articles: ArticlesService,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async openArticle(res: Response, ip: string, articleId: string, lastEventId: string | undefined): Promise<void> {
    const article = await this.articles.findRow(articleId);
    await this.open(res, ip, article.id, lastEventId);
  }

  async openModeration(res: Response, ip: string, lastEventId: string | undefined): Promise<void> {
    await this.open(res, ip, null, lastEventId);
  }

  private async open(res: Response, ip: string, articleId: string | null, lastEventId: string | undefined): Promise<void> {
    const after = parseLastEventId(lastEventId);
    if (!this.hub.admits(ip)) {
      throw liveError('TOO_MANY_STREAMS', 'Too many open live streams; close one or try again later.', {}, { 'Retry-After': String(Math.ceil(this.config.live.liveRetryMs / 1000)) });
    }
    const resume = after === null ? null : await this.resumable(after);
    const counts = articleId === null ? await this.hub.countsFrame() : null;
    const start = resume?.ok ? (after as bigint) : (resume?.head ?? (await this.hub.head()));
    const stream = new LiveStream(res, ip, articleId, start);
    stream.open(this.config.live.liveRetryMs);
    if (resume && !resume.ok) {
      // The id this client will send next time is the head, so the reset is not repeated.
      res.write(sseFrame({ event: 'reset', data: { reason: 'Last-Event-ID is older than the events kept; reload.' } }, resume.head));
    }
    if (counts) res.write(counts);
    this.hub.attach(stream);
    if (resume?.ok) await this.replay(stream, articleId);
  }

  /** Whether every event after `after` is still in the outbox; with the head to restart from when not. */
  private async resumable(after: bigint): Promise<{ ok: boolean; head: bigint }> {
    const { head, oldest } = await this.events.bounds();
    if (after > head) return { ok: false, head };
    if (after === head) return { ok: true, head };
    return { ok: oldest !== null && oldest <= after + 1n, head };
  }

  /**
   * Writes the events after the stream's cursor from the table, while the hub's new frames wait.
   * Failing midway (database away), the stream is closed: the client reconnects from the last id it got.
   */
  private async replay(stream: LiveStream, articleId: string | null): Promise<void> {
    const audience = articleId === null ? 'moderation' : 'article';
    stream.startCatchUp();
    try {
      for (;;) {
        const page = await this.events.eventsAfter(stream.position, LIVE_PAGE, articleId);
        for (const event of page) {
          const frame = this.hub.frameFor(event, audience);
          if (frame) stream.deliverNow(event.position as bigint, frame);
          else stream.skipTo(event.position as bigint);
        }
        if (page.length < LIVE_PAGE) break;
      }
      stream.catchUpDone();
    } catch {
      stream.close();
    }
  }
}

function parseLastEventId(value: string | undefined): bigint | null {
  if (value === undefined || value.trim() === '') return null;
  const text = value.trim();
  if (!EVENT_ID.test(text) || BigInt(text) > 9223372036854775807n) {
    throw liveError('LAST_EVENT_ID_INVALID', 'Last-Event-ID must be the id of an event this service sent (a decimal number).');
  }
  return BigInt(text);
}
