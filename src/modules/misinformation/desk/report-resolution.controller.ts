import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { ResolutionDto, ResolveReportsDto } from './dto/resolution.dto';
import { ReportResolutionService } from './report-resolution.service';

@ApiTags('misinformation desk')
@ApiBearerAuth()
@Controller('desk/comments/:id/resolution')
export class ReportResolutionController {
  constructor(private readonly resolution: ReportResolutionService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a comment’s open misinformation reports: LABELLED, LINKED_TO_CLAIM (with claimId) or NO_ISSUE; it leaves the desk queue' })
  @ApiOkResponse({ type: ResolutionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  resolve(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: ResolveReportsDto): Promise<ResolutionDto> {
    return this.resolution.resolve(user, id, dto);
  }
}
