import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService } from '../../database/prisma.service';
import { AuditService } from '../audit/audit.service';
import { DOMAIN_EVENT_TYPES } from '../events/domain-events';
import { EventsService } from '../events/events.service';
import { isSuccess, nextAttemptDelay } from './retry-schedule';
import { sendWebhook, SendResult } from './webhook-sender';
import { webhookBody } from './webhooks.mapper';
import { ClaimedDelivery, WebhooksRepository } from './webhooks.repository';

/** The outbox consumer's name (its cursor row in event_consumers). */
export const WEBHOOKS_CONSUMER = 'webhooks';

/**
 * Two halves, both out of band of the request that caused an event:
 * - the `webhooks` outbox consumer turns each event into one delivery row per endpoint that
 *   wants it, in the consumer's transaction (so a crash repeats the fan-out, which adds nothing
 *   twice);
 * - the delivery worker (every instance runs one) claims due rows with FOR UPDATE SKIP LOCKED,
 *   sends them signed, and records each outcome: 2xx done; otherwise retried on the schedule of
 *   WEBHOOKS_RETRY_DELAYS; 410 Gone, or persistent failure, disables the endpoint with an audit row.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private active = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: WebhooksRepository,
    private readonly audit: AuditService,
    events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.registerConsumer({
      name: WEBHOOKS_CONSUMER,
      types: DOMAIN_EVENT_TYPES,
      from: 'now',
      handle: async (event, tx) => {
        await this.repo.fanOut(event, webhookBody(event.type, new Date(event.createdAt), event.payload), tx);
        // Due now: look soon rather than at the next poll (the consumer's transaction commits first).
        this.wakeSoon();
      },
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.webhooksWorker) return;
    this.active = true;
    this.timer = setInterval(() => this.wake(), this.config.webhooks.webhooksPollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.soon) clearTimeout(this.soon);
    this.soon = null;
    await this.running;
  }

  /**
   * One pending look per instance however many events a batch fans out, 20 ms after the last
   * (each call restarts it); cleared at shutdown.
   */
  private wakeSoon(): void {
    if (!this.active) return;
    if (this.soon) {
      this.soon.refresh();
      return;
    }
    this.soon = setTimeout(() => {
      this.soon = null;
      this.wake();
    }, 20);
    this.soon.unref();
  }

  private wake(): void {
    if (!this.active || this.running) return;
    this.running = this.drain()
      .catch((err) => this.logger.warn(`webhook delivery paused: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = null;
      });
  }

  private async drain(): Promise<void> {
    while (this.active && (await this.runOnce()) === this.config.webhooks.webhooksBatchSize);
  }

  /** One round: claims due deliveries and sends them concurrently; returns how many it took. */
  async runOnce(): Promise<number> {
    const { webhooksBatchSize, webhooksTimeoutMs } = this.config.webhooks;
    // The lease outlasts the attempt (DNS and request each within the timeout) with room to record it.
    const claimed = await this.repo.claimDue(webhooksBatchSize, 2 * webhooksTimeoutMs + 30_000);
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { webhooksTimeoutMs, webhooksAllowPrivate } = this.config.webhooks;
    const result = await sendWebhook({
      url: delivery.url,
      secret: delivery.secret,
      messageId: `msg_${delivery.id}`,
      body: delivery.body,
      timeoutMs: webhooksTimeoutMs,
      allowPrivate: webhooksAllowPrivate,
    });
    try {
      await this.record(delivery, result);
    } catch (err) {
      // The lease runs out and another round tries again.
      this.logger.warn(`webhook delivery ${delivery.id}: outcome not recorded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async record(delivery: ClaimedDelivery, result: SendResult): Promise<void> {
    const { webhooksRetryDelaysMs, webhooksDisableAfterExhausted, webhooksDisableAfterHours } = this.config.webhooks;
    const status = result.kind === 'response' ? result.status : null;
    const ok = status !== null && isSuccess(status);
    const gone = status === 410;
    const error = ok ? null : result.kind === 'error' ? result.error : `HTTP ${status}`;
    const delay = ok || gone ? null : nextAttemptDelay(delivery.attempts, webhooksRetryDelaysMs);
    const outcome = ok ? 'SUCCEEDED' : delay !== null ? 'PENDING' : 'FAILED';
    await this.prisma.$transaction(async (tx) => {
      const recorded = await this.repo.recordOutcome(
        delivery.id,
        delivery.attempts,
        { status: outcome, nextAttemptAt: delay === null ? null : new Date(Date.now() + delay), responseStatus: status, responseMs: result.ms, error },
        tx,
      );
      if (!recorded) return;
      if (ok) {
        await this.repo.markEndpointHealthy(delivery.endpointId, tx);
        return;
      }
      let disable: { reason: 'gone' | 'failing'; detail: string } | null = null;
      if (gone) {
        disable = { reason: 'gone', detail: 'the endpoint answered 410 Gone' };
      } else {
        const health = await this.repo.markEndpointFailing(delivery.endpointId, outcome === 'FAILED', tx);
        if (health && health.exhaustedInARow >= webhooksDisableAfterExhausted) {
          disable = { reason: 'failing', detail: `${health.exhaustedInARow} deliveries in a row failed after every retry` };
        } else if (health?.failingSince && Date.now() - health.failingSince.getTime() > webhooksDisableAfterHours * 3_600_000) {
          disable = { reason: 'failing', detail: `no successful delivery since ${health.failingSince.toISOString()}` };
        }
      }
      if (disable && (await this.repo.disable(delivery.endpointId, disable.reason, tx))) {
        this.logger.warn(`webhook endpoint ${delivery.endpointId} disabled: ${disable.detail}`);
        await this.audit.record(
          {
            kind: 'WEBHOOK_ENDPOINT_DISABLED',
            actorId: null,
            target: { type: 'webhook_endpoint', id: delivery.endpointId },
            data: { reason: disable.reason, url: delivery.url, detail: disable.detail },
          },
          tx,
        );
      }
    });
  }
}
