import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { resolveTarget } from './address-guard';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookEndpointCreatedDto,
  WebhookEndpointDto,
  WebhookSecretDto,
} from './dto/webhook.dto';
import { webhookError } from './webhooks.errors';
import { toWebhookDeliveryResponse, toWebhookEndpointResponse, webhookBody } from './webhooks.mapper';
import { WebhooksRepository } from './webhooks.repository';

/** The type of the event an admin sends to try an endpoint. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** A signing secret in the Standard Webhooks format: whsec_ and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The admin's side of webhooks: endpoints, their secrets, deliveries, replays and test events. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: WebhooksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateWebhookEndpointDto): Promise<WebhookEndpointCreatedDto> {
    await this.checkUrl(dto.url);
    const row = await this.repo.createEndpoint({
      url: dto.url,
      description: dto.description ?? '',
      eventTypes: dto.eventTypes,
      enabled: dto.enabled ?? true,
      secret: newSecret(),
    });
    return { ...toWebhookEndpointResponse(row), secret: row.secret };
  }

  async list(): Promise<WebhookEndpointDto[]> {
    return (await this.repo.listEndpoints()).map(toWebhookEndpointResponse);
  }

  async get(id: string): Promise<WebhookEndpointDto> {
    return toWebhookEndpointResponse(await this.endpoint(id));
  }

  async update(id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    await this.endpoint(id);
    if (dto.url !== undefined) await this.checkUrl(dto.url);
    const row = await this.repo.saveSettings(id, { url: dto.url, description: dto.description, eventTypes: dto.eventTypes, enabled: dto.enabled });
    return toWebhookEndpointResponse(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.deleteEndpoint(id))) throw webhookError('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint.');
  }

  async rotateSecret(id: string): Promise<WebhookSecretDto> {
    await this.endpoint(id);
    const row = await this.repo.setSecret(id, newSecret());
    return { secret: row.secret };
  }

  async deliveries(id: string, limit = 50): Promise<WebhookDeliveryDto[]> {
    await this.endpoint(id);
    return (await this.repo.listDeliveries(id, limit)).map(toWebhookDeliveryResponse);
  }

  /** Sends the delivery again as soon as a worker is free, with the same webhook-id and body. */
  async replay(deliveryId: string): Promise<WebhookDeliveryDto> {
    const delivery = await this.repo.findDelivery(deliveryId);
    if (!delivery) throw webhookError('WEBHOOK_DELIVERY_NOT_FOUND', 'No such webhook delivery.');
    if (!delivery.endpoint.enabled) throw webhookError('WEBHOOK_ENDPOINT_DISABLED', 'The endpoint is disabled: enable it before replaying.');
    return toWebhookDeliveryResponse(await this.repo.replay(deliveryId));
  }

  async sendTest(id: string): Promise<WebhookDeliveryDto> {
    const endpoint = await this.endpoint(id);
    if (!endpoint.enabled) throw webhookError('WEBHOOK_ENDPOINT_DISABLED', 'The endpoint is disabled: enable it before testing.');
    const body = webhookBody(TEST_EVENT_TYPE, new Date(), { endpointId: id, message: 'A test event sent by an admin.' });
    return toWebhookDeliveryResponse(await this.repo.createTestDelivery(id, TEST_EVENT_TYPE, body));
  }

  private async endpoint(id: string) {
    const row = await this.repo.findEndpoint(id);
    if (!row) throw webhookError('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint.');
    return row;
  }

  /** The SSRF guard at registration; the worker checks again at every delivery. */
  private async checkUrl(url: string): Promise<void> {
    const check = await resolveTarget(new URL(url), this.config.webhooks.webhooksAllowPrivate, 3000);
    if (check.ok) return;
    if (check.reason === 'internal') {
      throw webhookError('WEBHOOK_URL_FORBIDDEN', `${check.detail}: endpoints must be public unless WEBHOOKS_ALLOW_PRIVATE is set.`);
    }
    throw webhookError('WEBHOOK_URL_UNRESOLVABLE', check.detail);
  }
}
