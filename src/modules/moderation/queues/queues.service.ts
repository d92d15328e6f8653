import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { commonError } from '../../../common/errors/app-error';
import { isUuid } from '../../../common/http/parse-uuid.pipe';
import { dateFromCursor, decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { MetricsService } from '../../metrics/metrics.service';
import { QueueCountsDto, QueuePageDto, QueueQueryDto } from '../dto/queue.dto';
import { QueueOrder, QUEUES, QueueName, SCORE_SORTED_QUEUES } from './queue-definitions';
import { QueuesRepository } from './queues.repository';

type QueueCursor = { c: string; i: string; w?: number; s?: number };
/**
 * Queue counts are shared by every moderator's screen and polled often; the load benchmark
 * (bench/README.md) showed computing them per request cannot keep up at 32 connections, so each
 * instance reuses a result for MOD_QUEUE_COUNTS_CACHE_MS (2 s by default). Nothing is shared between instances but the database.
 */
const COUNTS_CACHE_SIZE = 200;

@Injectable()
export class QueuesService implements OnModuleInit {
  private readonly countsCache = new Map<string, { at: number; value: Promise<QueueCountsDto> }>();

  constructor(
    private readonly queues: QueuesRepository,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Queue sizes for Prometheus, read at scrape time through the same short-lived cache. */
  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      const { counts } = await this.counts(null);
      for (const [queue, n] of Object.entries(counts)) this.metrics.queueItems.set({ queue }, n);
    });
  }

  /** Counts for the whole site or one article, at most MOD_QUEUE_COUNTS_CACHE_MS old; one computation at a time per key. */
  counts(articleId: string | null): Promise<QueueCountsDto> {
    const key = articleId ?? '*';
    const hit = this.countsCache.get(key);
    if (hit && Date.now() - hit.at < this.config.moderation.queueCountsCacheMs) return hit.value;
    const value = this.computeCounts(articleId);
    this.countsCache.set(key, { at: Date.now(), value });
    value.catch(() => this.countsCache.delete(key));
    if (this.countsCache.size > COUNTS_CACHE_SIZE) this.countsCache.delete(this.countsCache.keys().next().value as string);
    return value;
  }

  private async computeCounts(articleId: string | null): Promise<QueueCountsDto> {
    const [status, flags, articles, alerts] = await Promise.all([
      this.queues.statusCounts(articleId),
      this.queues.flagCounts(articleId),
      articleId ? Promise.resolve([]) : this.queues.busyArticles(50),
      this.queues.openAlerts(),
    ]);
    return {
      counts: { ...status, ...flags },
      articles: articles.map((a) => ({ articleId: a.articleId, title: a.title, held: a.held, flagged: a.flagged })),
      alerts: alerts
        .filter((a) => !articleId || a.articleId === articleId)
        .map((a) => ({ id: a.id, articleId: a.articleId, kind: a.kind, details: a.details, createdAt: a.createdAt.toISOString() })),
    };
  }

  async page(queue: string, query: QueueQueryDto): Promise<QueuePageDto> {
    if (!(QUEUES as readonly string[]).includes(queue)) throw commonError('NOT_FOUND', `No queue "${queue}"; queues are ${QUEUES.join(', ')}.`);
    if (query.order && query.sort && query.order !== query.sort) throw commonError('VALIDATION_FAILED', 'order and sort are the same setting; give one of them.');
    const order = query.sort ?? query.order ?? 'oldest';
    if (order === 'score' && !SCORE_SORTED_QUEUES.includes(queue as QueueName)) {
      throw commonError('VALIDATION_FAILED', `Only the ${SCORE_SORTED_QUEUES.join(' and ')} queues sort by score.`);
    }
    const limit = query.limit ?? 20;
    const after = query.cursor ? this.decode(query.cursor, order) : null;
    const rows = await this.queues.findPage({
      queue: queue as QueueName,
      articleId: query.article,
      section: query.section,
      reason: query.reason,
      authorId: query.author,
      order,
      after,
      limit,
    });
    const kept = rows.slice(0, limit);
    const last = kept[kept.length - 1];
    return {
      queue,
      items: kept.map((r) => r.item),
      nextCursor: rows.length > limit ? encodeCursor(this.cursorOf(last, order)) : null,
    };
  }

  private cursorOf(last: { createdAt: Date; id: string; weight: number; score: number }, order: QueueOrder): QueueCursor {
    const at = { c: last.createdAt.toISOString(), i: last.id };
    return order === 'weight' ? { ...at, w: last.weight } : order === 'score' ? { ...at, s: last.score } : at;
  }

  private decode(raw: string, order: QueueOrder) {
    const c = decodeCursor<QueueCursor>(raw, { c: 'string', i: 'string' });
    const bad = !isUuid(c.i) || (order === 'weight' && typeof c.w !== 'number') || (order === 'score' && (typeof c.s !== 'number' || !Number.isFinite(c.s)));
    if (bad) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    return { createdAt: dateFromCursor(c.c), id: c.i, weight: c.w, score: c.s };
  }
}
