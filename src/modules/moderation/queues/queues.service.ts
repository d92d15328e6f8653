import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { commonError } from '../../../common/errors/app-error';
import { isUuid } from '../../../common/http/parse-uuid.pipe';
import { dateFromCursor, decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { QueueCountsDto, QueuePageDto, QueueQueryDto } from '../moderation.dto';
import { QUEUES, QueueName } from './queue-definitions';
import { QueueItemRow, QueuesRepository } from './queues.repository';

type QueueCursor = { c: string; i: string; w?: number };
const DAY_MS = 86_400_000;
/**
 * Queue counts are shared by every moderator's screen and polled often; the load benchmark
 * (bench/README.md) showed computing them per request cannot keep up at 32 connections, so each
 * instance reuses a result for MOD_QUEUE_COUNTS_CACHE_MS (2 s by default). Nothing is shared between instances but the database.
 */
const COUNTS_CACHE_SIZE = 200;

@Injectable()
export class QueuesService {
  private readonly countsCache = new Map<string, { at: number; value: Promise<QueueCountsDto> }>();

  constructor(
    private readonly queues: QueuesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
      articles: articles.map((a) => ({ articleId: a.article_id, title: a.title, held: a.held, flagged: a.flagged })),
      alerts: alerts
        .filter((a) => !articleId || a.articleId === articleId)
        .map((a) => ({ id: a.id, articleId: a.articleId, kind: a.kind, details: a.details, createdAt: a.createdAt.toISOString() })),
    };
  }

  async page(queue: string, query: QueueQueryDto): Promise<QueuePageDto> {
    if (!(QUEUES as readonly string[]).includes(queue)) throw commonError('NOT_FOUND', `No queue "${queue}"; queues are ${QUEUES.join(', ')}.`);
    const order = query.order ?? 'oldest';
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
      items: await this.toItems(kept),
      nextCursor: rows.length > limit ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id, ...(order === 'weight' ? { w: last.openFlagWeight } : {}) }) : null,
    };
  }

  private decode(raw: string, order: 'oldest' | 'weight') {
    const c = decodeCursor<QueueCursor>(raw, { c: 'string', i: 'string' });
    if (!isUuid(c.i) || (order === 'weight' && typeof c.w !== 'number')) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    return { createdAt: dateFromCursor(c.c), id: c.i, weight: c.w };
  }

  /** Each item with what a moderator needs to decide: context, flags by reason, the author's history. */
  private async toItems(rows: QueueItemRow[]): Promise<Record<string, unknown>[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const authorIds = [...new Set(rows.map((r) => r.authorId))];
    const contextIds = [...new Set(rows.flatMap((r) => [r.parentId, r.rootId]).filter((x): x is string => !!x && !ids.includes(x)))];
    const claimers = [...new Set(rows.map((r) => r.claimedById).filter((x): x is string => !!x))];
    const [flags, context, counts, rejections, users, appeals] = await Promise.all([
      this.queues.findOpenFlags(ids),
      this.queues.findContext(contextIds),
      this.queues.authorCounts(authorIds),
      this.queues.recentRejections(authorIds),
      this.queues.findUsers(claimers),
      this.queues.findOpenAppeals(ids),
    ]);
    const contextById = new Map(context.map((c) => [c.id, c]));
    const now = Date.now();
    return rows.map((r) => {
      const own = flags.filter((f) => f.commentId === r.id);
      const byReason = new Map<string, typeof own>();
      for (const f of own) byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), f]);
      const claimActive = r.claimedById && r.claimedUntil && r.claimedUntil.getTime() > now;
      const appeal = appeals.find((a) => a.commentId === r.id);
      return {
        comment: {
          id: r.id,
          status: r.status,
          revision: r.revision,
          body: r.bodySource,
          html: r.bodyHtml,
          createdAt: r.createdAt.toISOString(),
          editedAt: r.editedAt?.toISOString() ?? null,
          depth: r.depth,
          featured: r.featured,
          respectCount: r.respectCount,
          disagreeCount: r.disagreeCount,
          replyCount: r.replyCount,
          checkReasons: r.checkReasons,
          decidedAt: r.decidedAt?.toISOString() ?? null,
        },
        article: r.article,
        parent: r.parentId ? summarize(contextById.get(r.parentId)) : null,
        root: r.depth > 1 ? summarize(contextById.get(r.rootId)) : null,
        flags: {
          count: r.openFlagCount,
          weight: r.openFlagWeight,
          urgent: r.urgentFlagCount,
          misinformation: r.misinfoFlagCount,
          byReason: [...byReason].map(([reason, list]) => ({
            reason,
            count: list.length,
            weight: list.reduce((s, f) => s + (f.countsTowardHiding ? f.weight : 0), 0),
            reports: list.map((f) => ({ details: f.details, sourceUrl: f.sourceUrl, weight: f.weight, countsTowardHiding: f.countsTowardHiding, createdAt: f.createdAt.toISOString() })),
          })),
        },
        author: {
          id: r.author.id,
          displayName: r.author.displayName,
          role: r.author.role,
          accountAgeDays: Math.floor((now - r.author.createdAt.getTime()) / DAY_MS),
          commentsByStatus: Object.fromEntries(counts.filter((c) => c.author_id === r.authorId).map((c) => [c.status, c.n])),
          recentRejections: rejections
            .filter((x) => x.author_id === r.authorId)
            .slice(0, 5)
            .map((x) => ({ commentId: x.comment_id, reason: x.reason, at: x.created_at.toISOString() })),
          sanction: { status: r.author.status, reason: r.author.statusReason, until: r.author.suspendedUntil?.toISOString() ?? null, premoderated: r.author.premoderated },
        },
        claim: claimActive
          ? { by: { id: r.claimedById, displayName: users.find((u) => u.id === r.claimedById)?.displayName ?? null }, until: r.claimedUntil?.toISOString() }
          : null,
        appeal: appeal ? { id: appeal.id, text: appeal.text, createdAt: appeal.createdAt.toISOString() } : null,
      };
    });
  }
}

function summarize(c: { id: string; status: string; bodyHtml: string; createdAt: Date; author: { id: string; displayName: string } } | undefined) {
  return c ? { id: c.id, status: c.status, html: c.bodyHtml, createdAt: c.createdAt.toISOString(), author: c.author } : null;
}
