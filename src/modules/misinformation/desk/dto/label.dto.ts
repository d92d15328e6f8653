import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Verdict } from '../../../../generated/prisma/enums';
import { ExternalReviewDto } from './external-review.dto';
import { SourceDto } from './source.dto';

export class LabelClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  statement: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The verdict version the label shows; null when it shows an external fact-check' })
  version: number | null;
}

/** What readers see under a comment: its claim's current verdict (or the external fact-check it cites), or its own label. */
export class LabelDto {
  @ApiProperty({ enum: Verdict, nullable: true, description: 'Null when the label shows an external fact-check (see externalReview)' })
  verdict: Verdict | null;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  asOf: string;

  @ApiPropertyOptional({ type: LabelClaimDto, description: 'The claim the label comes from, if any' })
  claim?: LabelClaimDto;

  @ApiPropertyOptional({ type: ExternalReviewDto, description: 'The external fact-check the claim cites: its publisher, rating and link' })
  externalReview?: ExternalReviewDto;
}
