import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../../../common/http/optional';

export class CampaignQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 72, default: 6, description: 'Look back this many hours' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(72)
  hours?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 2, maximum: 1000, default: 5, description: 'Distinct accounts needed' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  minAccounts?: number;
}

export class CampaignDto {
  @ApiProperty({ description: 'The first comment of the group (up to 500 characters)' })
  sample: string;

  @ApiProperty({ type: 'integer', description: 'Distinct accounts that posted it' })
  accounts: number;

  @ApiProperty({ type: [String] })
  commentIds: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  firstSeen: string;
}

export class CampaignsDto {
  @ApiProperty({ type: 'integer' })
  hours: number;

  @ApiProperty({ type: 'integer' })
  minAccounts: number;

  @ApiProperty({ type: 'integer', description: 'Comments compared' })
  scanned: number;

  @ApiProperty({ description: 'The window held more comments than one search reads: narrow it to see all' })
  truncated: boolean;

  @ApiProperty({ type: [CampaignDto], description: 'Most accounts first' })
  items: CampaignDto[];
}
