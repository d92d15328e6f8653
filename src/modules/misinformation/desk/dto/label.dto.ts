import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Verdict } from '../../../../generated/prisma/enums';
import { SourceDto } from './source.dto';

export class LabelClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  statement: string;

  @ApiProperty({ type: 'integer', description: 'The verdict version the label shows' })
  version: number;
}

/** What readers see under a comment: its claim's current verdict, or its own label. */
export class LabelDto {
  @ApiProperty({ enum: Verdict, nullable: true })
  verdict: Verdict;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  asOf: string;

  @ApiPropertyOptional({ type: LabelClaimDto, description: 'The claim the label comes from, if any' })
  claim?: LabelClaimDto;
}
