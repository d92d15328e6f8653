/**
 * Every place Parley stores a reference to a user, with where it appears in the user's data export
 * and what account deletion does to it. This is the one list: a test walks the database schema
 * (foreign keys to users, and uuid columns named like user_id, author_id, reporter_id, *_by_id…)
 * and fails when a column is missing here, when the export leaves its rows out, or when deletion
 * does not do what the entry says. A new table that references users must be added here.
 */

export type OnDelete =
  /** The rows are deleted. */
  | { action: 'erase' }
  /** The reference is set to NULL; the row stays without it. */
  | { action: 'clear' }
  /** The users row itself: personal fields are emptied, the row stays so references resolve to "Deleted user". */
  | { action: 'scrub' }
  /** Kept as it is, for the written reason. The account it points to holds no personal data any more. */
  | { action: 'keep'; reason: string };

export interface UserReference {
  table: string;
  column: string;
  /** The key of the export document that lists these rows. */
  section: string;
  onDelete: OnDelete;
}

const STAFF_RECORD =
  'Part of the moderation record that authors, appeals and transparency reports rely on (who decided is kept for accountability); it points to the scrubbed account, so no name or email remains.';

export const USER_REFERENCES: readonly UserReference[] = [
  { table: 'users', column: 'id', section: 'profile', onDelete: { action: 'scrub' } },
  { table: 'sessions', column: 'user_id', section: 'sessions', onDelete: { action: 'erase' } },
  // Password-reset and verification links mailed to the user (their hashes are never exported).
  { table: 'account_tokens', column: 'user_id', section: 'accountLinks', onDelete: { action: 'erase' } },
  {
    table: 'comments',
    column: 'author_id',
    section: 'comments',
    onDelete: {
      action: 'keep',
      reason:
        'Replies and moderation decisions hang on the comment, so it stays, shown as "Deleted user"; with eraseComments=true its text and every revision are erased and it becomes a tombstone.',
    },
  },
  { table: 'comments', column: 'claimed_by_id', section: 'queueClaims', onDelete: { action: 'clear' } },
  { table: 'reactions', column: 'user_id', section: 'reactions', onDelete: { action: 'erase' } },
  { table: 'idempotency_keys', column: 'user_id', section: 'postRetries', onDelete: { action: 'erase' } },
  { table: 'flags', column: 'reporter_id', section: 'reports', onDelete: { action: 'clear' } },
  {
    table: 'appeals',
    column: 'author_id',
    section: 'appeals',
    onDelete: {
      action: 'keep',
      reason: 'An appeal is part of the statement-of-reasons record of a moderation decision (Digital Services Act); it stays, attributed to the scrubbed account.',
    },
  },
  { table: 'appeals', column: 'decided_by_id', section: 'appealsDecided', onDelete: { action: 'keep', reason: STAFF_RECORD } },
  { table: 'moderation_decisions', column: 'moderator_id', section: 'moderationDecisions', onDelete: { action: 'keep', reason: STAFF_RECORD } },
  { table: 'claims', column: 'created_by_id', section: 'claimsCreated', onDelete: { action: 'keep', reason: STAFF_RECORD } },
  { table: 'claim_verdicts', column: 'author_id', section: 'verdictsWritten', onDelete: { action: 'keep', reason: STAFF_RECORD } },
  { table: 'claim_comments', column: 'linked_by_id', section: 'claimLinks', onDelete: { action: 'keep', reason: STAFF_RECORD } },
  { table: 'comment_labels', column: 'author_id', section: 'labelsWritten', onDelete: { action: 'keep', reason: STAFF_RECORD } },
  {
    table: 'context_notes',
    column: 'author_id',
    section: 'notes',
    onDelete: {
      action: 'keep',
      reason: 'Notes are shown without their author, and other readers\' ratings and the note scores depend on them; the note stays, attributed to the scrubbed account.',
    },
  },
  // Ratings reveal which way a reader leans (that is what the scoring model fits), so they go; the
  // next scoring run refits the notes without them.
  { table: 'note_ratings', column: 'rater_id', section: 'noteRatings', onDelete: { action: 'erase' } },
  // The name and email another system knew the commenter by, kept so a rerun of an import finds the account.
  { table: 'import_authors', column: 'user_id', section: 'importedIdentities', onDelete: { action: 'erase' } },
  // A request for context is a reader's own signal, like a reaction: it goes with the account.
  { table: 'context_requests', column: 'user_id', section: 'contextRequests', onDelete: { action: 'erase' } },
  // What the reader was told, how they wanted mail, and which digests went out: theirs alone.
  { table: 'notifications', column: 'recipient_id', section: 'notifications', onDelete: { action: 'erase' } },
  { table: 'notification_preferences', column: 'user_id', section: 'notificationPreferences', onDelete: { action: 'erase' } },
  { table: 'notification_digests', column: 'user_id', section: 'notificationDigests', onDelete: { action: 'erase' } },
  {
    table: 'audit_events',
    column: 'actor_id',
    section: 'actionsTaken',
    onDelete: { action: 'keep', reason: 'The audit log is append-only (a trigger refuses UPDATE and DELETE); entries hold ids, reason codes and dates.' },
  },
  {
    table: 'audit_events',
    column: 'subject_user_id',
    section: 'accountHistory',
    onDelete: { action: 'keep', reason: 'The audit log is append-only (a trigger refuses UPDATE and DELETE); the deletion itself is recorded there.' },
  },
  {
    table: 'user_comment_counts',
    column: 'user_id',
    section: 'commentCounts',
    onDelete: { action: 'keep', reason: 'Counters of the comments that stay, kept by a trigger on comments; they hold only numbers.' },
  },
];
