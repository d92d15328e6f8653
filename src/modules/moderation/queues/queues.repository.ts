import { Injectable } from '@nestjs/common';
import { STATUS_SQL, statusListSql } from '../../../common/comment-status/comment-status';
import { runHot } from '../../../database/hot-statement';
import { PrismaService } from '../../../database/prisma.service';
import { COUNTER_QUEUES, CounterQueueName, QUEUE_SQL, QueueName, QueueOrder } from './queue-definitions';

export interface QueuePageFilter {
  queue: QueueName;
  articleId?: string;
  section?: string;
  reason?: string;
  authorId?: string;
  order: QueueOrder;
  after: { createdAt: Date; id: string; weight?: number; score?: number } | null;
  limit: number;
}

/** A timestamp as JSON the way the rest of the API writes it (Date#toISOString: UTC, milliseconds, "Z"). */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A comment shown for context (parent or top of the thread), with its author. */
const contextComment = (idExpr: string) => `(SELECT json_build_object('id', x.id, 'status', x.status, 'html', x.body_html, 'createdAt', ${iso('x.created_at')},
      'author', json_build_object('id', xu.id, 'displayName', xu.display_name))
    FROM comments x JOIN users xu ON xu.id = x.author_id WHERE x.id = ${idExpr})`;

/**
 * Which scorer said what about the revision the moderator sees (provider, status, spam, abuse,
 * reason, rationale, model version, latency, error), from its check run, and the score the queue
 * sorts by. Check runs from before issue 18 hold one outcome rather than a list.
 */
const SCORERS_JSON = `'scoring', json_build_object('score', c.check_score, 'scorers', coalesce((
    SELECT CASE jsonb_typeof(cr.scorer) WHEN 'array' THEN cr.scorer WHEN 'object' THEN jsonb_build_array(cr.scorer) END
    FROM comment_check_runs cr WHERE cr.comment_id = c.id AND cr.revision = c.revision ORDER BY cr.created_at DESC LIMIT 1), '[]'::jsonb))`;

/**
 * Everything a moderator needs to decide one item, built by PostgreSQL as one JSON object per row:
 * the comment at the revision the moderator sees, its article, parent and top of thread, open flags
 * grouped by reason, the author's history and sanctions, the moderator it is assigned to (`claim`, its wire name), an open appeal,
 * and the fact-check side (`factCheck`, from FACT_CHECK_LATERAL: claims, verdicts, label, notes).
 */
const ITEM_JSON = `json_build_object(
  'comment', json_build_object('id', c.id, 'status', c.status, 'revision', c.revision, 'body', c.body_source, 'html', c.body_html,
    'createdAt', ${iso('c.created_at')}, 'editedAt', ${iso('c.edited_at')}, 'depth', c.depth, 'featured', c.featured,
    'respectCount', c.respect_count, 'disagreeCount', c.disagree_count, 'replyCount', c.reply_count,
    'checkReasons', c.check_reasons, 'decidedAt', ${iso('c.decided_at')}),
  'article', json_build_object('id', a.id, 'title', a.title, 'section', a.section, 'slug', a.slug),
  'parent', CASE WHEN c.parent_id IS NOT NULL THEN ${contextComment('c.parent_id')} END,
  'root', CASE WHEN c.depth > 1 THEN ${contextComment('c.root_id')} END,
  'flags', json_build_object('count', c.open_flag_count, 'weight', c.open_flag_weight, 'urgent', c.urgent_flag_count,
    'misinformation', c.misinfo_flag_count,
    'byReason', CASE WHEN c.open_flag_count > 0 OR c.misinfo_flag_count > 0 OR c.urgent_flag_count > 0 THEN coalesce((
      SELECT json_agg(json_build_object('reason', g.reason, 'count', g.n, 'weight', g.w, 'reports', g.reports) ORDER BY g.first, g.reason)
      FROM (SELECT f.reason, count(*)::int AS n, coalesce(sum(f.weight) FILTER (WHERE f.counts_toward_hiding), 0) AS w,
                   min(f.created_at) AS first,
                   json_agg(json_build_object('details', f.details, 'sourceUrl', f.source_url, 'weight', f.weight,
                     'countsTowardHiding', f.counts_toward_hiding, 'createdAt', ${iso('f.created_at')}) ORDER BY f.created_at, f.id) AS reports
            FROM flags f WHERE f.comment_id = c.id AND f.status = 'OPEN' GROUP BY f.reason) g), '[]'::json)
      ELSE '[]'::json END),
  'author', json_build_object('id', u.id, 'displayName', u.display_name, 'role', u.role,
    'accountAgeDays', floor(extract(epoch FROM now() - u.created_at) / 86400)::int,
    'commentsByStatus', coalesce((SELECT json_object_agg(n.status, n.count) FROM user_comment_counts n WHERE n.user_id = u.id AND n.count > 0), '{}'::json),
    'recentRejections', coalesce((
      SELECT json_agg(json_build_object('commentId', r.comment_id, 'reason', r.reason, 'at', ${iso('r.created_at')}) ORDER BY r.created_at DESC)
      FROM (SELECT d.comment_id, d.reason, d.created_at FROM comments dc JOIN moderation_decisions d ON d.comment_id = dc.id
            WHERE dc.author_id = u.id AND dc.decided_at IS NOT NULL AND d.action = 'REJECT'
            ORDER BY d.created_at DESC LIMIT 5) r), '[]'::json),
    'sanction', json_build_object('status', u.status, 'reason', u.status_reason, 'until', ${iso('u.suspended_until')}, 'premoderated', u.premoderated)),
  ${SCORERS_JSON},
  'claim', CASE WHEN c.claimed_by_id IS NOT NULL AND c.claimed_until > now() THEN json_build_object(
    'by', json_build_object('id', c.claimed_by_id, 'displayName', (SELECT cu.display_name FROM users cu WHERE cu.id = c.claimed_by_id)),
    'until', ${iso('c.claimed_until')}) END,
  'appeal', CASE WHEN c.appeal_open THEN (SELECT json_build_object('id', ap.id, 'text', ap.text, 'createdAt', ${iso('ap.created_at')})
    FROM appeals ap WHERE ap.comment_id = c.id AND ap.status = 'OPEN' ORDER BY ap.created_at LIMIT 1) END,
  'factCheck', fc.fact_check)`;

