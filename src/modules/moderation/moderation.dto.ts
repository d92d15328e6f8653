import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../common/http/optional';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { CommentStatus, DecisionAction, RejectionReason } from '../../generated/prisma/enums';
import { QUEUES } from './queues/queue-definitions';

const ACTIONS = Object.values(DecisionAction);
const REASONS = Object.values(RejectionReason);
const STATUSES = Object.values(CommentStatus);

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

  @ApiPropertyOptional({ enum: ['oldest', 'weight'], default: 'oldest' })
  @Optional()
  @IsIn(['oldest', 'weight'])
  order?: 'oldest' | 'weight';
}

export class QueueCountsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Counts for one article' })
  @Optional()
  @IsUUID()
  article?: string;
}

export class DecideDto {
  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS)
  action: DecisionAction;

  @ApiProperty({ type: 'integer', description: 'The revision you reviewed; 409 if the author edited since' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  revision: number;

  @ApiProperty({ enum: STATUSES, description: 'The status you saw; 409 STALE_STATUS if it changed meanwhile (another moderator decided, reader flags withheld it)' })
  @IsIn(STATUSES, { message: `expectedStatus must be the status you saw: one of ${STATUSES.join(', ')}` })
  expectedStatus: CommentStatus;

  @ApiPropertyOptional({ enum: REASONS, description: 'Required to reject' })
  @ValidateIf((o: DecideDto) => o.action === 'REJECT' || o.reason !== undefined)
  @IsIn(REASONS, { message: `reason must be one of ${REASONS.join(', ')} (required to reject)` })
  reason?: RejectionReason;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Message to the author, shown in the statement of reasons' })
  @Optional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class BulkItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  commentId: string;

  @ApiProperty({ type: 'integer', description: 'The revision you reviewed' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  revision: number;

  @ApiProperty({ enum: STATUSES, description: 'The status you saw' })
  @IsIn(STATUSES, { message: `expectedStatus must be the status you saw: one of ${STATUSES.join(', ')}` })
  expectedStatus: CommentStatus;
}

export class BulkDecideDto {
  @ApiProperty({ enum: ['APPROVE', 'REJECT'] })
  @IsIn(['APPROVE', 'REJECT'])
  action: 'APPROVE' | 'REJECT';

  @ApiPropertyOptional({ enum: REASONS })
  @ValidateIf((o: BulkDecideDto) => o.action === 'REJECT' || o.reason !== undefined)
  @IsIn(REASONS, { message: `reason must be one of ${REASONS.join(', ')} (required to reject)` })
  reason?: RejectionReason;

  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  @ApiProperty({ type: [BulkItemDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BulkItemDto)
  items: BulkItemDto[];
}

export class BanAndRejectDto {
  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Shown to the user' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ enum: REASONS, description: 'Reason code for the rejected comments' })
  @IsIn(REASONS)
  rejectionReason: RejectionReason;
}

export class AppealDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text: string;
}

export class AppealDecisionDto {
  @ApiProperty({ enum: ['UPHOLD', 'OVERTURN'] })
  @IsIn(['UPHOLD', 'OVERTURN'])
  outcome: 'UPHOLD' | 'OVERTURN';

  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class DecisionResultDto {
  @ApiProperty({ format: 'uuid' })
  decisionId: string;

  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ enum: ACTIONS })
  action: DecisionAction;

  @ApiProperty()
  status: string;

  @ApiProperty()
  featured: boolean;

  @ApiProperty({ description: 'Open flags resolved by this decision' })
  flagsResolved: number;
}

export class BulkResultDto {
  @ApiProperty({ type: [DecisionResultDto] })
  items: DecisionResultDto[];
}

export class StatementOfReasonsDto {
  @ApiProperty({ format: 'uuid' })
  decisionId: string;

  @ApiProperty({ enum: ACTIONS })
  action: DecisionAction;

  @ApiProperty({ enum: REASONS, nullable: true })
  reason: RejectionReason | null;

  @ApiProperty({ type: String, nullable: true })
  message: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ description: 'Whether you may still appeal this decision' })
  canAppeal: boolean;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  appeal: { id: string; status: string; outcomeNote: string | null; decidedAt: string | null } | null;
}

export class ClaimDto {
  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  claimedBy: { id: string; displayName: string };

  @ApiProperty({ type: String, format: 'date-time' })
  until: string;
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

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  items: Record<string, unknown>[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
