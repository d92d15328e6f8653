import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { QUEUE_ORDERS, QueueOrder, QUEUES } from '../queues/queue-definitions';

export class QueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  article?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  section?: string;

  @ApiPropertyOptional({ maxLength: 40, description: 'A flag reason (e.g. HATE) or a check reason (e.g. LINKS_NEW_COMMENTER)' })
  @Optional()
  @IsString()
  @MaxLength(40)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  author?: string;

  @ApiPropertyOptional({
    enum: QUEUE_ORDERS,
    default: 'oldest',
    description: 'oldest first; weight: heaviest reader reports first; score: highest automatic score first (pending and reported queues only)',
  })
  @Optional()
  @IsIn(QUEUE_ORDERS)
  order?: QueueOrder;

  @ApiPropertyOptional({ enum: QUEUE_ORDERS, description: 'The same as order (sort=score); give one or the other' })
  @Optional()
  @IsIn(QUEUE_ORDERS)
  sort?: QueueOrder;
}

export class QueueCountsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Counts for one article' })
  @Optional()
  @IsUUID()
  article?: string;
}

export class QueueCountsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Every queue’s count, site-wide (or for ?article=)' })
  counts: Record<string, number>;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Articles with held or flagged comments, busiest first' })
  articles: { articleId: string; title: string; held: number; flagged: number }[];

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Open alerts such as bursts of flags on one article' })
  alerts: { id: string; articleId: string; kind: string; details: unknown; createdAt: string }[];
}

export class QueuePageDto {
  @ApiProperty({ enum: QUEUES })
  queue: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Each item: comment, article, parent, root, flags, author, claim (the assignment), appeal, and factCheck: { claims (with verdict or externalReview), label, notes (up to 20, helpful first), contextRequests }',
  })
  items: Record<string, unknown>[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
