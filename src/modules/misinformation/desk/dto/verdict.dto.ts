import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsEnum, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Optional } from '../../../../common/http/optional';
import { Verdict } from '../../../../generated/prisma/enums';
import { SourceDto } from './source.dto';

/** A verdict on a claim, or a label on one comment: what readers are told, with its sources. */
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
