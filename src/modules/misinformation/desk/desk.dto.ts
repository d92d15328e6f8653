import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  Max,
  Min,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsEnum,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { Verdict } from '../../../generated/prisma/enums';

export class SourceDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'https://observatory.example/report-112' })
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Observatory daily report' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;
}

export class CreateClaimDto {
  @ApiProperty({ minLength: 1, example: 'Government forces lost control of the river crossing on 17 November.', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  statement: string;

  @ApiPropertyOptional({ type: [String], description: 'Comments that assert the claim' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  commentIds?: string[];
}

export class LinkCommentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  commentId: string;
}

export class VerdictDto {
  @ApiProperty({ enum: Verdict })
  @IsEnum(Verdict)
  verdict: Verdict;

  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Shown to readers under every linked comment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary: string;

  @ApiProperty({ type: [SourceDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources: SourceDto[];

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'The time the verdict holds as of (default: now)' })
  @Optional()
  @Type(() => Date)
  @IsDate({ message: 'asOf must be an ISO 8601 date-time' })
  asOf?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'For UNVERIFIED and DISPUTED: when it returns to the desk (default 7 days)' })
  @Optional()
  @Type(() => Date)
  @IsDate({ message: 'reviewBy must be an ISO 8601 date-time' })
  reviewBy?: Date;
}

export class ClaimListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Text to search claims for' })
  @Optional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class LabelDto {
  @ApiProperty({ enum: Verdict, nullable: true })
  verdict: Verdict;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  asOf: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The claim the label comes from, if any' })
  claim?: { id: string; statement: string; version: number };
}

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
