import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { PoolClient } from 'pg';
import { PrismaService } from '../../../database/prisma.service';

/**
 * The data export: one query per section of the export document, each over one user-referencing
 * column of USER_REFERENCES ($1 is the user's id). Only what is the user's own, or their own acts,
 * is selected; secrets (token and password hashes, stored responses) never are.
 */
export const EXPORT_SECTIONS: Readonly<Record<string, string>> = {
  sessions: `SELECT id, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
      user_agent AS "userAgent", ip
    FROM sessions WHERE user_id = $1 ORDER BY created_at, id`,
  accountLinks: `SELECT id, purpose, created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt"
    FROM account_tokens WHERE user_id = $1 ORDER BY created_at, id`,
  comments: `SELECT c.id, c.article_id AS "articleId", a.url AS "articleUrl", c.parent_id AS "parentId", c.status,
      c.body_source AS body, c.revision, c.created_at AS "createdAt", c.edited_at AS "editedAt", c.featured,
      c.respect_count AS "respectCount", c.reply_count AS "replyCount",
      (SELECT coalesce(json_agg(json_build_object('revision', r.revision, 'body', r.body_source, 'createdAt', r.created_at) ORDER BY r.revision), '[]')
         FROM comment_revisions r WHERE r.comment_id = c.id) AS revisions,
      (SELECT coalesce(json_agg(json_build_object('action', d.action, 'reason', d.reason, 'message', d.message, 'revision', d.revision, 'at', d.created_at) ORDER BY d.created_at), '[]')
         FROM moderation_decisions d WHERE d.comment_id = c.id) AS decisions
    FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.author_id = $1 ORDER BY c.created_at, c.id`,
  queueClaims: `SELECT id AS "commentId", claimed_until AS "claimedUntil" FROM comments WHERE claimed_by_id = $1 ORDER BY id`,
  reactions: `SELECT comment_id AS "commentId", kind, created_at AS "createdAt" FROM reactions WHERE user_id = $1 ORDER BY created_at, comment_id, kind`,
  postRetries: `SELECT key AS "idempotencyKey", status_code AS "statusCode", created_at AS "createdAt"
    FROM idempotency_keys WHERE user_id = $1 ORDER BY created_at, key`,
  reports: `SELECT id, comment_id AS "commentId", reason, details, source_url AS "sourceUrl", status, created_at AS "createdAt", resolved_at AS "resolvedAt"
    FROM flags WHERE reporter_id = $1 ORDER BY created_at, id`,
  appeals: `SELECT id, comment_id AS "commentId", decision_id AS "decisionId", text, status, outcome_note AS "outcomeNote",
      created_at AS "createdAt", decided_at AS "decidedAt"
    FROM appeals WHERE author_id = $1 ORDER BY created_at, id`,
  appealsDecided: `SELECT id, comment_id AS "commentId", status, outcome_note AS "outcomeNote", decided_at AS "decidedAt"
    FROM appeals WHERE decided_by_id = $1 ORDER BY decided_at, id`,
  moderationDecisions: `SELECT id, comment_id AS "commentId", revision, action, reason, message, from_status AS "fromStatus", to_status AS "toStatus", created_at AS "createdAt"
    FROM moderation_decisions WHERE moderator_id = $1 ORDER BY created_at, id`,
  claimsCreated: `SELECT id, statement, created_at AS "createdAt" FROM claims WHERE created_by_id = $1 ORDER BY created_at, id`,
  verdictsWritten: `SELECT id, claim_id AS "claimId", version, verdict, summary, sources, as_of AS "asOf", created_at AS "createdAt"
    FROM claim_verdicts WHERE author_id = $1 ORDER BY created_at, id`,
  claimLinks: `SELECT claim_id AS "claimId", comment_id AS "commentId", created_at AS "createdAt"
    FROM claim_comments WHERE linked_by_id = $1 ORDER BY created_at, claim_id, comment_id`,
  labelsWritten: `SELECT comment_id AS "commentId", verdict, summary, sources, as_of AS "asOf", created_at AS "createdAt"
    FROM comment_labels WHERE author_id = $1 ORDER BY created_at, comment_id`,
  notes: `SELECT id, comment_id AS "commentId", claim_id AS "claimId", text, sources, status, created_at AS "createdAt"
    FROM context_notes WHERE author_id = $1 ORDER BY created_at, id`,
  noteRatings: `SELECT note_id AS "noteId", value, updated_at AS "updatedAt" FROM note_ratings WHERE rater_id = $1 ORDER BY updated_at, note_id`,
  contextRequests: `SELECT comment_id AS "commentId", created_at AS "createdAt" FROM context_requests WHERE user_id = $1 ORDER BY created_at, comment_id`,
  actionsTaken: `SELECT id, kind, subject_user_id AS "subjectUserId", target_type AS "targetType", target_id AS "targetId", data, created_at AS "at"
    FROM audit_events WHERE actor_id = $1 ORDER BY id`,
  accountHistory: `SELECT kind, data, created_at AS "at" FROM audit_events WHERE subject_user_id = $1 ORDER BY id`,
  commentCounts: `SELECT status, count FROM user_comment_counts WHERE user_id = $1 ORDER BY status`,
  importedIdentities: `SELECT source, display_name AS "displayName", email FROM import_authors WHERE user_id = $1 ORDER BY source, key`,
  notifications: `SELECT id, kind, comment_id AS "commentId", article_id AS "articleId", payload, mail_state AS "mailState", created_at AS "createdAt", read_at AS "readAt"
    FROM notifications WHERE recipient_id = $1 ORDER BY created_at, id`,
  notificationPreferences: `SELECT cadence, email_reply AS "emailReply", email_decision AS "emailDecision", email_appeal AS "emailAppeal", email_verdict AS "emailVerdict", updated_at AS "updatedAt"
    FROM notification_preferences WHERE user_id = $1`,
  notificationDigests: `SELECT period_end AS "periodEnd", items, created_at AS "createdAt" FROM notification_digests WHERE user_id = $1 ORDER BY period_end`,
};

