import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ApiProblems } from '../../../common/http/problem.dto';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ClientGone } from '../../../common/http/client-gone';
import { CampaignQueryDto, ClaimListQueryDto, CreateClaimDto, LabelDto, LinkCommentDto, VerdictDto } from './desk.dto';
import { ClaimsService } from './claims.service';

const OBJECT = { schema: { type: 'object', additionalProperties: true } } as const;

@ApiTags('misinformation desk')
@ApiBearerAuth()
@Controller('desk')
export class DeskController {
  constructor(private readonly claims: ClaimsService) {}

  @Get('queue')
  @ApiOperation({ summary: 'Comments with open misinformation reports by reach and age, with targets and overdue marks; claims due for review' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(401, 403)
  queue() {
    return this.claims.queue();
  }

  @Get('campaigns')
  @ApiOperation({ summary: 'Near-identical text from many accounts in a short time (possible campaigns)' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(400, 401, 403)
  campaigns(@Query() query: CampaignQueryDto, @ClientGone() gone: AbortSignal) {
    return this.claims.campaigns(query.hours ?? 6, query.minAccounts ?? 5, gone);
  }

  @Post('claims')
  @HttpCode(201)
  @ApiOperation({ summary: 'Write a claim (a short neutral statement), optionally linking comments' })
  @ApiCreatedResponse(OBJECT)
  @ApiProblems(400, 401, 403, 404, 413)
  create(@CurrentUser() user: Principal, @Body() dto: CreateClaimDto) {
    return this.claims.create(user, dto);
  }

  @Get('claims')
  @ApiOperation({ summary: 'Claims, newest first, with their current verdict' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(400, 401, 403)
  list(@Query() query: ClaimListQueryDto) {
    return this.claims.list(query);
  }

  @Get('claims/:id')
  @ApiOperation({ summary: 'A claim with its verdict history and linked comments' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(401, 403, 404)
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.claims.get(id);
  }

  @Get('claims/:id/proposals')
  @ApiOperation({ summary: 'Comments that repeat the claim (trigram similarity), not yet linked' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(401, 403, 404)
  proposals(@Param('id', ParseUuidPipe) id: string) {
    return this.claims.proposals(id);
  }

  @Post('claims/:id/comments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a comment to the claim' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(400, 401, 403, 404, 413)
  link(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: LinkCommentDto) {
    return this.claims.link(user, id, dto.commentId);
  }

  @Delete('claims/:id/comments/:commentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink a comment from the claim' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async unlink(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Param('commentId', ParseUuidPipe) commentId: string) {
    await this.claims.unlink(user, id, commentId);
  }

  @Post('claims/:id/verdicts')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a new verdict version; every linked comment shows it at once' })
  @ApiCreatedResponse(OBJECT)
  @ApiProblems(400, 401, 403, 404, 413)
  verdict(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: VerdictDto) {
    return this.claims.issueVerdict(user, id, dto);
  }
}

@ApiTags('misinformation desk')
@ApiBearerAuth()
@Controller('comments/:id/label')
export class CommentLabelController {
  constructor(private readonly claims: ClaimsService) {}

  @Put()
  @ApiOperation({ summary: 'Label a single comment without a claim (a label never hides it)' })
  @ApiOkResponse({ type: LabelDto })
  @ApiProblems(400, 401, 403, 404, 413)
  label(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: VerdictDto): Promise<LabelDto> {
    return this.claims.label(user, id, dto);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a comment’s own label' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async unlabel(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.claims.unlabel(user, id);
  }
}
