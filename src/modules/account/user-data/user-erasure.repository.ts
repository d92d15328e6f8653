import { Injectable } from '@nestjs/common';
import { Tx } from '../../../database/prisma.service';

/**
 * Account deletion's 'erase' and 'clear' entries of USER_REFERENCES, as reviewed SQL. Runs inside
 * the deletion's transaction, after the users row is scrubbed.
 */
@Injectable()
export class UserErasureRepository {
  async eraseReferences(userId: string, tx: Tx): Promise<void> {
    await tx.$executeRaw`DELETE FROM sessions WHERE user_id = ${userId}::uuid`;
    await tx.$executeRaw`DELETE FROM account_tokens WHERE user_id = ${userId}::uuid`;
    // Stored responses of past posts, which repeat the comment text.
    await tx.$executeRaw`DELETE FROM idempotency_keys WHERE user_id = ${userId}::uuid`;
    await tx.$executeRaw`DELETE FROM note_ratings WHERE rater_id = ${userId}::uuid`;
    // Who the account was on a system its comments were imported from (name, email).
    await tx.$executeRaw`DELETE FROM import_authors WHERE user_id = ${userId}::uuid`;
    await tx.$executeRaw`DELETE FROM context_requests WHERE user_id = ${userId}::uuid`;
    // Notifications name others' replies and moderators' notes to this reader; preferences and digests are theirs.
    await tx.$executeRaw`DELETE FROM notifications WHERE recipient_id = ${userId}::uuid`;
    await tx.$executeRaw`DELETE FROM notification_preferences WHERE user_id = ${userId}::uuid`;
    await tx.$executeRaw`DELETE FROM notification_digests WHERE user_id = ${userId}::uuid`;
    // Reactions, with the counters on the comments they were on, in one statement.
    await tx.$executeRaw`
      WITH gone AS (DELETE FROM reactions WHERE user_id = ${userId}::uuid RETURNING comment_id, kind),
      per_comment AS (
        SELECT comment_id, count(*) FILTER (WHERE kind = 'RESPECT') AS respect, count(*) FILTER (WHERE kind = 'DISAGREE') AS disagree
        FROM gone GROUP BY comment_id
      )
      UPDATE comments c SET respect_count = c.respect_count - p.respect, disagree_count = c.disagree_count - p.disagree
      FROM per_comment p WHERE c.id = p.comment_id`;
    // Reports stay for the moderation record (their weight was fixed when made); who made them goes.
    await tx.$executeRaw`UPDATE flags SET reporter_id = NULL WHERE reporter_id = ${userId}::uuid`;
    await tx.$executeRaw`UPDATE comments SET claimed_by_id = NULL, claimed_until = NULL WHERE claimed_by_id = ${userId}::uuid`;
  }
}
