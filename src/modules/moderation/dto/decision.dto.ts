import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { CommentStatus, DecisionAction, RejectionReason } from '../../../generated/prisma/enums';

const ACTIONS = Object.values(DecisionAction);
const REASONS = Object.values(RejectionReason);
const STATUSES = Object.values(CommentStatus);

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