/**
 * What the misinformation desk and readers added to the comment, as one LATERAL per page row: the
 * claims it is linked to with their verdict (or the external fact-check they cite), its own label,
 * its notes and its claims' notes (up to 20, helpful first) and how many readers asked for context.
 */
const FACT_CHECK_LATERAL = `LEFT JOIN LATERAL (SELECT json_build_object(
    'claims', coalesce((
      SELECT json_agg(json_build_object('id', cl.id, 'statement', cl.statement, 'verdict', v.verdict, 'summary', v.summary,
        'externalReview', CASE WHEN cl.external_review_url IS NOT NULL THEN json_build_object(
          'url', cl.external_review_url, 'publisher', cl.external_review_publisher, 'rating', cl.external_review_rating) END) ORDER BY cc.created_at, cl.id)
      FROM claim_comments cc JOIN claims cl ON cl.id = cc.claim_id LEFT JOIN claim_verdicts v ON v.id = cl.current_verdict_id
      WHERE cc.comment_id = c.id), '[]'::json),
    'label', (SELECT json_build_object('verdict', l.verdict, 'summary', l.summary, 'asOf', ${iso('l.as_of')}) FROM comment_labels l WHERE l.comment_id = c.id),
    'notes', coalesce((
      SELECT json_agg(json_build_object('id', n.id, 'text', n.text, 'status', n.status, 'claimId', n.claim_id) ORDER BY n.rank, n.created_at, n.id)
      FROM (SELECT x.*, CASE x.status WHEN 'HELPFUL' THEN 0 WHEN 'NEEDS_MORE_RATINGS' THEN 1 ELSE 2 END AS rank FROM (
              SELECT n1.id, n1.text, n1.status, n1.claim_id, n1.created_at FROM context_notes n1 WHERE n1.comment_id = c.id
              UNION ALL
              SELECT n2.id, n2.text, n2.status, n2.claim_id, n2.created_at FROM claim_comments cc2 JOIN context_notes n2 ON n2.claim_id = cc2.claim_id
              WHERE cc2.comment_id = c.id) x
            ORDER BY rank, x.created_at, x.id LIMIT 20) n), '[]'::json),
    'contextRequests', (SELECT count(*)::int FROM context_requests r WHERE r.comment_id = c.id)) AS fact_check) fc ON true`;

export interface BusyArticleRow {
  articleId: string;
  title: string;
  held: number;
  flagged: number;
}

export interface QueueItemRow {
  id: string;
  createdAt: Date;
  weight: number;
  score: number;
  item: Record<string, unknown>;
}

