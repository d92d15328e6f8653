import { inStatusSet, STATUS_SETS, STATUS_SQL, statusSql } from '../../../common/comment-status/comment-status';
import { CommentStatus } from '../../../generated/prisma/enums';

/**
 * The moderation queues, defined once. Queues are not stored lists: each is a predicate over a
 * comment's status and open flags, with the SQL condition that selects the same rows. A test
 * enumerates status × flag combinations and checks that both agree. The status sets and their
 * SQL lists come from common/comment-status; the SQL they make is literal text, as the partial
 * indexes in the migrations spell their predicates, so PostgreSQL can use them.
 */

export const QUEUES = ['pending', 'reported', 'urgent', 'unmoderated', 'approved', 'rejected', 'appeals'] as const;
export type QueueName = (typeof QUEUES)[number];

/** How a queue page may be ordered; `score` (the highest automatic score first) only where an index serves it. */
export const QUEUE_ORDERS = ['oldest', 'weight', 'score'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];
export const SCORE_SORTED_QUEUES: readonly QueueName[] = ['pending', 'reported'];

/** The fields of a comment that queue membership depends on. */
export interface QueueFacts {
  status: CommentStatus;
  openFlagCount: number;
  urgentFlagCount: number;
  decidedAt: Date | null;
  appealOpen: boolean;
}

const { APPROVED, REJECTED } = CommentStatus;

export const QUEUE_PREDICATES: Record<QueueName, (c: QueueFacts) => boolean> = {
  pending: (c) => inStatusSet('held', c.status),
  reported: (c) => inStatusSet('visible', c.status) && c.openFlagCount > 0,
  urgent: (c) => c.urgentFlagCount > 0 && !inStatusSet('gone', c.status),
  unmoderated: (c) => c.decidedAt === null && inStatusSet('undecided', c.status),
  approved: (c) => c.status === APPROVED,
  rejected: (c) => c.status === REJECTED,
  appeals: (c) => c.appealOpen,
};

/** The SQL twin of each predicate, over a comments row aliased `c`. */
export const QUEUE_SQL: Record<QueueName, string> = {
  pending: `c.status IN ${STATUS_SQL.held}`,
  reported: `c.status IN ${STATUS_SQL.visible} AND c.open_flag_count > 0`,
  urgent: `c.urgent_flag_count > 0 AND c.status NOT IN ${STATUS_SQL.gone}`,
  unmoderated: `c.decided_at IS NULL AND c.status IN ${STATUS_SQL.undecided}`,
  approved: `c.status = ${statusSql(APPROVED)}`,
  rejected: `c.status = ${statusSql(REJECTED)}`,
  appeals: `c.appeal_open`,
};

/**
 * The queues served from the per-article status counters (comment_status_counts) rather than
 * COUNT(*): the statuses each counts, and whether only rows no moderator decided count.
 */
export const COUNTER_QUEUES = {
  pending: { statuses: STATUS_SETS.held, undecidedOnly: false },
  unmoderated: { statuses: STATUS_SETS.undecided, undecidedOnly: true },
  approved: { statuses: [APPROVED], undecidedOnly: false },
  rejected: { statuses: [REJECTED], undecidedOnly: false },
} as const satisfies Partial<Record<QueueName, { statuses: readonly CommentStatus[]; undecidedOnly: boolean }>>;

export type CounterQueueName = keyof typeof COUNTER_QUEUES;
