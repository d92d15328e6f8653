import type { Prisma } from '../../../generated/prisma/client';
import type { CommentStatus } from '../../../generated/prisma/enums';

/**
 * The moderation queues, defined once. Queues are not stored lists: each is a predicate over a
 * comment's status and open flags, with the Prisma `where` that selects the same rows. A test
 * enumerates status × flag combinations and checks that both agree.
 */

export const QUEUES = ['pending', 'reported', 'urgent', 'unmoderated', 'approved', 'rejected', 'appeals'] as const;
export type QueueName = (typeof QUEUES)[number];

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

export const QUEUE_WHERE: Record<QueueName, Prisma.CommentWhereInput> = {
  pending: { status: { in: HELD } },
  reported: { status: { in: VISIBLE }, openFlagCount: { gt: 0 } },
  urgent: { urgentFlagCount: { gt: 0 }, status: { notIn: GONE } },
  unmoderated: { decidedAt: null, status: { in: UNDECIDED } },
  approved: { status: 'APPROVED' },
  rejected: { status: 'REJECTED' },
  appeals: { appealOpen: true },
};

/** Which queues are served from the per-article status counters rather than COUNT(*). */
export const COUNTER_QUEUES: Partial<Record<QueueName, { statuses: CommentStatus[]; undecidedOnly: boolean }>> = {
  pending: { statuses: HELD, undecidedOnly: false },
  unmoderated: { statuses: UNDECIDED, undecidedOnly: true },
  approved: { statuses: ['APPROVED'], undecidedOnly: false },
  rejected: { statuses: ['REJECTED'], undecidedOnly: false },
};
