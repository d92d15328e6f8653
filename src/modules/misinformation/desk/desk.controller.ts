import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientGone } from '../../../common/http/client-gone';
import { ApiProblems } from '../../../common/http/problem.dto';
import { CampaignsService } from './campaigns.service';
import { DeskQueueService } from './desk-queue.service';
import { CampaignQueryDto, CampaignsDto } from './dto/campaign.dto';
import { DeskQueueDto } from './dto/desk-queue.dto';

@ApiTags('misinformation desk')
@ApiBearerAuth()
@Controller('desk')
export class DeskController {
  constructor(
    private readonly queueService: DeskQueueService,
    private readonly campaignsService: CampaignsService,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: 'Comments with open misinformation reports by reach and age, with targets and overdue marks; claims due for review' })
  @ApiOkResponse({ type: DeskQueueDto })
  @ApiProblems(401, 403)
  queue(): Promise<DeskQueueDto> {
    return this.queueService.queue();
  }

  @Get('campaigns')
  @ApiOperation({ summary: 'Near-identical text from many accounts in a short time (possible campaigns)' })
  @ApiOkResponse({ type: CampaignsDto })
  @ApiProblems(400, 401, 403)
  campaigns(@Query() query: CampaignQueryDto, @ClientGone() gone: AbortSignal): Promise<CampaignsDto> {
    return this.campaignsService.campaigns(query.hours ?? 6, query.minAccounts ?? 5, gone);
  }
}
