import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { NotificationKind } from '../../generated/prisma/enums';
import { VISIBLE_STATUSES } from './notification-kinds';

/** What a notification is shown with: the comment it is about (with its author) and the article. */
const DISPLAY = {
  comment: { select: { id: true, bodySource: true, status: true, hiddenAncestors: true, authorId: true, author: { select: { displayName: true } } } },
  article: { select: { id: true, title: true, url: true } },
} satisfies Prisma.NotificationInclude;

export type NotificationRow = Prisma.NotificationGetPayload<{ include: typeof DISPLAY }>;

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  dedupeKey: string;
  commentId: string | null;
  articleId: string | null;
  payload: Record<string, unknown>;
  mailState: 'NONE' | 'SENT' | 'DIGEST';
  /** When it happened: the time of the event that caused it. */
  createdAt: Date;
}

/** A recipient as the consumer needs them: whether they can be told at all, where to mail, their preferences. */
export type Recipient = Prisma.UserGetPayload<{
  select: { id: true; email: true; deletedAt: true; placeholder: true; notificationPreference: true };
}>;

/**
 * What a recipient may see of their notifications: decisions and appeals concern their own
 * comment; a verdict their own comment or one visible to all; a reply only while it is visible.
 */
function visibleTo(userId: string): Prisma.NotificationWhereInput {
  return {
    recipientId: userId,
    OR: [
      { kind: { in: ['DECISION', 'APPEAL'] } },
      { kind: 'VERDICT', comment: { authorId: userId } },
      { comment: { status: { in: [...VISIBLE_STATUSES] }, hiddenAncestors: 0 } },
    ],
  };
}

