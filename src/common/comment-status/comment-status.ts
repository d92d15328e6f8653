import { CommentStatus } from '../../generated/prisma/enums';

/**
 * A comment's status and what follows from it, defined once: which statuses readers see, which
 * are held, which are gone, and how strongly each holds a comment back. Every module asks here, in
 * TypeScript through the predicates or in SQL through their twins. It sits in common (not in
 * comments) because modules below comments (the misinformation desk) ask it too.
 *
 * The SQL twins are literal text built from the same lists (`c.status IN ('PUBLISHED',
 * 'APPROVED')`), exactly as the partial indexes of the migrations spell their predicates, so
 * PostgreSQL still matches those indexes. test/medium/comment-status.spec.ts runs every twin on
 * PostgreSQL against its predicate for every status.
 */

const { PUBLISHED, APPROVED, PENDING, WITHHELD, REJECTED, DELETED } = CommentStatus;

/** Every status, in the enum's order (for DTOs and validation). */
export const COMMENT_STATUSES: readonly CommentStatus[] = Object.values(CommentStatus);

/** Shown to every reader, unless an ancestor was rejected. */
const VISIBLE = [PUBLISHED, APPROVED] as const;
/** Held back, waiting for a moderator: pre-moderation, an automatic check or reader flags. */
const HELD = [PENDING, WITHHELD] as const;

/**
 * The named sets of statuses. Their order is the order of the SQL lists, which the partial
 * indexes of the migrations spell the same way (comment-status.spec.ts checks it).
 */
export const STATUS_SETS = {
  visible: VISIBLE,
  held: HELD,
  /** Removed by a moderator or deleted by the author. */
  gone: [REJECTED, DELETED],
  /** Not gone: visible or held (what an author still has, what can still be rejected). */
  live: [...VISIBLE, ...HELD],
  /** Live and not yet decided by a moderator (what can still be approved). */
  undecided: [PUBLISHED, ...HELD],
  /** A moderator's outcome. */
  decided: [APPROVED, REJECTED],
  /** Shown in place of itself while it has replies: a placeholder (held) or a tombstone (deleted). */
  keptForReplies: [...HELD, DELETED],
  /** Shown to its own author although readers do not see it (held, or rejected with the reasons). */
  shownToAuthor: [...HELD, REJECTED],
} as const satisfies Record<string, readonly CommentStatus[]>;

export type StatusSetName = keyof typeof STATUS_SETS;

export function inStatusSet(set: StatusSetName, status: CommentStatus): boolean {
  return (STATUS_SETS[set] as readonly CommentStatus[]).includes(status);
}

export const isVisibleStatus = (status: CommentStatus): boolean => inStatusSet('visible', status);
export const isHeld = (status: CommentStatus): boolean => inStatusSet('held', status);
export const isGone = (status: CommentStatus): boolean => inStatusSet('gone', status);
export const isLive = (status: CommentStatus): boolean => inStatusSet('live', status);
export const isUndecided = (status: CommentStatus): boolean => inStatusSet('undecided', status);

/** Seen by every reader: a visible status and no rejected ancestor. */
export function isPubliclyVisible(c: { status: CommentStatus; hiddenAncestors: number }): boolean {
  return c.hiddenAncestors === 0 && isVisibleStatus(c.status);
}

/** A status the posting checks can give (a moderator's APPROVED and an author's DELETED are not among them). */
export type CheckedStatus = typeof PUBLISHED | typeof PENDING | typeof WITHHELD | typeof REJECTED;

/** Weakest first: the posting checks keep the strongest outcome, and an edit never weakens a hold. */
const HOLD_ORDER: readonly CommentStatus[] = [PUBLISHED, PENDING, WITHHELD, REJECTED];

/** 0 for published up to 3 for rejected; -1 for a status no check gives (approved, deleted). */
export function holdStrength(status: CommentStatus): number {
  return HOLD_ORDER.indexOf(status);
}

/** The statuses a check gives that hold less than `status` (what a stronger outcome replaces). */
export function weakerHoldsThan(status: CheckedStatus): CommentStatus[] {
  return HOLD_ORDER.slice(0, holdStrength(status));
}

/** The status after an edit: the checks' verdict, but never less held than the comment already is. */
export function statusAfterEdit(current: CommentStatus, checked: CommentStatus): CommentStatus {
  const base = current === APPROVED ? PUBLISHED : current;
  return holdStrength(checked) > holdStrength(base) ? checked : base;
}

/** One status as a SQL literal: `'APPROVED'`. */
export function statusSql(status: CommentStatus): string {
  return `'${status}'`;
}

/** Statuses as a parenthesised SQL list for `IN` / `NOT IN`: `('PUBLISHED', 'APPROVED')`. */
export function statusListSql(statuses: readonly CommentStatus[]): string {
  return `(${statuses.map(statusSql).join(', ')})`;
}

/** The SQL twin of each set: `c.status IN ${STATUS_SQL.visible}`. */
export const STATUS_SQL = Object.fromEntries(Object.entries(STATUS_SETS).map(([name, set]) => [name, statusListSql(set)])) as Record<StatusSetName, string>;

/** The SQL twin of isPubliclyVisible over a comments row aliased `alias`. */
export function publiclyVisibleSql(alias: string): string {
  return `${alias}.hidden_ancestors = 0 AND ${alias}.status IN ${STATUS_SQL.visible}`;
}
