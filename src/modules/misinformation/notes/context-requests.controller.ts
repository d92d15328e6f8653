import { Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireActiveUser } from '../../../common/auth/active-user.guard';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';
import { ContextRequestsService } from './context-requests.service';
import { ContextRequestDto, MyContextRequestsDto, RequestedCommentsDto, RequestedCommentsQueryDto } from './dto/context-request.dto';

@ApiTags('context notes')
@ApiBearerAuth()
@Controller()
export class ContextRequestsController {
  constructor(private readonly requests: ContextRequestsService) {}

  @Put('comments/:id/context-request')
  @HttpCode(200)
  @RateLimit('react')
  @RequireActiveUser()
  @ApiOperation({ summary: 'Ask for context on a public comment ("this needs a note"); one request per reader per comment, a repeat changes nothing' })
  @ApiOkResponse({ type: ContextRequestDto })
  @ApiProblems(401, 403, 404, 429)
  request(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<ContextRequestDto> {
    return this.requests.set(user, id, true);
  }

  @Delete('comments/:id/context-request')
  @HttpCode(200)
  @RateLimit('react')
  @RequireActiveUser()
  @ApiOperation({ summary: 'Withdraw your request for context (withdrawing one you never made changes nothing)' })
  @ApiOkResponse({ type: ContextRequestDto })
  @ApiProblems(401, 403, 404, 429)
  withdraw(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<ContextRequestDto> {
    return this.requests.set(user, id, false);
  }

  @Get('articles/:id/context-requests/mine')
  @ApiOperation({ summary: 'Your requests for context on an article’s public comments (so a reader’s "this needs a note" stays marked)' })
  @ApiOkResponse({ type: MyContextRequestsDto })
  @ApiProblems(401, 404)
  mine(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<MyContextRequestsDto> {
    return this.requests.mineOnArticle(user, id);
  }

  @Get('notes/requested')
  @ApiOperation({ summary: 'For note writers: public comments readers asked context for, most requested first' })
  @ApiOkResponse({ type: RequestedCommentsDto })
  @ApiProblems(400, 401)
  requested(@Query() query: RequestedCommentsQueryDto): Promise<RequestedCommentsDto> {
    return this.requests.mostRequested(query.limit ?? 50);
  }
}
