import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ModerationMode } from '../../../generated/prisma/enums';
import { TagRefDto, TagResponseDto } from '../../tags/dto/tag.dto';

export class AuthorDto {
  @ApiProperty({ nullable: true, type: String })
  name: string | null;

  @ApiProperty({ nullable: true, type: String })
  bio: string | null;
}

export class CommentSettingsDto {
  @ApiProperty({ description: 'Whether new comments are accepted right now (setting and closing time).' })
  open: boolean;

  @ApiProperty({ description: 'The open/closed switch as set by an editor.' })
  enabled: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt: string | null;

  @ApiProperty({ enum: ModerationMode })
  moderationMode: ModerationMode;

  @ApiProperty({ description: 'Every comment with a link is held for review' })
  holdLinks: boolean;

  @ApiProperty({ type: [String], nullable: true, description: "The article's own automatic scorers ([] = none); null = the site's (MOD_SCORER)" })
  scorers: string[] | null;

  @ApiProperty({ description: 'Visible comments, exact' })
  count: number;
}

export class ArticleSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  url: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ nullable: true, type: String })
  standfirst: string | null;

  @ApiProperty({ type: AuthorDto })
  author: AuthorDto;

  @ApiProperty({ nullable: true, type: String })
  section: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ type: [TagRefDto] })
  tags: TagRefDto[];

  @ApiProperty({ type: CommentSettingsDto })
  comments: CommentSettingsDto;
}

export class ArticleDto extends ArticleSummaryDto {
  @ApiProperty({ nullable: true, type: String })
  body: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class ArticlePageDto {
  @ApiProperty({ type: [ArticleSummaryDto] })
  items: ArticleSummaryDto[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Cursor for the next page; null on the last.' })
  nextCursor: string | null;
}

export class TagWithArticlesDto extends TagResponseDto {
  @ApiProperty({ type: ArticlePageDto })
  articles: ArticlePageDto;
}
