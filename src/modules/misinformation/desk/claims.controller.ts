import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { ClaimAttachmentService } from './claim-attachment.service';
import { ClaimsService } from './claims.service';
import { ClaimDetailDto, ClaimListQueryDto, ClaimPageDto, CreateClaimDto, LinkCommentDto, ProposalsDto } from './dto/claim.dto';
import { ExternalReviewDto } from './dto/external-review.dto';
import { VerdictDto } from './dto/verdict.dto';
import { VerdictsService } from './verdicts.service';

@ApiTags('misinformation desk')
@ApiBearerAuth()
@Controller('desk/claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly verdicts: VerdictsService,
    private readonly attachment: ClaimAttachmentService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Write a claim (a short neutral statement), optionally linking comments' })
  @ApiCreatedResponse({ type: ClaimDetailDto })
  @ApiProblems(400, 401, 403, 404, 413)
  create(@CurrentUser() user: Principal, @Body() dto: CreateClaimDto): Promise<ClaimDetailDto> {
    return this.claims.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Claims, newest first, with their current verdict' })
  @ApiOkResponse({ type: ClaimPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: ClaimListQueryDto): Promise<ClaimPageDto> {
    return this.claims.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A claim with its verdict history and linked comments' })
  @ApiOkResponse({ type: ClaimDetailDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id', ParseUuidPipe) id: string): Promise<ClaimDetailDto> {
    return this.claims.get(id);
  }

  @Get(':id/proposals')
  @ApiOperation({ summary: 'Comments that repeat the claim (trigram similarity), not yet linked' })
  @ApiOkResponse({ type: ProposalsDto })
  @ApiProblems(401, 403, 404)
  proposals(@Param('id', ParseUuidPipe) id: string): Promise<ProposalsDto> {
    return this.attachment.proposals(id);
  }

  @Post(':id/comments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a comment to the claim' })
  @ApiOkResponse({ type: ClaimDetailDto })
  @ApiProblems(400, 401, 403, 404, 413)
  link(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: LinkCommentDto): Promise<ClaimDetailDto> {
    return this.claims.link(user, id, dto.commentId);
  }

  @Delete(':id/comments/:commentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink a comment from the claim' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async unlink(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Param('commentId', ParseUuidPipe) commentId: string): Promise<void> {
    await this.claims.unlink(user, id, commentId);
  }

  @Post(':id/verdicts')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a new verdict version; every linked comment shows it at once' })
  @ApiCreatedResponse({ type: ClaimDetailDto })
  @ApiProblems(400, 401, 403, 404, 413)
  verdict(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: VerdictDto): Promise<ClaimDetailDto> {
    return this.verdicts.issue(user, id, dto);
  }

  @Put(':id/external-review')
  @ApiOperation({ summary: 'Cite an external fact-check (URL, publisher, rating) instead of a verdict of its own: labels show its rating and link' })
  @ApiOkResponse({ type: ClaimDetailDto })
  @ApiProblems(400, 401, 403, 404, 413)
  citeExternal(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: ExternalReviewDto): Promise<ClaimDetailDto> {
    return this.verdicts.citeExternal(user, id, dto);
  }

  @Delete(':id/external-review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop citing the external fact-check (labels show the desk’s own verdict again, if any)' })
  @ApiOkResponse({ type: ClaimDetailDto })
  @ApiProblems(401, 403, 404)
  uncite(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<ClaimDetailDto> {
    return this.verdicts.citeExternal(user, id, null);
  }
}
