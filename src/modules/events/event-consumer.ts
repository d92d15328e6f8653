import type { Tx } from '../../database/prisma.service';
import type { DomainEventType, StoredEvent } from './domain-events';

/**
 * A consumer of the outbox: a name (its cursor row in event_consumers), the event types it
 * wants, and the work to do for each. Every event of those types reaches it at least once and
 * in delivery order, from whichever instance holds its cursor; its database work runs in the
 * transaction that moves the cursor past the event, so a crash before commit leaves the event
 * to be handled again. Handlers must therefore be idempotent (also: the recording process runs
 * the `immediate` types itself right after commit, and the relay hands them over again).
 * Anything slow or outside the database (HTTP, mail) belongs in a table of the consumer's own,
 * worked off outside this transaction.
 */
export interface EventConsumer<T extends DomainEventType = DomainEventType> {
  name: string;
  types: readonly T[];
  handle(event: StoredEvent<T>, tx: Tx): Promise<void>;
  /**
   * Events that the process which committed them hands to this consumer right after commit,
   * before its request answers, so the effect is there when the client reads again. Keep it
   * narrow: each one costs the request a transaction.
   */
  immediate?: (event: StoredEvent<T>) => boolean;
  /** Where a consumer seen for the first time starts: every event still kept (default), or new ones only. */
  from?: 'start' | 'now';
}
