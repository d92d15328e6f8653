import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { SLUG_PATTERN } from '../../../common/text/slug';
import { ModerationMode } from '../../../generated/prisma/enums';

const SLUG_MESSAGE = 'slug must be lowercase letters, digits and single hyphens';
const URL_MESSAGE = 'url must be an absolute http(s) URL';
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/**
 * Optional, but not nullable: validated whenever present, so `null` is refused (400) instead of
 * reaching the service or a NOT NULL column. (@IsOptional skips null as well as undefined.)
 */
const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class CreateArticleDto {
  @ApiProperty({ example: 'https://news.example/2026/11/town-retaken', description: 'Canonical URL on the news site.' })
  @IsString()
  @MaxLength(2000)
  @Matches(ABSOLUTE_HTTP_URL, { message: URL_MESSAGE })
  url: string;

  @ApiProperty({ example: 'Conflicting reports over who holds the river crossing', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'town-retaken', description: 'Derived from the title when omitted.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(120)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  standfirst?: string;

  @ApiPropertyOptional({ maxLength: 100000, description: 'Optional: many sites register only metadata.' })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  body?: string;

  @ApiPropertyOptional({ example: 'Mara Quint', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  authorName?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  authorBio?: string;

  @ApiPropertyOptional({ example: 'Middle East', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  section?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Defaults to now.' })
  @OptionalNotNull()
  @Type(() => Date)
  @IsDate({ message: 'publishedAt must be an ISO 8601 date-time' })
  publishedAt?: Date;

  @ApiPropertyOptional({ type: [String], example: ['Syria', 'Islamic State'], description: 'Tag names or slugs; unknown ones are created.' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  commentsOpen?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When commenting closes. Defaults to publishedAt + COMMENTS_CLOSE_AFTER_DAYS; null = never.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Type(() => Date)
  @IsDate({ message: 'commentsCloseAt must be an ISO 8601 date-time or null' })
  commentsCloseAt?: Date | null;

  @ApiPropertyOptional({ enum: ModerationMode, default: ModerationMode.POST })
  @OptionalNotNull()
  @IsEnum(ModerationMode)
  moderationMode?: ModerationMode;

  @ApiPropertyOptional({ default: false, description: 'Hold every comment with a link for review, whoever posts it.' })
  @OptionalNotNull()
  @IsBoolean()
  holdLinks?: boolean;
}

/** Every field optional; `null` is refused where the column cannot be empty (url, title, slug...). */
export class UpdateArticleDto extends PartialType(CreateArticleDto, { skipNullProperties: false }) {}

/** The embed's lazy registration: look an article up by URL, creating it the first time. */
export class ResolveArticleDto {
  @ApiProperty({ example: 'https://news.example/2026/11/town-retaken' })
  @IsString()
  @MaxLength(2000)
  @Matches(ABSOLUTE_HTTP_URL, { message: URL_MESSAGE })
  url: string;

  @ApiPropertyOptional({ description: 'Used only when the article is created; defaults to the URL.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  section?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'publishedAt must be an ISO 8601 date-time' })
  publishedAt?: Date;
}
