import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import { ArticlesService } from './articles.service';
import { CreateArticleDto, ResolveArticleDto, UpdateArticleDto } from './dto/article-input.dto';
import { ArticleListQueryDto } from './dto/article-query.dto';
import { ArticleDto, ArticlePageDto } from './dto/article-response.dto';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  @ApiOperation({ summary: 'List articles, newest first (keyset pagination; filter by tag or section)' })
  @ApiOkResponse({ type: ArticlePageDto })
  @ApiProblems(400)
  list(@Query() query: ArticleListQueryDto): Promise<ArticlePageDto> {
    return this.articles.list(query);
  }

  @Post('resolve')
  @ApiOperation({
    summary: 'Find an article by canonical URL, creating it on first sight',
    description:
      'What an embed calls when a comment section loads. Anyone may register URLs on ARTICLE_URL_HOSTS; other hosts need an admin. 200 when it existed, 201 when created.',
  })
  @ApiOkResponse({ type: ArticleDto, description: 'Existing article' })
  @ApiCreatedResponse({ type: ArticleDto, description: 'Article created' })
  @ApiProblems(400, 401, 403, 413)
  async resolve(
    @Body() dto: ResolveArticleDto,
    @CurrentUser() user: Principal | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleDto> {
    const { article, created } = await this.articles.resolve(dto, user?.role === 'ADMIN');
    res.status(created ? 201 : 200);
    return article;
  }

  @Get(':idOrSlug')
  @ApiOperation({ summary: 'Get one article by id or slug' })
  @ApiParam({ name: 'idOrSlug', description: 'Article id (UUID) or slug' })
  @ApiOkResponse({ type: ArticleDto })
  @ApiProblems(404)
  get(@Param('idOrSlug') idOrSlug: string): Promise<ArticleDto> {
    return this.articles.get(idOrSlug);
  }

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create an article (admin)' })
  @ApiCreatedResponse({ type: ArticleDto })
  @ApiProblems(400, 401, 403, 409, 413, 422)
  create(@Body() dto: CreateArticleDto): Promise<ArticleDto> {
    return this.articles.create(dto);
  }

  @Patch(':id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Update some fields of an article (admin)' })
  @ApiOkResponse({ type: ArticleDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 422)
  update(@Param('id', ParseUuidPipe) id: string, @Body() dto: UpdateArticleDto): Promise<ArticleDto> {
    return this.articles.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delete an article and everything under it (admin)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  async remove(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.articles.remove(id);
  }
}
