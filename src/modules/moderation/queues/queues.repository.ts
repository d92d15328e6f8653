import { Injectable } from '@nestjs/common';
import { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../database/prisma.service';
import { QUEUE_WHERE, QueueName } from './queue-definitions';

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
    const [reported, urgent, appeals] = await Promise.all(
      (['reported', 'urgent', 'appeals'] as const).map((q) =>
        this.prisma.comment.count({ where: { ...QUEUE_WHERE[q], ...(articleId ? { articleId } : {}) } }),
      ),
    );
    return { reported, urgent, appeals };
  }

  /** Articles with work waiting, busiest first. */
  async busyArticles(limit: number) {
    const { rows } = await this.prisma.pool.query<{ article_id: string; title: string; held: number; flagged: number }>(
      `WITH held AS (
         SELECT article_id, sum(count)::int AS held FROM comment_status_counts
         WHERE status IN ('PENDING', 'WITHHELD') GROUP BY article_id HAVING sum(count) > 0
       ), flagged AS (
         SELECT article_id, count(*)::int AS flagged FROM comments
         WHERE (status IN ('PUBLISHED', 'APPROVED') AND open_flag_count > 0) OR appeal_open
            OR (urgent_flag_count > 0 AND status NOT IN ('REJECTED', 'DELETED'))
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

  findPage(f: QueuePageFilter): Promise<QueueItemRow[]> {
    const where: Prisma.CommentWhereInput = { AND: [QUEUE_WHERE[f.queue]] };
    const and = where.AND as Prisma.CommentWhereInput[];
    if (f.articleId) and.push({ articleId: f.articleId });
    if (f.section) and.push({ article: { section: f.section } });
    if (f.authorId) and.push({ authorId: f.authorId });
    if (f.reason) and.push({ OR: [{ checkReasons: { has: f.reason } }, { flags: { some: { status: 'OPEN', reason: f.reason as never } } }] });
    if (f.after) and.push(this.keyset(f));
    const orderBy: Prisma.CommentOrderByWithRelationInput[] =
      f.order === 'weight' ? [{ openFlagWeight: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }] : [{ createdAt: 'asc' }, { id: 'asc' }];
    return this.prisma.comment.findMany({ where, orderBy, take: f.limit + 1, select: ITEM_SELECT });
  }

  private keyset(f: QueuePageFilter): Prisma.CommentWhereInput {
    const { createdAt, id, weight } = f.after as { createdAt: Date; id: string; weight?: number };
    const byTime: Prisma.CommentWhereInput = { OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] };
    if (f.order !== 'weight') return byTime;
    return { OR: [{ openFlagWeight: { lt: weight } }, { AND: [{ openFlagWeight: weight }, byTime] }] };
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

  /** Each author's comment counts by status. */
  async authorCounts(authorIds: string[]) {
    const { rows } = await this.prisma.pool.query<{ author_id: string; status: string; n: number }>(
      'SELECT author_id, status, count(*)::int AS n FROM comments WHERE author_id = ANY($1::uuid[]) GROUP BY 1, 2',
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
