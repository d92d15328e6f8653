import type { WebhookDeliveryDto, WebhookEndpointDto } from './dto/webhook.dto';
import type { DeliveryRow, EndpointRow } from './webhooks.repository';

export function toWebhookEndpointResponse(row: EndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    exhaustedInARow: row.exhaustedInARow,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toWebhookDeliveryResponse(row: DeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    eventId: row.eventId?.toString() ?? null,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    responseStatus: row.responseStatus,
    responseMs: row.responseMs,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The JSON body of a delivery (Standard Webhooks' suggested shape): type, timestamp, data. */
export function webhookBody(type: string, timestamp: Date, data: unknown): string {
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data });
}
