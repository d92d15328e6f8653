import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { DOMAIN_EVENT_TYPES } from '../../events/domain-events';

/** What an endpoint may subscribe to: any domain event type, or "*" for all of them. */
export const SUBSCRIBABLE = ['*', ...DOMAIN_EVENT_TYPES] as const;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_valid_protocol: true };

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://hooks.example.org/parley', minLength: 1, maxLength: 2000, description: 'http or https; internal addresses are refused unless WEBHOOKS_ALLOW_PRIVATE is on.' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http or https URL' })
  url: string;

  @ApiProperty({ type: [String], enum: SUBSCRIBABLE, example: ['comment.posted', 'flag.raised'], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE, { each: true })
  eventTypes: string[];

  @ApiPropertyOptional({ maxLength: 500, example: 'Newsroom Slack relay' })
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http or https URL' })
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: SUBSCRIBABLE, minItems: 1, maxItems: 50 })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'true enables again an endpoint that was disabled (by an admin or after failures) and clears its notice.' })
  @Optional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  url: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [String], enum: SUBSCRIBABLE })
  eventTypes: string[];

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Why deliveries stopped by themselves: "gone" (the endpoint answered 410) or "failing" (persistent failure).' })
  disabledReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: string | null;

  @ApiProperty({ description: 'Deliveries in a row that used up every retry.' })
  exhaustedInARow: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'First failure since the last success.' })
  failingSince: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class WebhookEndpointCreatedDto extends WebhookEndpointDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown this once.' })
  secret: string;
}

export class WebhookSecretDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The new signing secret, shown this once; the old one stops at once.' })
  secret: string;
}

export class WebhookEndpointListDto {
  @ApiProperty({ type: [WebhookEndpointDto] })
  items: WebhookEndpointDto[];
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Sent as webhook-id "msg_<id>", the same on every attempt.' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  endpointId: string;

  @ApiProperty({ example: 'comment.posted' })
  eventType: string;

  @ApiProperty({ type: String, nullable: true, description: 'The outbox event; null for a test event.' })
  eventId: string | null;

  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED'] })
  status: string;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the last attempt; null when there was no answer.' })
  responseStatus: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Duration of the last attempt in milliseconds.' })
  responseMs: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  items: WebhookDeliveryDto[];
}

export class WebhookDeliveriesQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50, description: 'Newest first.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
