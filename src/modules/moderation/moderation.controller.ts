import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import { DecisionsService } from './decisions/decisions.service';
import { AppealDecisionDto, AppealDto, StatementOfReasonsDto } from './dto/appeal.dto';
import { BanAndRejectDto, BulkDecideDto, BulkResultDto, DecideDto, DecisionResultDto } from './dto/decision.dto';
import { QueueCountsDto, QueueCountsQueryDto, QueuePageDto, QueueQueryDto } from './dto/queue.dto';
import { QUEUES } from './queues/queue-definitions';
import { QueuesService } from './queues/queues.service';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('moderation')
export class ModerationController {
  constructor(
    private readonly queues: QueuesService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get('queues')
  @ApiOperation({ summary: 'Every queue’s count (site-wide or for one article), busy articles, and open alerts' })
  @ApiOkResponse({ type: QueueCountsDto })
  @ApiProblems(400, 401, 403)
  counts(@Query() query: QueueCountsQueryDto): Promise<QueueCountsDto> {
    return this.queues.counts(query.article ?? null);
  }

  @Get('queues/:queue')
  @ApiOperation({ summary: 'A page of a queue: each item with its context, flags by reason, check reasons and the author’s history' })
  @ApiParam({ name: 'queue', enum: QUEUES })
  @ApiOkResponse({ type: QueuePageDto })
  @ApiProblems(400, 401, 403, 404)
  page(@Param('queue') queue: string, @Query() query: QueueQueryDto): Promise<QueuePageDto> {
    return this.queues.page(queue, query);
  }

  @Post('comments/:id/decisions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Approve, reject (reason code required), feature, unfeature or restore, pinned to the revision and status you saw; never on your own comment (403)' })
  @ApiCreatedResponse({ type: DecisionResultDto })
  @ApiProblems(400, 401, 403, 404, 409, 413)
  decide(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: DecideDto): Promise<DecisionResultDto> {
    return this.decisions.decide(user, id, dto);
  }

  @Post('decisions/bulk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Approve or reject up to 100 items, all or nothing' })
  @ApiCreatedResponse({ type: BulkResultDto })
  @ApiProblems(400, 401, 403, 409, 413)
  async bulk(@CurrentUser() user: Principal, @Body() dto: BulkDecideDto): Promise<BulkResultDto> {
    return { items: await this.decisions.bulk(user, dto) };
  }

  @Post('users/:id/ban')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ban a user and reject all their visible and held comments in one action' })
  @ApiOkResponse({ schema: { type: 'object', properties: { rejected: { type: 'integer' } } } })
  @ApiProblems(400, 401, 403, 404, 413)
  banAndReject(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: BanAndRejectDto): Promise<{ rejected: number }> {
    return this.decisions.banAndReject(user, id, dto);
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Uphold or overturn an appeal (not the moderator who decided the comment, nor its author); 409 when it was already settled' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string' } } } })
  @ApiProblems(400, 401, 403, 404, 409, 413)
  decideAppeal(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: AppealDecisionDto): Promise<{ status: string }> {
    return this.decisions.decideAppeal(user, id, dto);
  }
}

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('comments/:id')
export class AuthorDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('decision')
  @ApiOperation({ summary: 'Statement of reasons for the last decision on your comment' })
  @ApiOkResponse({ type: StatementOfReasonsDto })
  @ApiProblems(401, 404)
  statement(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<StatementOfReasonsDto> {
    return this.decisions.statement(user, id);
  }

  @Post('appeal')
  @HttpCode(201)
  @ApiOperation({ summary: 'Appeal the rejection of your comment (once)' })
  @ApiCreatedResponse({ type: StatementOfReasonsDto })
  @ApiProblems(400, 401, 404, 409, 413)
  appeal(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: AppealDto): Promise<StatementOfReasonsDto> {
    return this.decisions.appeal(user, id, dto.text);
  }
}
