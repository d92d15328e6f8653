import { Injectable } from '@nestjs/common';
import { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../database/prisma.service';
import { QUEUE_SQL, QueueName } from './queue-definitions';

export interface QueuePageFilter {
  queue: QueueName;
  articleId?: string;
  section?: string;
  reason?: string;
  authorId?: string;
  order: 'oldest' | 'weight';
  after: { createdAt: Date; id: string; weight?: number } | null;
  limit: number;
}

const ITEM_SELECT = {
  id: true,
  articleId: true,
  authorId: true,
  parentId: true,
  rootId: true,
  depth: true,
  path: true,
  status: true,
  bodySource: true,
  bodyHtml: true,
  revision: true,
  editedAt: true,
  createdAt: true,
  replyCount: true,
  respectCount: true,
  disagreeCount: true,
  checkReasons: true,
  featured: true,
  decidedAt: true,
  openFlagCount: true,
  openFlagWeight: true,
  urgentFlagCount: true,
  misinfoFlagCount: true,
  appealOpen: true,
  claimedById: true,
  claimedUntil: true,
  article: { select: { id: true, title: true, section: true, slug: true } },
  author: { select: { id: true, displayName: true, role: true, status: true, statusReason: true, suspendedUntil: true, premoderated: true, createdAt: true } },
} as const;

export type QueueItemRow = Prisma.CommentGetPayload<{ select: typeof ITEM_SELECT }>;

@Injectable()
export class QueuesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Counts of the status-based queues from the per-article counters (one small scan). */
  async statusCounts(articleId: string | null) {
    const { rows } = await this.prisma.pool.query<{ pending: number; unmoderated: number; approved: number; rejected: number }>(
      `SELECT coalesce(sum(count) FILTER (WHERE status IN ('PENDING', 'WITHHELD')), 0)::int AS pending,
              coalesce(sum(count) FILTER (WHERE status IN ('PUBLISHED', 'PENDING', 'WITHHELD') AND NOT decided), 0)::int AS unmoderated,
              coalesce(sum(count) FILTER (WHERE status = 'APPROVED'), 0)::int AS approved,
              coalesce(sum(count) FILTER (WHERE status = 'REJECTED'), 0)::int AS rejected
       FROM comment_status_counts WHERE ($1::uuid IS NULL OR article_id = $1::uuid)`,
      [articleId],
    );
    return rows[0];
  }

  /** Counts of the flag-based queues; each is served by its partial index. */
  async flagCounts(articleId: string | null) {
    const count = (q: QueueName) => `(SELECT count(*)::int FROM comments c WHERE ${QUEUE_SQL[q]} AND ($1::uuid IS NULL OR c.article_id = $1::uuid))`;
    const { rows } = await this.prisma.pool.query<{ reported: number; urgent: number; appeals: number }>({
      name: 'queue-flag-counts',
      text: `SELECT ${count('reported')} AS reported, ${count('urgent')} AS urgent, ${count('appeals')} AS appeals`,
      values: [articleId],
    });
    return rows[0];
  }

  /** Articles with work waiting, busiest first. */
  async busyArticles(limit: number) {
    const { rows } = await this.prisma.pool.query<{ article_id: string; title: string; held: number; flagged: number }>(
      `WITH held AS (
         SELECT article_id, sum(count)::int AS held FROM comment_status_counts
         WHERE status IN ('PENDING', 'WITHHELD') GROUP BY article_id HAVING sum(count) > 0
       ), flagged AS (
         SELECT article_id, count(*)::int AS flagged FROM (
           SELECT c.id, c.article_id FROM comments c WHERE ${QUEUE_SQL.reported}
           UNION SELECT c.id, c.article_id FROM comments c WHERE ${QUEUE_SQL.urgent}
           UNION SELECT c.id, c.article_id FROM comments c WHERE ${QUEUE_SQL.appeals}) f
         GROUP BY article_id
       )
       SELECT a.id AS article_id, a.title, coalesce(h.held, 0) AS held, coalesce(f.flagged, 0) AS flagged
       FROM held h FULL JOIN flagged f USING (article_id) JOIN articles a ON a.id = article_id
       ORDER BY coalesce(h.held, 0) + coalesce(f.flagged, 0) DESC LIMIT $1`,
      [limit],
    );
    return rows;
  }

  openAlerts() {
    return this.prisma.moderationAlert.findMany({ where: { resolvedAt: null, createdAt: { gt: new Date(Date.now() - 86_400_000) } }, orderBy: { createdAt: 'desc' }, take: 50 });
  }

  /** A page of a queue: ids by raw SQL (so the queue's partial index serves it), then the items. */
  async findPage(f: QueuePageFilter): Promise<QueueItemRow[]> {
    const params: unknown[] = [f.limit + 1, f.articleId ?? null, f.section ?? null, f.authorId ?? null, f.reason ?? null];
    let keyset = '';
    if (f.after) {
      params.push(f.after.createdAt, f.after.id);
      keyset =
        f.order === 'weight'
          ? (params.push(f.after.weight ?? 0), `AND (c.open_flag_weight < $8 OR (c.open_flag_weight = $8 AND (c.created_at, c.id) > ($6, $7::uuid)))`)
          : `AND (c.created_at, c.id) > ($6, $7::uuid)`;
    }
    const order = f.order === 'weight' ? 'c.open_flag_weight DESC, c.created_at, c.id' : 'c.created_at, c.id';
    const { rows } = await this.prisma.pool.query<{ id: string }>(
      `SELECT c.id FROM comments c
       WHERE ${QUEUE_SQL[f.queue]}
         AND ($2::uuid IS NULL OR c.article_id = $2::uuid)
         AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id AND a.section = $3))
         AND ($4::uuid IS NULL OR c.author_id = $4::uuid)
         AND ($5::text IS NULL OR $5 = ANY(c.check_reasons)
              OR EXISTS (SELECT 1 FROM flags fl WHERE fl.comment_id = c.id AND fl.status = 'OPEN' AND fl.reason::text = $5))
         ${keyset}
       ORDER BY ${order} LIMIT $1`,
      params,
    );
    const ids = rows.map((r) => r.id);
    const items = await this.prisma.comment.findMany({ where: { id: { in: ids } }, select: ITEM_SELECT });
    const byId = new Map(items.map((i) => [i.id, i]));
    return ids.map((id) => byId.get(id)).filter((i): i is QueueItemRow => i !== undefined);
  }

  findOpenFlags(commentIds: string[]) {
    return this.prisma.flag.findMany({
      where: { commentId: { in: commentIds }, status: 'OPEN' },
      orderBy: { createdAt: 'asc' },
      select: { commentId: true, reason: true, details: true, sourceUrl: true, weight: true, countsTowardHiding: true, createdAt: true, reporterId: true },
    });
  }

  /** Parents and top comments for context. */
  findContext(ids: string[]) {
    return this.prisma.comment.findMany({
      where: { id: { in: ids } },
      select: { id: true, parentId: true, depth: true, status: true, bodyHtml: true, createdAt: true, author: { select: { id: true, displayName: true } } },
    });
  }

  /** Each author's comment counts by status, from the per-user counters. */
  async authorCounts(authorIds: string[]) {
    const { rows } = await this.prisma.pool.query<{ author_id: string; status: string; n: number }>(
      'SELECT user_id AS author_id, status, count AS n FROM user_comment_counts WHERE user_id = ANY($1::uuid[]) AND count > 0',
      [authorIds],
    );
    return rows;
  }

  /** The last few rejections of each author's comments, newest first. */
  async recentRejections(authorIds: string[]) {
    const { rows } = await this.prisma.pool.query<{ author_id: string; comment_id: string; reason: string; created_at: Date }>(
      `SELECT c.author_id, d.comment_id, d.reason, d.created_at
       FROM moderation_decisions d JOIN comments c ON c.id = d.comment_id
       WHERE c.author_id = ANY($1::uuid[]) AND d.action = 'REJECT'
       ORDER BY d.created_at DESC LIMIT 200`,
      [authorIds],
    );
    return rows;
  }

  findUsers(ids: string[]) {
    return this.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  }

  findOpenAppeals(commentIds: string[]) {
    return this.prisma.appeal.findMany({ where: { commentId: { in: commentIds }, status: 'OPEN' } });
  }
}
