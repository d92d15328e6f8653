import { Injectable } from '@nestjs/common';
import { STATUS_SQL } from '../../../common/comment-status/comment-status';
import { PrismaService } from '../../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';
import type { ReactionKind } from '../../../generated/prisma/enums';

export interface ReactionResult {
  found: boolean;
  own: boolean;
  respectCount: number;
  disagreeCount: number;
  kinds: ReactionKind[];
}

/**
 * One statement per reaction change: insert or delete the reaction row and move the comment's
 * counter only when a row actually changed, so concurrent and repeated requests keep counts exact;
 * a change records its reaction.changed event in the same statement.
 */
const VISIBLE = Prisma.raw(STATUS_SQL.visible);

@Injectable()
export class ReactionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  add(commentId: string, userId: string, kind: ReactionKind): Promise<ReactionResult> {
    const change = Prisma.sql`ch AS (
         INSERT INTO reactions (comment_id, user_id, kind)
         SELECT id, ${userId}::uuid, ${kind}::"ReactionKind" FROM target WHERE author_id <> ${userId}::uuid
         ON CONFLICT DO NOTHING RETURNING 1)`;
    return this.run(change, 1, commentId, userId, kind);
  }

  remove(commentId: string, userId: string, kind: ReactionKind): Promise<ReactionResult> {
    const change = Prisma.sql`ch AS (
         DELETE FROM reactions r USING target t
         WHERE r.comment_id = t.id AND r.user_id = ${userId}::uuid AND r.kind = ${kind}::"ReactionKind" RETURNING 1)`;
    return this.run(change, -1, commentId, userId, kind);
  }

  private async run(change: Prisma.Sql, sign: 1 | -1, commentId: string, userId: string, kind: ReactionKind): Promise<ReactionResult> {
    const rows = await this.prisma.$queryRaw<(ReactionResult & { respect: number | null; disagree: number | null })[]>`
      WITH target AS (
         SELECT id, article_id, author_id, respect_count, disagree_count FROM comments
         WHERE id = ${commentId}::uuid AND status IN ${VISIBLE} AND hidden_ancestors = 0
       ), ${change}, upd AS (
         UPDATE comments SET
           respect_count = respect_count + CASE WHEN ${kind}::text = 'RESPECT' THEN ${sign}::int ELSE 0 END,
           disagree_count = disagree_count + CASE WHEN ${kind}::text = 'DISAGREE' THEN ${sign}::int ELSE 0 END
         WHERE id = ${commentId}::uuid AND EXISTS (SELECT 1 FROM ch)
         RETURNING respect_count, disagree_count
       ), evt AS (
         -- DomainEventPayloads['reaction.changed'] (events/domain-events.ts), only when a row changed.
         INSERT INTO domain_events (type, article_id, payload)
         SELECT 'reaction.changed', t.article_id, jsonb_build_object(
                  'commentId', t.id, 'articleId', t.article_id, 'userId', ${userId}::uuid, 'kind', ${kind}::text, 'active', ${sign === 1}::boolean,
                  'visible', true, 'respectCount', u.respect_count, 'disagreeCount', u.disagree_count)
         FROM target t CROSS JOIN upd u)
       SELECT EXISTS (SELECT 1 FROM target) AS found,
              EXISTS (SELECT 1 FROM target WHERE author_id = ${userId}::uuid) AS own,
              (SELECT respect_count FROM upd) AS respect, (SELECT disagree_count FROM upd) AS disagree,
              (SELECT respect_count FROM target) AS "respectCount", (SELECT disagree_count FROM target) AS "disagreeCount"`;
    const r = rows[0];
    const mine = await this.prisma.$queryRaw<{ kind: ReactionKind }[]>`
      SELECT kind FROM reactions WHERE comment_id = ${commentId}::uuid AND user_id = ${userId}::uuid ORDER BY kind`;
    return {
      found: r.found,
      own: r.own,
      respectCount: r.respect ?? r.respectCount ?? 0,
      disagreeCount: r.disagree ?? r.disagreeCount ?? 0,
      kinds: mine.map((m) => m.kind),
    };
  }
}
