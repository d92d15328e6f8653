import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { RequireActiveUser } from '../../common/auth/active-user.guard';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { CommentsService } from './comments.service';
import {
  CommentCountsDto,
  CommentCountsQueryDto,
  CommentDto,
  CommentRevisionDto,
  CommentSourceDto,
  CreateCommentDto,
  EditCommentDto,
  PermalinkDto,
  RepliesPageDto,
  RepliesQueryDto,
  ThreadPageDto,
  ThreadQueryDto,
} from './dto/comment.dto';
import { ThreadService } from './thread/thread.service';

@ApiTags('comments')
@Controller()
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly threads: ThreadService,
  ) {}

  @Get('articles/:id/comments')
  @ApiOperation({ summary: 'A page of top-level comments with their first replies in thread order' })
  @ApiParam({ name: 'id', description: 'Article id or slug' })
  @ApiOkResponse({ type: ThreadPageDto })
  @ApiProblems(400, 404)
  page(@Param('id') id: string, @Query() query: ThreadQueryDto, @CurrentUser() user?: Principal): Promise<ThreadPageDto> {
    return this.threads.page(id, query, user);
  }

  @Post('articles/:id/comments')
  @HttpCode(201)
  @RateLimit('post')
  @RequireActiveUser()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Post a comment or a reply; a retry with the same Idempotency-Key returns the first result' })
  @ApiParam({ name: 'id', description: 'Article id or slug' })
  @ApiHeader({ name: 'idempotency-key', required: false, description: '8–128 characters; retries with the same key never create a duplicate' })
  @ApiCreatedResponse({ type: CommentDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 422, 429)
  post(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() dto: CreateCommentDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<CommentDto> {
    return this.comments.post(user, id, dto, key);
  }

  @Get('comments/:id')
  @ApiOperation({ summary: 'A comment with its ancestors (for permalinks) and first replies' })
  @ApiOkResponse({ type: PermalinkDto })
  @ApiProblems(404)
  permalink(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user?: Principal): Promise<PermalinkDto> {
    return this.threads.permalink(id, user);
  }

  @Get('comments/:id/replies')
  @ApiOperation({ summary: 'More replies of a comment, in thread order, each with its first replies' })
  @ApiOkResponse({ type: RepliesPageDto })
  @ApiProblems(400, 404)
  replies(@Param('id', ParseUuidPipe) id: string, @Query() query: RepliesQueryDto, @CurrentUser() user?: Principal): Promise<RepliesPageDto> {
    return this.threads.replies(id, query, user);
  }

  @Patch('comments/:id')
  @RequireActiveUser()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit your comment within the edit window; every revision is kept' })
  @ApiOkResponse({ type: CommentDto })
  @ApiProblems(400, 401, 403, 404, 409, 413)
  edit(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: EditCommentDto): Promise<CommentDto> {
    return this.comments.edit(user, id, dto);
  }

  @Delete('comments/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delete your comment: a tombstone keeps its replies in place' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 409)
  async remove(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.comments.delete(user, id);
  }

  @Get('comments/:id/source')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The Markdown source of your own comment, to edit it (its author only; 404 for anyone else)' })
  @ApiOkResponse({ type: CommentSourceDto })
  @ApiProblems(401, 404)
  source(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<CommentSourceDto> {
    return this.comments.source(user, id);
  }

  @Get('comments/:id/revisions')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every revision of a comment (moderators, fact-checkers, admins)' })
  @ApiOkResponse({ type: [CommentRevisionDto] })
  @ApiProblems(401, 403, 404)
  revisions(@Param('id', ParseUuidPipe) id: string): Promise<CommentRevisionDto[]> {
    return this.comments.revisions(id);
  }

  @Get('comment-counts')
  @ApiOperation({ summary: 'Visible-comment counts of many articles at once (for article lists)' })
  @ApiOkResponse({ type: CommentCountsDto })
  @ApiProblems(400)
  counts(@Query() query: CommentCountsQueryDto): Promise<CommentCountsDto> {
    return this.threads.counts(query.articles.split(','));
  }
}
