import { EnvReader } from './env-reader';

/** Read by the events module: the outbox relay that hands domain events to their consumers after commit. */
export interface EventSettings {
  /** Run the relay in this process (stamping, consumers, pruning); off for a process that should only record events. */
  eventsRelay: boolean;
  /** How often the relay looks for work when no notification woke it (a safety net behind LISTEN/NOTIFY). */
  eventsPollMs: number;
  /** Events handed to a consumer per transaction. */
  eventsBatchSize: number;
  /** A consumer's failing event is retried with growing delays this many times, then skipped and logged. */
  eventsMaxAttempts: number;
  /** Events every consumer has handled are kept this long (streams resume from them), then pruned. */
  eventsRetentionHours: number;
}

export function readEventSettings(r: EnvReader): EventSettings {
  return {
    eventsRelay: r.bool('EVENTS_RELAY', true),
    eventsPollMs: r.int('EVENTS_POLL_MS', 2000, 50, 600_000),
    eventsBatchSize: r.int('EVENTS_BATCH_SIZE', 100, 1, 10_000),
    eventsMaxAttempts: r.int('EVENTS_MAX_ATTEMPTS', 10, 1, 1000),
    eventsRetentionHours: r.int('EVENTS_RETENTION_HOURS', 72, 1, 8760),
  };
}
