import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { SLUG_PATTERN } from '../../../common/text/slug';

export class ArticleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'syria', description: 'Only articles with this tag slug.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: 'tag must be a tag slug' })
  tag?: string;

  @ApiPropertyOptional({ example: 'Middle East', description: 'Only articles in this section.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  section?: string;
}
