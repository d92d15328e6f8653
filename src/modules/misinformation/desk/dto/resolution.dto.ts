import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';

export const RESOLUTION_OUTCOMES = ['LABELLED', 'LINKED_TO_CLAIM', 'NO_ISSUE'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

export class ResolveReportsDto {
  @ApiProperty({
    enum: RESOLUTION_OUTCOMES,
    description:
      'LABELLED: the comment carries a label now (its own, or its claim’s); LINKED_TO_CLAIM: link it to claimId; NO_ISSUE: nothing wrong found. The first two count as agreeing with the reporters, the last as disagreeing.',
  })
  @IsIn(RESOLUTION_OUTCOMES)
  outcome: ResolutionOutcome;

  @ApiPropertyOptional({ format: 'uuid', description: 'The claim, with LINKED_TO_CLAIM (and only then)' })
  @ValidateIf((o: ResolveReportsDto) => o.outcome === 'LINKED_TO_CLAIM' || o.claimId !== undefined)
  @IsUUID()
  claimId?: string;
}

export class ResolutionDto {
  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ enum: RESOLUTION_OUTCOMES })
  outcome: ResolutionOutcome;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  claimId: string | null;

  @ApiProperty({ type: 'integer', description: 'Open misinformation reports closed' })
  reportsResolved: number;
}