/** The notifications tables: notifications, notification_preferences, notification_digests, notification_signing_keys. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Adds the notification unless this recipient already has one for the same cause; its id, or null. */
  async insert(n: NewNotification, tx: Tx): Promise<string | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO notifications (id, recipient_id, kind, dedupe_key, comment_id, article_id, payload, mail_state, created_at)
      VALUES (gen_random_uuid(), ${n.recipientId}::uuid, ${n.kind}::"NotificationKind", ${n.dedupeKey}, ${n.commentId}::uuid, ${n.articleId}::uuid,
              ${JSON.stringify(n.payload)}::jsonb, ${n.mailState}, ${n.createdAt})
      ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
      RETURNING id`;
    return rows[0]?.id ?? null;
  }

  findRecipient(userId: string, tx: Tx): Promise<Recipient | null> {
    return tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, deletedAt: true, placeholder: true, notificationPreference: true },
    });
  }

  /** A reply with its parent's author, as it is now (it may have been removed since the event). */
  async findReply(commentId: string, tx: Tx) {
    const rows = await tx.$queryRaw<{ articleId: string; authorId: string; parentId: string; parentAuthorId: string; parentStatus: string; visible: boolean }[]>`
      SELECT r.article_id AS "articleId", r.author_id AS "authorId", p.id AS "parentId", p.author_id AS "parentAuthorId", p.status::text AS "parentStatus",
             (r.status::text IN (${Prisma.join(VISIBLE_STATUSES)}) AND r.hidden_ancestors = 0) AS visible
      FROM comments r JOIN comments p ON p.id = r.parent_id
      WHERE r.id = ${commentId}::uuid`;
    return rows[0] ?? null;
  }

  findDecision(decisionId: string, tx: Tx) {
    return tx.moderationDecision.findUnique({
      where: { id: decisionId },
      select: { id: true, action: true, reason: true, message: true, fromStatus: true, toStatus: true, createdAt: true },
    });
  }

  /** Whether this decision settled an appeal (its audit row says so): the appeal's notification tells it then. */
  async decisionSettledAppeal(decisionId: string, authorId: string, tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM audit_events
        WHERE subject_user_id = ${authorId}::uuid AND kind = 'APPEAL_DECIDED' AND data->>'settledByDecisionId' = ${decisionId}
      ) AS found`;
    return rows[0].found;
  }

  findAppeal(appealId: string, tx: Tx) {
    return tx.appeal.findUnique({ where: { id: appealId }, select: { id: true, status: true, outcomeNote: true, decidedAt: true } });
  }

  findVerdict(claimId: string, version: number, tx: Tx) {
    return tx.claimVerdict.findFirst({
      where: { claimId, version },
      select: { verdict: true, summary: true, asOf: true, claim: { select: { statement: true } } },
    });
  }

  /**
   * Everyone to tell about a new verdict on a claim, once each: the authors of its linked
   * comments (not deleted ones), and readers who reacted to a linked comment any reader may
   * see. Each with one comment to point at (their own first). Erased and placeholder accounts
   * are left out.
   */
  findVerdictAudience(claimId: string, tx: Tx) {
    return tx.$queryRaw<{ userId: string; commentId: string; articleId: string; own: boolean }[]>`
      WITH linked AS (
        SELECT c.id, c.author_id, c.article_id, c.status, c.hidden_ancestors
        FROM claim_comments cc JOIN comments c ON c.id = cc.comment_id
        WHERE cc.claim_id = ${claimId}::uuid
      ), audience AS (
        SELECT author_id AS user_id, id AS comment_id, article_id, 0 AS rank FROM linked WHERE status <> 'DELETED'
        UNION ALL
        SELECT r.user_id, l.id, l.article_id, 1 FROM linked l JOIN reactions r ON r.comment_id = l.id
        WHERE l.status::text IN (${Prisma.join(VISIBLE_STATUSES)}) AND l.hidden_ancestors = 0
      )
      SELECT DISTINCT ON (a.user_id) a.user_id AS "userId", a.comment_id AS "commentId", a.article_id AS "articleId", a.rank = 0 AS own
      FROM audience a JOIN users u ON u.id = a.user_id
      WHERE u.deleted_at IS NULL AND NOT u.placeholder
      ORDER BY a.user_id, a.rank, a.comment_id`;
  }

  findForDisplay(id: string, tx: Tx): Promise<NotificationRow | null> {
    return tx.notification.findUnique({ where: { id }, include: DISPLAY });
  }

  /** A page of the recipient's notifications, newest first, after the cursor's (createdAt, id). */
  findPage(userId: string, opts: { unreadOnly: boolean; after: { createdAt: Date; id: string } | null; limit: number }): Promise<NotificationRow[]> {
    const and: Prisma.NotificationWhereInput[] = [visibleTo(userId)];
    if (opts.unreadOnly) and.push({ readAt: null });
    if (opts.after) {
      and.push({ OR: [{ createdAt: { lt: opts.after.createdAt } }, { createdAt: opts.after.createdAt, id: { lt: opts.after.id } }] });
    }
    return this.prisma.notification.findMany({
      where: { AND: and },
      include: DISPLAY,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: opts.limit + 1,
    });
  }

  countUnread(userId: string): Promise<number> {
    return this.prisma.notification.count({ where: { AND: [visibleTo(userId), { readAt: null }] } });
  }

  /** Marks one of the recipient's notifications read (keeping the first read time); false when it is not theirs. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE notifications SET read_at = coalesce(read_at, now())
      WHERE id = ${id}::uuid AND recipient_id = ${userId}::uuid
      RETURNING id`;
    return rows.length === 1;
  }

  async markAllRead(userId: string): Promise<number> {
    const { count } = await this.prisma.notification.updateMany({ where: { recipientId: userId, readAt: null }, data: { readAt: new Date() } });
    return count;
  }

  findAccount(userId: string) {
    return this.prisma.user.findUnique({ where: { id: userId }, select: { id: true, deletedAt: true } });
  }

  findPreferences(userId: string) {
    return this.prisma.notificationPreference.findUnique({ where: { userId } });
  }

  savePreferences(userId: string, data: Omit<Prisma.NotificationPreferenceUncheckedCreateInput, 'userId' | 'updatedAt'>) {
    return this.prisma.notificationPreference.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  }

  /** Turns mail off as an unsubscribe link says: `create` when the user has no row yet, else only the `change`d columns. */
  turnOff(userId: string, create: Omit<Prisma.NotificationPreferenceUncheckedCreateInput, 'userId' | 'updatedAt'>, change: Prisma.NotificationPreferenceUpdateInput) {
    return this.prisma.notificationPreference.upsert({ where: { userId }, create: { userId, ...create }, update: change });
  }

  async findSigningKey(): Promise<string | null> {
    return (await this.prisma.notificationSigningKey.findUnique({ where: { id: 1 } }))?.key ?? null;
  }

  /** The key for unsubscribe links: the stored one, created from `candidate` by whichever instance asks first. */
  async signingKey(candidate: string): Promise<string> {
    await this.prisma.$executeRaw`INSERT INTO notification_signing_keys (id, key) VALUES (1, ${candidate}) ON CONFLICT (id) DO NOTHING`;
    const row = await this.prisma.notificationSigningKey.findUniqueOrThrow({ where: { id: 1 } });
    return row.key;
  }

  /** Users with notifications waiting for the digest of the period ending at periodEnd, not yet claimed for it. */
  async findDigestRecipients(periodEnd: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ userId: string }[]>`
      SELECT DISTINCT n.recipient_id AS "userId" FROM notifications n
      WHERE n.mail_state = 'DIGEST' AND n.created_at < ${periodEnd}
        AND NOT EXISTS (SELECT 1 FROM notification_digests d WHERE d.user_id = n.recipient_id AND d.period_end = ${periodEnd})
      LIMIT ${limit}`;
    return rows.map((r) => r.userId);
  }

  /** Claims the user's digest for the period: true for the one transaction (of any instance) that gets it. */
  async claimDigest(userId: string, periodEnd: Date, tx: Tx): Promise<boolean> {
    const n = await tx.$executeRaw`
      INSERT INTO notification_digests (user_id, period_end, items) VALUES (${userId}::uuid, ${periodEnd}, 0)
      ON CONFLICT (user_id, period_end) DO NOTHING`;
    return n === 1;
  }

  findDigestItems(userId: string, periodEnd: Date, tx: Tx): Promise<NotificationRow[]> {
    return tx.notification.findMany({
      where: { recipientId: userId, mailState: 'DIGEST', createdAt: { lt: periodEnd } },
      include: DISPLAY,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async settleDigest(userId: string, periodEnd: Date, sentIds: string[], skippedIds: string[], tx: Tx): Promise<void> {
    if (sentIds.length > 0) await tx.notification.updateMany({ where: { id: { in: sentIds } }, data: { mailState: 'SENT' } });
    if (skippedIds.length > 0) await tx.notification.updateMany({ where: { id: { in: skippedIds } }, data: { mailState: 'SKIPPED' } });
    await tx.notificationDigest.update({ where: { userId_periodEnd: { userId, periodEnd } }, data: { items: sentIds.length } });
  }
}
