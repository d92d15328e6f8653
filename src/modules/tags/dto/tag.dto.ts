import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '../../../common/text/slug';

export class CreateTagDto {
  @ApiProperty({ example: 'Islamic State', maxLength: 60 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name: string;

  @ApiPropertyOptional({ example: 'islamic-state', description: 'Derived from the name when omitted.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters, digits and single hyphens' })
  slug?: string;
}

/** Rename: a new display name, a new slug, or both. */
export class UpdateTagDto {
  @ApiPropertyOptional({ example: 'Islamic State (ISIS)', maxLength: 60 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name?: string;

  @ApiPropertyOptional({ example: 'isis' })
  @IsOptional()
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