@Injectable()
export class QueuesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Counts of the status-based queues from the per-article counters (one small scan). */
  async statusCounts(articleId: string | null) {
    const sums = Object.entries(COUNTER_QUEUES).map(
      ([queue, q]) => `coalesce(sum(count) FILTER (WHERE status IN ${statusListSql(q.statuses)}${q.undecidedOnly ? ' AND NOT decided' : ''}), 0)::int AS ${queue}`,
    );
    const rows = await runHot<Record<CounterQueueName, number>>(this.prisma.forRead(), {
      name: 'queue-status-counts',
      bench: 'bench/queues.mjs',
      text: `SELECT ${sums.join(',\n              ')}
       FROM comment_status_counts WHERE ($1::uuid IS NULL OR article_id = $1::uuid)`,
      values: [articleId],
    });
    return rows[0];
  }

  /** Counts of the flag-based queues; each is served by its partial index. */
  async flagCounts(articleId: string | null) {
    const count = (q: QueueName) => `(SELECT count(*)::int FROM comments c WHERE ${QUEUE_SQL[q]} AND ($1::uuid IS NULL OR c.article_id = $1::uuid))`;
    const rows = await runHot<{ reported: number; urgent: number; appeals: number }>(this.prisma.forRead(), {
      name: 'queue-flag-counts',
      bench: 'bench/queues.mjs',
      text: `SELECT ${count('reported')} AS reported, ${count('urgent')} AS urgent, ${count('appeals')} AS appeals`,
      values: [articleId],
    });
    return rows[0];
  }

  /** Articles with work waiting, busiest first. */
  busyArticles(limit: number): Promise<BusyArticleRow[]> {
    return runHot<BusyArticleRow>(this.prisma, {
      name: 'queue-busy-articles',
      bench: 'bench/queues.mjs',
      text: `WITH held AS (
         SELECT article_id, sum(count)::int AS held FROM comment_status_counts
         WHERE status IN ${STATUS_SQL.held} GROUP BY article_id HAVING sum(count) > 0
       ), flagged AS (
         SELECT article_id, count(*)::int AS flagged FROM (
           SELECT c.id, c.article_id FROM comments c WHERE ${QUEUE_SQL.reported}
           UNION SELECT c.id, c.article_id FROM comments c WHERE ${QUEUE_SQL.urgent}
           UNION SELECT c.id, c.article_id FROM comments c WHERE ${QUEUE_SQL.appeals}) f
         GROUP BY article_id
       )
       SELECT a.id AS "articleId", a.title, coalesce(h.held, 0) AS held, coalesce(f.flagged, 0) AS flagged
       FROM held h FULL JOIN flagged f USING (article_id) JOIN articles a ON a.id = article_id
       ORDER BY coalesce(h.held, 0) + coalesce(f.flagged, 0) DESC LIMIT $1`,
      values: [limit],
    });
  }

  openAlerts() {
    return this.prisma.moderationAlert.findMany({ where: { resolvedAt: null, createdAt: { gt: new Date(Date.now() - 86_400_000) } }, orderBy: { createdAt: 'desc' }, take: 50 });
  }

  /**
   * A page of a queue in one statement: the queue's partial index picks the page (the conditions
   * are literals, as in the index definitions), and each row comes back as the finished item.
   * Statements are named per shape so each pooled connection plans them once.
   */
  async findPage(f: QueuePageFilter): Promise<QueueItemRow[]> {
    const values: unknown[] = [f.limit + 1, f.articleId ?? null, f.section ?? null, f.authorId ?? null, f.reason ?? null];
    let keyset = '';
    if (f.after) {
      values.push(f.after.createdAt, f.after.id);
      if (f.order === 'weight') {
        values.push(f.after.weight ?? 0);
        keyset = `AND (c.open_flag_weight < $8 OR (c.open_flag_weight = $8 AND (c.created_at, c.id) > ($6, $7::uuid)))`;
      } else if (f.order === 'score') {
        values.push(f.after.score ?? 0);
        keyset = `AND (c.check_score < $8 OR (c.check_score = $8 AND (c.created_at, c.id) > ($6, $7::uuid)))`;
      } else keyset = `AND (c.created_at, c.id) > ($6, $7::uuid)`;
    }
    const order = f.order === 'weight' ? 'open_flag_weight DESC, created_at, id' : f.order === 'score' ? 'check_score DESC, created_at, id' : 'created_at, id';
    return runHot<QueueItemRow>(this.prisma, {
      name: `queue-page-${f.queue}-${f.order}${f.after ? '-after' : ''}`,
      bench: 'bench/queues.mjs',
      text: `WITH page AS (
         SELECT c.id, c.created_at, c.open_flag_weight, c.check_score FROM comments c
         WHERE ${QUEUE_SQL[f.queue]}
           AND ($2::uuid IS NULL OR c.article_id = $2::uuid)
           AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id AND a.section = $3))
           AND ($4::uuid IS NULL OR c.author_id = $4::uuid)
           AND ($5::text IS NULL OR $5 = ANY(c.check_reasons)
                OR EXISTS (SELECT 1 FROM flags fl WHERE fl.comment_id = c.id AND fl.status = 'OPEN' AND fl.reason::text = $5))
           ${keyset}
         ORDER BY ${order.replace(/(\w+)/g, (w) => (w === 'DESC' ? w : `c.${w}`))} LIMIT $1)
       SELECT p.id, p.created_at AS "createdAt", p.open_flag_weight AS weight, p.check_score AS score, ${ITEM_JSON} AS item
       FROM page p JOIN comments c ON c.id = p.id JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = c.author_id
       ${FACT_CHECK_LATERAL}
       ORDER BY ${order.replace(/(\w+)/g, (w) => (w === 'DESC' ? w : `p.${w}`))}`,
      values,
    });
  }
}