/** Rows fetched per round trip: memory stays flat however much a user wrote. */
const BATCH = 200;

/**
 * Writes the export as one JSON document, section by section, straight to the response. All
 * sections are read in one read-only REPEATABLE READ transaction (one consistent snapshot) through
 * server-side cursors, so a prolific account is streamed in batches rather than held in memory.
 * A client that goes away stops the export at the next batch. A failure after the first byte can
 * no longer change the status: the connection is cut, so the client never mistakes a truncated
 * document for a complete one.
 */
@Injectable()
export class UserExporter {
  private readonly logger = new Logger(UserExporter.name);

  constructor(private readonly prisma: PrismaService) {}

  async write(res: Response, userId: string, head: Record<string, unknown>): Promise<void> {
    const client = await this.prisma.pool.connect();
    let gone = false;
    res.on('close', () => (gone = true));
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      res.status(200).type('application/json');
      res.write(JSON.stringify(head).slice(0, -1));
      for (const [section, sql] of Object.entries(EXPORT_SECTIONS)) {
        if (gone) break;
        res.write(`,${JSON.stringify(section)}:[`);
        await this.writeRows(client, res, sql, userId, () => gone);
        res.write(']');
      }
      res.end('}');
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (!res.headersSent) throw err;
      this.logger.error(`data export failed after it started: ${err instanceof Error ? err.message : String(err)}`);
      res.destroy();
    } finally {
      client.release();
    }
  }

  private async writeRows(client: PoolClient, res: Response, sql: string, userId: string, gone: () => boolean): Promise<void> {
    await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, [userId]);
    let first = true;
    for (;;) {
      const { rows } = await client.query(`FETCH ${BATCH} FROM export_rows`);
      for (const row of rows) {
        res.write(`${first ? '' : ','}${JSON.stringify(row)}`);
        first = false;
      }
      if (rows.length < BATCH || gone()) break;
      // Respect back-pressure: a slow reader must not make the export buffer everything in memory.
      if (res.writableNeedDrain) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    await client.query('CLOSE export_rows');
  }
}
