import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Something that refreshes gauges just before a scrape (e.g. queue sizes read from the database). */
export type Collector = () => Promise<void>;

/**
 * Prometheus instruments for one application instance. Each instance keeps its own registry
 * (Prometheus scrapes every instance and sums), so nothing here is shared or global; gauges that
 * describe the whole site (queue sizes) are read from PostgreSQL at scrape time.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly collectors: Collector[] = [];

  readonly httpDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request durations by method, matched route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly httpCache = new Counter({
    name: 'parley_http_cache_total',
    help: 'Public reads by route and how they were answered: micro-cache hit, shared build, miss (built), private (signed in), not_stored (not a 200)',
    labelNames: ['route', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly checkOutcomes = new Counter({
    name: 'parley_comment_checks_total',
    help: 'Posting checks run on new comments and edits, by the resulting status (or refused)',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly checkReasons = new Counter({
    name: 'parley_comment_check_reasons_total',
    help: 'Reason codes raised by the posting checks',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly scorerOutcomes = new Counter({
    name: 'parley_scorer_outcomes_total',
    help: 'Automatic scoring calls by outcome (ok, timeout, error)',
    labelNames: ['provider', 'status'] as const,
    registers: [this.registry],
  });

  readonly flags = new Counter({
    name: 'parley_flags_total',
    help: 'Reader flags recorded, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly scoringRuns = new Counter({
    name: 'parley_note_scoring_runs_total',
    help: 'Context-note scoring job runs, by trigger and outcome (ok, busy, error)',
    labelNames: ['trigger', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly scoringDuration = new Histogram({
    name: 'parley_note_scoring_duration_seconds',
    help: 'Duration of context-note scoring runs',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly queueItems = new Gauge({
    name: 'parley_moderation_queue_items',
    help: 'Items in each moderation queue, site-wide (read at scrape time)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly replicaServing = new Gauge({
    name: 'parley_database_replica_serving',
    help: 'Read replica (by position in DATABASE_REPLICA_URLS) serving reads: 1, or 0 when down or lagging (as of its last check)',
    labelNames: ['replica'] as const,
    registers: [this.registry],
  });

  readonly replicaLag = new Gauge({
    name: 'parley_database_replica_lag_seconds',
    help: 'Read replica lag behind the primary at its last check (absent while unreachable)',
    labelNames: ['replica'] as const,
    registers: [this.registry],
  });

  private processMetrics = false;

  /**
   * The process's own metrics (CPU, memory, heap, event-loop delay, GC) on this registry; the
   * process's entry point (main.ts) calls it once. Not done for every application instance: two
   * of them (the event-loop delay monitor and the GC observer) stay enabled for the rest of the
   * process, with no way to stop them, and hold on to whatever async context created them, so a
   * process that creates and closes many applications (the test suite: one per test file) would
   * keep every closed application in memory.
   */
  collectProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
  }

  /** Registers a refresh that runs before each scrape. */
  onScrape(collector: Collector): void {
    this.collectors.push(collector);
  }

  /** The exposition text. A failing collector (database down) leaves its gauges at their last values. */
  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.allSettled(this.collectors.map((c) => c()));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
