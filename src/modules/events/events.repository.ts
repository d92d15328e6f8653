import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import { articleOf, DomainEvent, DomainEventType, StoredEvent } from './domain-events';

/** The channel the relay notifies after stamping events; every instance listens on it. */
export const EVENTS_CHANNEL = 'parley_events';

export interface ConsumerState {
  position: bigint;
  attempts: number;
  /** The last stamped position when the consumer was claimed: everything up to it is committed. */
  head: bigint;
}

/** Where the outbox stands: the last delivery position, and the oldest one still kept. */
export interface OutboxBounds {
  head: bigint;
  /** Null when every event has been pruned. */
  oldest: bigint | null;
}

type EventRow = { id: bigint; position: bigint | null; type: string; articleId: string | null; payload: unknown; createdAt: Date };

/** The outbox tables: domain_events, event_consumers and event_sequence. */
@Injectable()
export class EventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(event: DomainEvent, tx: Tx): Promise<bigint> {
    const row = await tx.domainEvent.create({
      data: { type: event.type, articleId: articleOf(event), payload: event.payload as unknown as Prisma.InputJsonValue },
      select: { id: true },
    });
    return row.id;
  }

  /**
   * Gives committed, unstamped events the next positions, in id order, and notifies the
   * listeners when there were any. One stamping at a time: the sequence row's lock is held
   * until commit, so a position seen committed means every smaller one is committed too, and a
   * stamping that waited for the lock reads a snapshot taken after the previous one committed.
   */
  async stampCommitted(limit: number): Promise<number> {
    // Most passes find nothing: one index probe instead of a transaction.
    const [pending] = await this.prisma.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM domain_events WHERE position IS NULL) AS any`;
    if (!pending.any) return 0;
    return this.prisma.$transaction(async (tx) => {
      const [head] = await tx.$queryRaw<{ last: bigint }[]>`SELECT last_position AS last FROM event_sequence WHERE id = 1 FOR UPDATE`;
      const stamped = await tx.$queryRaw<{ position: bigint }[]>`
        WITH pending AS (
          SELECT id, ${head.last}::bigint + row_number() OVER (ORDER BY id) AS position
          FROM domain_events WHERE position IS NULL ORDER BY id LIMIT ${limit}
        )
        UPDATE domain_events e SET position = p.position FROM pending p WHERE e.id = p.id
        RETURNING e.position`;
      if (stamped.length === 0) return 0;
      const last = head.last + BigInt(stamped.length);
      await tx.$executeRaw`UPDATE event_sequence SET last_position = ${last} WHERE id = 1`;
      await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${last.toString()})`;
      return stamped.length;
    });
  }

  /** One statement: the head of the sequence and the oldest stamped event kept. */
  async bounds(): Promise<OutboxBounds> {
    const [row] = await this.prisma.$queryRaw<OutboxBounds[]>`
      SELECT s.last_position AS head, (SELECT min(position) FROM domain_events WHERE position IS NOT NULL) AS oldest
      FROM event_sequence s WHERE s.id = 1`;
    return row ?? { head: 0n, oldest: null };
  }

  /** A consumer's row, created on first sight: from the first event kept, or from now on. */
  async ensureConsumer(name: string, from: 'start' | 'now'): Promise<void> {
    if (from === 'start') {
      await this.prisma.$executeRaw`INSERT INTO event_consumers (name) VALUES (${name}) ON CONFLICT (name) DO NOTHING`;
    } else {
      await this.prisma.$executeRaw`
        INSERT INTO event_consumers (name, position) SELECT ${name}, last_position FROM event_sequence WHERE id = 1
        ON CONFLICT (name) DO NOTHING`;
    }
  }

  /** Consumers whose cursor is behind the last stamped position (the others have nothing to do). */
  async consumersBehind(): Promise<Set<string>> {
    const rows = await this.prisma.$queryRaw<{ name: string }[]>`
      SELECT c.name FROM event_consumers c JOIN event_sequence s ON s.id = 1 WHERE c.position < s.last_position`;
    return new Set(rows.map((r) => r.name));
  }

  /**
   * Takes the consumer for this transaction, or null when another instance holds it (SKIP
   * LOCKED: that instance does the work) or it waits for a retry after a failure.
   */
  async claimConsumer(name: string, tx: Tx): Promise<ConsumerState | null> {
    const rows = await tx.$queryRaw<ConsumerState[]>`
      SELECT c.position, c.attempts, s.last_position AS head
      FROM event_consumers c CROSS JOIN event_sequence s
      WHERE c.name = ${name} AND s.id = 1 AND (c.retry_at IS NULL OR c.retry_at <= now())
      FOR UPDATE OF c SKIP LOCKED`;
    return rows[0] ?? null;
  }

  /** The consumer's next events of the given types, in delivery order, up to the head it saw. */
  findAfter(after: bigint, head: bigint, types: readonly DomainEventType[], limit: number, tx: Tx): Promise<StoredEvent[]> {
    return tx.$queryRaw<EventRow[]>`
      SELECT id, position, type, article_id AS "articleId", payload, created_at AS "createdAt"
      FROM domain_events
      WHERE position > ${after} AND position <= ${head} AND type = ANY(${[...types]}::text[])
      ORDER BY position LIMIT ${limit}` as Promise<StoredEvent[]>;
  }

  /** Events after a position, of any type, for readers of the outbox (e.g. a stream resuming from Last-Event-ID). */
  findPage(after: bigint, limit: number, articleId: string | null = null): Promise<StoredEvent[]> {
    return this.prisma.$queryRaw<EventRow[]>`
      SELECT id, position, type, article_id AS "articleId", payload, created_at AS "createdAt"
      FROM domain_events
      WHERE position > ${after} AND (${articleId}::uuid IS NULL OR article_id = ${articleId}::uuid)
      ORDER BY position LIMIT ${limit}` as Promise<StoredEvent[]>;
  }

  async advance(name: string, position: bigint, tx: Tx): Promise<void> {
    await tx.$executeRaw`
      UPDATE event_consumers SET position = ${position}, attempts = 0, last_error = NULL, retry_at = NULL, updated_at = now()
      WHERE name = ${name}`;
  }

  /** A failed event: the cursor stays before it (position), retried from retryAt. */
  async recordFailure(name: string, position: bigint, attempts: number, error: string, retryAt: Date, tx: Tx): Promise<void> {
    await tx.$executeRaw`
      UPDATE event_consumers SET position = ${position}, attempts = ${attempts}, last_error = ${error.slice(0, 2000)}, retry_at = ${retryAt}, updated_at = now()
      WHERE name = ${name}`;
  }

  /** Deletes events every consumer has passed and older than the retention, at most `limit` of them. */
  async prune(retentionHours: number, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM domain_events WHERE id IN (
        SELECT id FROM domain_events
        WHERE position <= (SELECT coalesce(min(c.position), max(s.last_position)) FROM event_sequence s LEFT JOIN event_consumers c ON true)
          AND created_at < now() - make_interval(hours => ${retentionHours}::int)
        ORDER BY position LIMIT ${limit})`;
  }
}
