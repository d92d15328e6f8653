import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/problem.dto';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { TagsService } from '../tags/tags.service';
import { ArticlesService } from './articles.service';
import { TagWithArticlesDto } from './dto/article-response.dto';

/** `GET /tags/{slug}` lives here because a tag's page is an article query (tags sit below articles). */
@ApiTags('tags')
@Controller('tags')
export class TaggedArticlesController {
  constructor(
    private readonly tags: TagsService,
    private readonly articles: ArticlesService,
  ) {}

  @Get(':slug')
  @ApiOperation({ summary: 'Get a tag with a page of its articles, newest first' })
  @ApiOkResponse({ type: TagWithArticlesDto })
  @ApiProblems(400, 404)
  async get(@Param('slug') slug: string, @Query() page: PageQueryDto): Promise<TagWithArticlesDto> {
    const tag = await this.tags.get(slug);
    const articles = await this.articles.list({ ...page, tag: tag.slug });
    return { ...tag, articles };
  }
}
