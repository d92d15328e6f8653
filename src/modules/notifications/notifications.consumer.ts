import { Injectable } from '@nestjs/common';
import { Tx } from '../../database/prisma.service';
import type { NotificationKind } from '../../generated/prisma/enums';
import type { DomainEventPayloads, StoredEvent } from '../events/domain-events';
import { EventsService } from '../events/events.service';
import { decisionNotifies, mailPlan } from './notification-kinds';
import { NotificationMailer } from './notification-mailer';
import { preferencesOf } from './notification-preferences';
import type { AppealPayload, DecisionPayload, ReplyPayload, VerdictPayload } from './notification-view';
import { NotificationsRepository } from './notifications.repository';

/** The outbox consumer's name (its cursor row in event_consumers). */
export const NOTIFICATIONS_CONSUMER = 'notifications';

const TYPES = ['comment.posted', 'comment.status_changed', 'decision.made', 'appeal.decided', 'verdict.published'] as const;
type ConsumedType = (typeof TYPES)[number];

interface Draft {
  recipientId: string;
  kind: NotificationKind;
  dedupeKey: string;
  commentId: string | null;
  articleId: string | null;
  payload: ReplyPayload | DecisionPayload | AppealPayload | VerdictPayload;
  createdAt: Date;
}

/**
 * Turns domain events into notifications, after the change committed, in the relay's
 * transaction. Each is checked against the database as it is now (a reply removed since is not
 * announced; when a held reply is approved, its status change brings it) and keyed by its cause,
 * so an event handled twice notifies once. Mail goes out through the mail outbox in the same
 * transaction: at once, or marked for the daily digest, as the recipient prefers.
 */
@Injectable()
export class NotificationsConsumer {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly mailer: NotificationMailer,
    events: EventsService,
  ) {
    events.registerConsumer<ConsumedType>({ name: NOTIFICATIONS_CONSUMER, types: TYPES, from: 'now', handle: (event, tx) => this.handle(event, tx) });
  }

  async handle(event: StoredEvent<ConsumedType>, tx: Tx): Promise<void> {
    // Listed in the order things happened: the time of the change, not of the relay's pass.
    const at = new Date(event.createdAt);
    switch (event.type) {
      case 'comment.posted':
        if (event.payload.parentId && event.payload.visible) await this.reply(event.payload.commentId, at, tx);
        return;
      case 'comment.status_changed':
        if (event.payload.parentId && event.payload.visible && !event.payload.wasVisible) await this.reply(event.payload.commentId, at, tx);
        return;
      case 'decision.made':
        return this.decision(event.payload, at, tx);
      case 'appeal.decided':
        return this.appeal(event.payload, at, tx);
      case 'verdict.published':
        return this.verdict(event.payload, at, tx);
    }
  }

  /** A reply visible to all, by someone else, under a comment its author has not deleted. */
  private async reply(commentId: string, createdAt: Date, tx: Tx): Promise<void> {
    const r = await this.repo.findReply(commentId, tx);
    if (!r || !r.visible || r.authorId === r.parentAuthorId || r.parentStatus === 'DELETED') return;
    await this.notify({ recipientId: r.parentAuthorId, kind: 'REPLY', dedupeKey: `reply:${commentId}`, commentId, articleId: r.articleId, payload: { parentId: r.parentId }, createdAt }, tx);
  }

  private async decision(e: DomainEventPayloads['decision.made'], createdAt: Date, tx: Tx): Promise<void> {
    if (!decisionNotifies(e.action, e.from)) return;
    const d = await this.repo.findDecision(e.decisionId, tx);
    if (!d || (await this.repo.decisionSettledAppeal(e.decisionId, e.authorId, tx))) return;
    await this.notify(
      {
        recipientId: e.authorId,
        kind: 'DECISION',
        dedupeKey: `decision:${e.decisionId}`,
        commentId: e.commentId,
        articleId: e.articleId,
        payload: { decisionId: d.id, action: d.action, reason: d.reason, message: d.message, status: d.toStatus },
        createdAt,
      },
      tx,
    );
  }

  private async appeal(e: DomainEventPayloads['appeal.decided'], createdAt: Date, tx: Tx): Promise<void> {
    const a = await this.repo.findAppeal(e.appealId, tx);
    if (!a) return;
    await this.notify(
      {
        recipientId: e.authorId,
        kind: 'APPEAL',
        dedupeKey: `appeal:${e.appealId}`,
        commentId: e.commentId,
        articleId: e.articleId,
        payload: { appealId: e.appealId, decisionId: e.decisionId, outcome: e.outcome, note: a.outcomeNote },
        createdAt,
      },
      tx,
    );
  }

  /** A new verdict that differs from the one before: everyone whose comment, or a comment they reacted to, is linked. */
  private async verdict(e: DomainEventPayloads['verdict.published'], createdAt: Date, tx: Tx): Promise<void> {
    if (e.verdict === e.previous) return;
    const v = await this.repo.findVerdict(e.claimId, e.version, tx);
    if (!v) return;
    for (const who of await this.repo.findVerdictAudience(e.claimId, tx)) {
      await this.notify(
        {
          recipientId: who.userId,
          kind: 'VERDICT',
          dedupeKey: `verdict:${e.claimId}:${e.version}`,
          commentId: who.commentId,
          articleId: who.articleId,
          payload: { claimId: e.claimId, statement: v.claim.statement, version: e.version, verdict: e.verdict, previous: e.previous, summary: v.summary, own: who.own },
          createdAt,
        },
        tx,
      );
    }
  }

  /** Writes the notification unless its cause was notified already, and mails it as the recipient prefers. */
  private async notify(draft: Draft, tx: Tx): Promise<void> {
    const recipient = await this.repo.findRecipient(draft.recipientId, tx);
    if (!recipient || recipient.deletedAt || recipient.placeholder) return;
    const plan = recipient.email ? mailPlan(preferencesOf(recipient.notificationPreference), draft.kind) : null;
    const mailState = plan === 'DAILY' ? 'DIGEST' : plan === 'IMMEDIATE' && this.mailer.enabled ? 'SENT' : 'NONE';
    const id = await this.repo.insert({ ...draft, payload: { ...draft.payload }, mailState }, tx);
    if (id && mailState === 'SENT') await this.mailer.sendNow(id, recipient.email as string, tx);
  }
}
