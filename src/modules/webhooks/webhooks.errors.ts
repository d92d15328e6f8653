import { errorFactory } from '../../common/errors/app-error';

export const WebhookErrors = {
  WEBHOOK_ENDPOINT_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  /** The URL's host is (or resolves to) loopback, private, link-local, … and WEBHOOKS_ALLOW_PRIVATE is off. */
  WEBHOOK_URL_FORBIDDEN: 422,
  WEBHOOK_URL_UNRESOLVABLE: 422,
  /** Test events and replays need an enabled endpoint (a disabled one is not delivered to). */
  WEBHOOK_ENDPOINT_DISABLED: 409,
} as const;

export const webhookError = errorFactory(WebhookErrors);
