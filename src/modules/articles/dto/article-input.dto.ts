import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Optional, OptionalOrNull } from '../../../common/http/optional';
import { SLUG_PATTERN } from '../../../common/text/slug';
import { SCORER_NAMES, ScorerName } from '../../../config/scorers.config';
import { ModerationMode } from '../../../generated/prisma/enums';

const SLUG_MESSAGE = 'slug must be lowercase letters, digits and single hyphens';
const URL_MESSAGE = 'url must be an absolute http(s) URL';
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

export class CreateArticleDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'https://news.example/2026/11/town-retaken', description: 'Canonical URL on the news site.' })
  @IsString()
  @MaxLength(2000)
  @Matches(ABSOLUTE_HTTP_URL, { message: URL_MESSAGE })
  url: string;

  @ApiProperty({ minLength: 1, example: 'Conflicting reports over who holds the river crossing', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 120, example: 'town-retaken', description: 'Derived from the title when omitted.' })
  @Optional()
  @IsString()
  @MaxLength(120)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true, description: 'null clears it' })
  @OptionalOrNull()
  @IsString()
  @MaxLength(1000)
  standfirst?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 100000, nullable: true, description: 'Optional: many sites register only metadata. null clears it.' })
  @OptionalOrNull()
  @IsString()
  @MaxLength(100000)
  body?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Mara Quint', maxLength: 200, nullable: true, description: 'null clears it' })
  @OptionalOrNull()
  @IsString()
  @MaxLength(200)
  authorName?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true, description: 'null clears it' })
  @OptionalOrNull()
  @IsString()
  @MaxLength(2000)
  authorBio?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Middle East', minLength: 1, maxLength: 100, nullable: true, description: 'null clears it' })
  @OptionalOrNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  section?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Defaults to now.' })
  @Optional()
  @Type(() => Date)
  @IsDate({ message: 'publishedAt must be an ISO 8601 date-time' })
  publishedAt?: Date;

  @ApiPropertyOptional({ type: [String], example: ['Syria', 'Islamic State'], description: 'Tag names or slugs; unknown ones are created.' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  commentsOpen?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When commenting closes. Defaults to publishedAt + COMMENTS_CLOSE_AFTER_DAYS; null = never.',
  })
  @OptionalOrNull()
  @ValidateIf((_, v) => v !== null)
  @Type(() => Date)
  @IsDate({ message: 'commentsCloseAt must be an ISO 8601 date-time or null' })
  commentsCloseAt?: Date | null;

  @ApiPropertyOptional({ enum: ModerationMode, default: ModerationMode.POST })
  @Optional()
  @IsEnum(ModerationMode)
  moderationMode?: ModerationMode;

  @ApiPropertyOptional({ default: false, description: 'Hold every comment with a link for review, whoever posts it.' })
  @Optional()
  @IsBoolean()
  holdLinks?: boolean;

  @ApiPropertyOptional({
    type: [String],
    enum: SCORER_NAMES,
    nullable: true,
    description: "The automatic scorers for this article's comments, overriding MOD_SCORER; [] = none; null = the site's.",
  })
  @OptionalOrNull()
  @ValidateIf((_, v) => v !== null)
  @IsArray()
  @ArrayMaxSize(SCORER_NAMES.length)
  @ArrayUnique()
  @IsIn(SCORER_NAMES, { each: true, message: `scorers must name scorers from ${SCORER_NAMES.join(', ')}` })
  scorers?: ScorerName[] | null;
}

/** Every field optional; `null` is refused where the column cannot be empty (url, title, slug...). */
export class UpdateArticleDto extends PartialType(CreateArticleDto, { skipNullProperties: false }) {}

/** The embed's lazy registration: look an article up by URL, creating it the first time. */
export class ResolveArticleDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'https://news.example/2026/11/town-retaken' })
  @IsString()
  @MaxLength(2000)
  @Matches(ABSOLUTE_HTTP_URL, { message: URL_MESSAGE })
  url: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 300, description: 'Used only when the article is created; defaults to the URL.' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 100, nullable: true, description: 'Used only when the article is created' })
  @OptionalOrNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  section?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @Optional()
  @Type(() => Date)
  @IsDate({ message: 'publishedAt must be an ISO 8601 date-time' })
  publishedAt?: Date;
}
