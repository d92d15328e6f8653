import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import type { FlagReason } from '../../../generated/prisma/enums';

/** Reasons a reader may give (SYSTEM is reserved for automatic checks). */
export const READER_FLAG_REASONS = [
  'SPAM',
  'ABUSE',
  'HARASSMENT',
  'HATE',
  'OFF_TOPIC',
  'MISINFORMATION',
  'ILLEGAL',
  'REVEALS_POSITIONS',
  'IDENTIFIES_VICTIM',
  'GRAPHIC_MEDIA',
  'TERRORIST_PROPAGANDA',
] as const satisfies readonly FlagReason[];

export const URGENT_FLAG_REASONS: ReadonlySet<FlagReason> = new Set(['REVEALS_POSITIONS', 'IDENTIFIES_VICTIM', 'GRAPHIC_MEDIA', 'TERRORIST_PROPAGANDA']);

export class CreateFlagDto {
  @ApiProperty({
    enum: READER_FLAG_REASONS,
    description: 'REVEALS_POSITIONS, IDENTIFIES_VICTIM, GRAPHIC_MEDIA and TERRORIST_PROPAGANDA go to the urgent queue at once; MISINFORMATION goes to the fact-checkers and never hides a comment',
  })
  @IsIn(READER_FLAG_REASONS)
  reason: (typeof READER_FLAG_REASONS)[number];

  @ApiPropertyOptional({ minLength: 1, maxLength: 1000, description: 'What is wrong; required for MISINFORMATION' })
  @ValidateIf((o: CreateFlagDto) => o.reason === 'MISINFORMATION' || o.details !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'details are required: say what is wrong' })
  @MaxLength(1000)
  details?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000, description: 'A source supporting the report (MISINFORMATION)' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { message: 'sourceUrl must be an http(s) URL' })
  sourceUrl?: string;
}

export class FlagResultDto {
  @ApiProperty({ description: 'False when you already had an open flag on this comment (nothing changed)' })
  created: boolean;

  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ enum: READER_FLAG_REASONS })
  reason: string;
}
