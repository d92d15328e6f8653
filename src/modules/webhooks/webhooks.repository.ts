import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';

export interface EndpointRow {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  secret: string;
  disabledReason: string | null;
  disabledAt: Date | null;
  exhaustedInARow: number;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  eventId: bigint | null;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  responseMs: number | null;
  lastError: string | null;
  createdAt: Date;
}

/** A delivery taken by a worker for one attempt, with what it needs to send. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** What an endpoint's record looks like after an attempt's outcome was counted. */
export interface EndpointHealth {
  exhaustedInARow: number;
  failingSince: Date | null;
}

export interface EndpointSettings {
  url?: string;
  description?: string;
  eventTypes?: string[];
  enabled?: boolean;
}

const DELIVERY_SELECT = {
  id: true,
  endpointId: true,
  eventId: true,
  eventType: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  responseStatus: true,
  responseMs: true,
  lastError: true,
  createdAt: true,
} as const;

/** webhook_endpoints and webhook_deliveries. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  createEndpoint(data: { url: string; description: string; eventTypes: string[]; enabled: boolean; secret: string }): Promise<EndpointRow> {
    return this.prisma.webhookEndpoint.create({ data });
  }

  findEndpoint(id: string): Promise<EndpointRow | null> {
    return this.prisma.webhookEndpoint.findUnique({ where: { id } });
  }

  listEndpoints(): Promise<EndpointRow[]> {
    return this.prisma.webhookEndpoint.findMany({ orderBy: { createdAt: 'asc' } });
  }

  /** An admin's change; enabling again clears the automatic disabling and its counters. */
  saveSettings(id: string, settings: EndpointSettings): Promise<EndpointRow> {
    const reenable = settings.enabled === true ? { disabledReason: null, disabledAt: null, exhaustedInARow: 0, failingSince: null } : {};
    return this.prisma.webhookEndpoint.update({ where: { id }, data: { ...settings, ...reenable } });
  }

  setSecret(id: string, secret: string): Promise<EndpointRow> {
    return this.prisma.webhookEndpoint.update({ where: { id }, data: { secret } });
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    const { count } = await this.prisma.webhookEndpoint.deleteMany({ where: { id } });
    return count > 0;
  }

  /**
   * One delivery per enabled endpoint that wants this event type and existed when the event
   * happened, in the consumer's transaction; a second hand-over of the same event adds nothing
   * (unique endpoint × event). The relay hands events over a little after they happen, so without
   * the time rule an endpoint registered in between would receive an event from before it existed.
   */
  fanOut(event: { id: bigint; type: string; createdAt: Date }, body: string, tx: Tx): Promise<number> {
    return tx.$executeRaw`
      INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body)
      SELECT gen_random_uuid(), e.id, ${event.id}, ${event.type}, ${body}
      FROM webhook_endpoints e
      WHERE e.enabled AND (${event.type} = ANY(e.event_types) OR '*' = ANY(e.event_types))
        AND e.created_at <= ${event.createdAt}
      ON CONFLICT (endpoint_id, event_id) DO NOTHING`;
  }

  createTestDelivery(endpointId: string, eventType: string, body: string): Promise<DeliveryRow> {
    return this.prisma.webhookDelivery.create({ data: { endpointId, eventType, body }, select: DELIVERY_SELECT });
  }

  findDelivery(id: string): Promise<(DeliveryRow & { endpoint: { enabled: boolean } }) | null> {
    return this.prisma.webhookDelivery.findUnique({ where: { id }, select: { ...DELIVERY_SELECT, endpoint: { select: { enabled: true } } } });
  }

  listDeliveries(endpointId: string, limit: number): Promise<DeliveryRow[]> {
    return this.prisma.webhookDelivery.findMany({ where: { endpointId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, select: DELIVERY_SELECT });
  }

  /** Due again now, with its attempts kept (the receiver sees the same webhook-id). */
  replay(id: string): Promise<DeliveryRow> {
    return this.prisma.webhookDelivery.update({ where: { id }, data: { status: 'PENDING', nextAttemptAt: new Date() }, select: DELIVERY_SELECT });
  }

  /**
   * Takes up to `limit` due deliveries of enabled endpoints for one attempt each: counts the
   * attempt and pushes the due time out by the lease, so that another worker takes the row
   * again only if this one died before recording the outcome. SKIP LOCKED: concurrent workers
   * never take the same row.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.prisma.$queryRaw<ClaimedDelivery[]>`
      UPDATE webhook_deliveries d
      SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
      FROM (
        SELECT w.id FROM webhook_deliveries w JOIN webhook_endpoints en ON en.id = w.endpoint_id
        WHERE w.status = 'PENDING' AND w.next_attempt_at <= now() AND en.enabled
        ORDER BY w.next_attempt_at LIMIT ${limit}
        FOR UPDATE OF w SKIP LOCKED
      ) due, webhook_endpoints e
      WHERE d.id = due.id AND e.id = d.endpoint_id
      RETURNING d.id, d.endpoint_id AS "endpointId", d.body, d.attempts, e.url, e.secret`;
  }

  /**
   * The outcome of the attempt numbered `attempt`; false when the row has moved on since (a
   * replay, or another worker after the lease ran out), and then nothing is written.
   */
  async recordOutcome(
    id: string,
    attempt: number,
    outcome: { status: 'PENDING' | 'SUCCEEDED' | 'FAILED'; nextAttemptAt: Date | null; responseStatus: number | null; responseMs: number; error: string | null },
    tx: Tx,
  ): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE webhook_deliveries
      SET status = ${outcome.status}, next_attempt_at = ${outcome.nextAttemptAt}, response_status = ${outcome.responseStatus},
          response_ms = ${outcome.responseMs}, last_error = ${outcome.error === null ? null : outcome.error.slice(0, 1000)}
      WHERE id = ${id}::uuid AND attempts = ${attempt} AND status = 'PENDING'`;
    return count > 0;
  }

  async markEndpointHealthy(endpointId: string, tx: Tx): Promise<void> {
    await tx.$executeRaw`
      UPDATE webhook_endpoints SET exhausted_in_a_row = 0, failing_since = NULL
      WHERE id = ${endpointId}::uuid AND (exhausted_in_a_row <> 0 OR failing_since IS NOT NULL)`;
  }

  /** Counts a failed attempt (and a delivery that used up its retries); returns the endpoint's standing after it. */
  async markEndpointFailing(endpointId: string, exhausted: boolean, tx: Tx): Promise<EndpointHealth | null> {
    const rows = await tx.$queryRaw<EndpointHealth[]>`
      UPDATE webhook_endpoints
      SET failing_since = coalesce(failing_since, now()), exhausted_in_a_row = exhausted_in_a_row + ${exhausted ? 1 : 0}
      WHERE id = ${endpointId}::uuid
      RETURNING exhausted_in_a_row AS "exhaustedInARow", failing_since AS "failingSince"`;
    return rows[0] ?? null;
  }

  /** Stops deliveries to the endpoint; false when it was already disabled. */
  async disable(endpointId: string, reason: string, tx: Tx): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE webhook_endpoints SET enabled = false, disabled_reason = ${reason}, disabled_at = now(), updated_at = now()
      WHERE id = ${endpointId}::uuid AND enabled`;
    return count > 0;
  }
}
