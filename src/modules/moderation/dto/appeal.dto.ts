import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { DecisionAction, RejectionReason } from '../../../generated/prisma/enums';

const ACTIONS = Object.values(DecisionAction);
const REASONS = Object.values(RejectionReason);

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
