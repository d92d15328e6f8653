import { EnvReader } from './env-reader';

/** Read by the webhooks module: delivery of domain events to endpoints registered by admins. */
export interface WebhookSettings {
  /** Run the delivery worker in this process (any number of instances may: rows are claimed with SKIP LOCKED). */
  webhooksWorker: boolean;
  /** How often the worker looks for due deliveries. */
  webhooksPollMs: number;
  /** Deliveries claimed (and sent concurrently) per round. */
  webhooksBatchSize: number;
  /** One attempt's limit: connecting, sending and the response together. */
  webhooksTimeoutMs: number;
  /** Waits before each retry, in order (jittered ±20 %); their count is the number of retries. */
  webhooksRetryDelaysMs: readonly number[];
  /** An endpoint is disabled after this many deliveries in a row used up every retry. */
  webhooksDisableAfterExhausted: number;
  /** An endpoint is disabled when it has failed without a success for this long. */
  webhooksDisableAfterHours: number;
  /** Allow endpoints on loopback, private, link-local, CGNAT and other internal addresses (tests, closed networks). */
  webhooksAllowPrivate: boolean;
}

const DEFAULT_RETRY_DELAYS = '5s,30s,2m,10m,30m,1h,2h,4h,8h,8h';
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "5s,30s,2m" → milliseconds; null when any item is not <number><ms|s|m|h>. */
export function parseDelays(raw: string): number[] | null {
  const items = raw.split(',').map((s) => s.trim());
  const out: number[] = [];
  for (const item of items) {
    const m = /^(\d{1,6})(ms|s|m|h)$/.exec(item);
    if (!m) return null;
    out.push(Number(m[1]) * UNIT_MS[m[2]]);
  }
  return out.length > 0 && out.length <= 30 ? out : null;
}

export function readWebhookSettings(r: EnvReader): WebhookSettings {
  const raw = r.string('WEBHOOKS_RETRY_DELAYS', DEFAULT_RETRY_DELAYS);
  let delays = parseDelays(raw);
  if (!delays) {
    r.problems.push('WEBHOOKS_RETRY_DELAYS must be 1 to 30 comma-separated durations like 5s,30s,2m,1h');
    delays = parseDelays(DEFAULT_RETRY_DELAYS) as number[];
  }
  return {
    webhooksWorker: r.bool('WEBHOOKS_WORKER', true),
    webhooksPollMs: r.int('WEBHOOKS_POLL_MS', 1000, 20, 600_000),
    webhooksBatchSize: r.int('WEBHOOKS_BATCH_SIZE', 20, 1, 1000),
    webhooksTimeoutMs: r.int('WEBHOOKS_TIMEOUT_MS', 10_000, 100, 120_000),
    webhooksRetryDelaysMs: delays,
    webhooksDisableAfterExhausted: r.int('WEBHOOKS_DISABLE_AFTER', 5, 1, 10_000),
    webhooksDisableAfterHours: r.int('WEBHOOKS_DISABLE_AFTER_HOURS', 24, 1, 8760),
    webhooksAllowPrivate: r.bool('WEBHOOKS_ALLOW_PRIVATE', false),
  };
}
