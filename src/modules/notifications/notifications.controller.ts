import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import {
  MarkedReadDto,
  NotificationListQueryDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  UnreadCountDto,
  UnsubscribedDto,
  UnsubscribeQueryDto,
} from './dto/notification.dto';
import { notificationError } from './notifications.errors';
import { NotificationsService } from './notifications.service';
import { UnsubscribeLinks } from './unsubscribe-links';
import { unsubscribeConfirmPage, unsubscribedPage } from './unsubscribe-page';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class MyNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications, newest first (cursor pages), with the unread count; unread=true for unread ones only' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400, 401)
  list(@CurrentUser() user: Principal, @Query() q: NotificationListQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(user, q);
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiProblems(401)
  unreadCount(@CurrentUser() user: Principal): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(user);
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: MarkedReadDto })
  @ApiProblems(401)
  markAllRead(@CurrentUser() user: Principal): Promise<MarkedReadDto> {
    return this.notifications.markAllRead(user);
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read (again: no change)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 404)
  async markRead(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.notifications.markRead(user, id);
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: 'My mail preferences for notifications (defaults until I save my own)' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems(401)
  preferences(@CurrentUser() user: Principal): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(user);
  }

  @Put('notification-preferences')
  @ApiOperation({ summary: 'Set my mail preferences: cadence (IMMEDIATE, DAILY digest, OFF) and, per kind, mail on or off' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems(400, 401, 413)
  savePreferences(@CurrentUser() user: Principal, @Body() dto: NotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.notifications.savePreferences(user, dto);
  }
}

/** The links in notification mail: no session, the signed token says whose mail to turn off. */
@ApiTags('notifications')
@Controller('notifications')
export class UnsubscribeController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly links: UnsubscribeLinks,
  ) {}

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058): turns off the mail the token names',
    description:
      'What mail programs POST (body List-Unsubscribe=One-Click, form-encoded; any or no body is accepted). A browser form gets a short HTML page (Accept: text/html), others JSON.',
  })
  @ApiOkResponse({ type: UnsubscribedDto })
  @ApiProblems(400, 404)
  async unsubscribe(@Query() q: UnsubscribeQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<UnsubscribedDto | string> {
    const result = await this.notifications.unsubscribe(q.token);
    if (!accept?.includes('text/html')) return result;
    res.type('html');
    return unsubscribedPage(result.unsubscribed);
  }

  @Get('unsubscribe')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'The unsubscribe link opened in a browser: a page with one button that does the POST',
    description: 'Changes nothing by itself: mail scanners open links in mail, and must not unsubscribe anyone.',
  })
  @ApiOkResponse({ description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  async confirm(@Query() q: UnsubscribeQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const claim = await this.links.verify(q.token);
    if (!claim) throw notificationError('UNSUBSCRIBE_TOKEN_INVALID', 'This unsubscribe link is not valid. Change your mail settings from your account instead.');
    res.type('html');
    return unsubscribeConfirmPage(claim.topic, q.token);
  }
}
