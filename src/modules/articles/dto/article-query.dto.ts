import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { SLUG_PATTERN } from '../../../common/text/slug';

export class ArticleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 60, example: 'syria', description: 'Only articles with this tag slug.' })
  @Optional()
  @IsString()
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: 'tag must be a tag slug' })
  tag?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Middle East', description: 'Only articles in this section.' })
  @Optional()
  @IsString()
  @MaxLength(100)
  section?: string;
}
