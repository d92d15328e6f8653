import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';

/** A message as queued: what MailService.enqueue was given. */
export interface QueuedMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/** A message taken by a worker for one attempt, with what it needs to send. */
export interface ClaimedMail {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string | null;
  htmlBody: string | null;
  headers: Record<string, string>;
  attempts: number;
}

export interface MailOutcome {
  status: 'PENDING' | 'SENT' | 'FAILED';
  nextAttemptAt: Date | null;
  error: string | null;
}

/** outgoing_mail. */
@Injectable()
export class MailRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insertPending(mail: QueuedMail, tx: Tx): Promise<void> {
    await tx.outgoingMail.create({
      data: { kind: mail.kind, toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html, headers: mail.headers },
      select: { id: true },
    });
  }

  /**
   * Takes up to `limit` due messages for one attempt each: counts the attempt and pushes the due
   * time out by the lease, so that another worker takes the row again only if this one died
   * before recording the outcome. SKIP LOCKED: concurrent workers never take the same row.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedMail[]> {
    return this.prisma.$queryRaw<ClaimedMail[]>`
      UPDATE outgoing_mail m
      SET attempts = m.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
      FROM (
        SELECT id FROM outgoing_mail
        WHERE status = 'PENDING' AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE m.id = due.id
      RETURNING m.id, m.to_address AS "toAddress", m.subject, m.text_body AS "textBody", m.html_body AS "htmlBody", m.headers, m.attempts`;
  }

  /**
   * The outcome of the attempt numbered `attempt`; false when the row has moved on since (another
   * worker took it after the lease ran out), and then nothing is written. A message sent or given
   * up loses its bodies: they may hold single-use links that should not outlive their purpose.
   */
  async recordOutcome(id: string, attempt: number, outcome: MailOutcome): Promise<boolean> {
    const done = outcome.status !== 'PENDING';
    const count = await this.prisma.$executeRaw`
      UPDATE outgoing_mail
      SET status = ${outcome.status}, next_attempt_at = ${outcome.nextAttemptAt},
          sent_at = CASE WHEN ${outcome.status} = 'SENT' THEN now() ELSE sent_at END,
          last_error = ${outcome.error === null ? null : outcome.error.slice(0, 1000)},
          text_body = CASE WHEN ${done} THEN NULL ELSE text_body END,
          html_body = CASE WHEN ${done} THEN NULL ELSE html_body END
      WHERE id = ${id}::uuid AND attempts = ${attempt} AND status = 'PENDING'`;
    return count > 0;
  }
}
