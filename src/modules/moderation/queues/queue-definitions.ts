import type { CommentStatus } from '../../../generated/prisma/enums';

/**
 * The moderation queues, defined once. Queues are not stored lists: each is a predicate over a
 * comment's status and open flags, with the SQL condition that selects the same rows. A test
 * enumerates status × flag combinations and checks that both agree. The SQL is written with
 * literals, exactly as the partial indexes in the migrations are, so PostgreSQL can use them.
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

const VISIBLE: CommentStatus[] = ['PUBLISHED', 'APPROVED'];
const HELD: CommentStatus[] = ['PENDING', 'WITHHELD'];
const GONE: CommentStatus[] = ['REJECTED', 'DELETED'];
const UNDECIDED: CommentStatus[] = ['PUBLISHED', 'PENDING', 'WITHHELD'];

export const QUEUE_PREDICATES: Record<QueueName, (c: QueueFacts) => boolean> = {
  pending: (c) => HELD.includes(c.status),
  reported: (c) => VISIBLE.includes(c.status) && c.openFlagCount > 0,
  urgent: (c) => c.urgentFlagCount > 0 && !GONE.includes(c.status),
  unmoderated: (c) => c.decidedAt === null && UNDECIDED.includes(c.status),
  approved: (c) => c.status === 'APPROVED',
  rejected: (c) => c.status === 'REJECTED',
  appeals: (c) => c.appealOpen,
};

/** The SQL twin of each predicate, over a comments row aliased `c`. */
export const QUEUE_SQL: Record<QueueName, string> = {
  pending: `c.status IN ('PENDING', 'WITHHELD')`,
  reported: `c.status IN ('PUBLISHED', 'APPROVED') AND c.open_flag_count > 0`,
  urgent: `c.urgent_flag_count > 0 AND c.status NOT IN ('REJECTED', 'DELETED')`,
  unmoderated: `c.decided_at IS NULL AND c.status IN ('PUBLISHED', 'PENDING', 'WITHHELD')`,
  approved: `c.status = 'APPROVED'`,
  rejected: `c.status = 'REJECTED'`,
  appeals: `c.appeal_open`,
};

/** Which queues are served from the per-article status counters rather than COUNT(*). */
export const COUNTER_QUEUES: Partial<Record<QueueName, { statuses: CommentStatus[]; undecidedOnly: boolean }>> = {
  pending: { statuses: HELD, undecidedOnly: false },
  unmoderated: { statuses: UNDECIDED, undecidedOnly: true },
  approved: { statuses: ['APPROVED'], undecidedOnly: false },
  rejected: { statuses: ['REJECTED'], undecidedOnly: false },
};
