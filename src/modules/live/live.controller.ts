import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import { clientIp } from '../../common/rate-limit/rate-limit.keys';
import { LiveService } from './live.service';

const LAST_EVENT_ID = {
  name: 'Last-Event-ID',
  required: false,
  description: 'The id of the last event received (EventSource sends it when reconnecting): the stream starts with the events missed since, or with `reset` when they are no longer kept',
};

const EVENT_STREAM = {
  description: 'A Server-Sent Events stream (text/event-stream) that stays open: `retry:`, then messages with `id:` (outbox position), `event:` and JSON `data:`, and heartbeat comments. README "Live updates" lists the messages.',
  content: { 'text/event-stream': { schema: { type: 'string' } } },
};

/** Server-Sent Events streams. The handlers write the response themselves (it stays open), after every check has passed. */
@ApiTags('live')
@Controller()
export class LiveController {
  constructor(private readonly live: LiveService) {}

  @Get('articles/:id/events')
  @ApiOperation({ summary: 'Live updates of an article’s thread for readers: visible comments posted, edited, shown and removed, reactions, labels and helpful notes' })
  @ApiProduces('text/event-stream')
  @ApiHeader(LAST_EVENT_ID)
  @ApiOkResponse(EVENT_STREAM)
  @ApiProblems(400, 404, 429)
  async article(@Param('id', ParseUuidPipe) id: string, @Headers('last-event-id') lastEventId: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.live.openArticle(res, clientIp(req), id, lastEventId);
  }

  @Get('moderation/events')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Live updates for moderators: queue counts and alerts, items held, flagged, urgent and decided, appeals decided' })
  @ApiProduces('text/event-stream')
  @ApiHeader(LAST_EVENT_ID)
  @ApiOkResponse(EVENT_STREAM)
  @ApiProblems(400, 401, 403, 429)
  async moderation(@Headers('last-event-id') lastEventId: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.live.openModeration(res, clientIp(req), lastEventId);
  }
}
