import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { SLUG_PATTERN } from '../../../common/text/slug';

export class CreateTagDto {
  @ApiProperty({ minLength: 1, example: 'Islamic State', maxLength: 60 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 60, example: 'islamic-state', description: 'Derived from the name when omitted.' })
  @Optional()
  @IsString()
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters, digits and single hyphens' })
  slug?: string;
}

/** Rename: a new display name, a new slug, or both. */
export class UpdateTagDto {
  @ApiPropertyOptional({ minLength: 1, example: 'Islamic State (ISIS)', maxLength: 60 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 60, example: 'isis' })
  @Optional()
  @IsString()
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters, digits and single hyphens' })
  slug?: string;
}

export class TagResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'syria' })
  slug: string;

  @ApiProperty({ example: 'Syria' })
  name: string;

  @ApiProperty({ example: 12, description: 'Articles carrying this tag.' })
  articleCount: number;
}

export class TagListResponseDto {
  @ApiProperty({ type: [TagResponseDto] })
  items: TagResponseDto[];
}

export class TagRefDto {
  @ApiProperty({ example: 'syria' })
  slug: string;

  @ApiProperty({ example: 'Syria' })
  name: string;
}
