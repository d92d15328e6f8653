import { Injectable } from '@nestjs/common';
import { Principal } from '../../common/auth/principal';
import { commonError } from '../../common/errors/app-error';
import { dateFromCursor, decodeCursor, Page, toPage } from '../../common/pagination/cursor';
import { MarkedReadDto, NotificationDto, NotificationPreferencesDto, UnreadCountDto, UnsubscribedDto } from './dto/notification.dto';
import { DEFAULT_PREFERENCES } from './notification-kinds';
import { COLUMN_OF, columnsOf, preferencesOf, toPreferencesResponse, withoutTopic } from './notification-preferences';
import { toNotificationResponse } from './notification-view';
import { notificationError } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';
import { UnsubscribeLinks } from './unsubscribe-links';

const DEFAULT_LIMIT = 20;

/** A reader's notifications in the app, their mail preferences, and the unsubscribe links' effect. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly links: UnsubscribeLinks,
  ) {}

  async list(user: Principal, q: { limit?: number; cursor?: string; unread?: 'true' | 'false' }): Promise<Page<NotificationDto> & { unreadCount: number }> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    let after: { createdAt: Date; id: string } | null = null;
    if (q.cursor) {
      const key = decodeCursor<{ t: string; i: string }>(q.cursor, { t: 'string', i: 'string' });
      after = { createdAt: dateFromCursor(key.t), id: key.i };
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(after.id)) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    }
    const rows = await this.repo.findPage(user.id, { unreadOnly: q.unread === 'true', after, limit });
    const page = toPage(rows, limit, (r) => ({ t: r.createdAt.toISOString(), i: r.id }), toNotificationResponse);
    return { ...page, unreadCount: await this.repo.countUnread(user.id) };
  }

  async unreadCount(user: Principal): Promise<UnreadCountDto> {
    return { unreadCount: await this.repo.countUnread(user.id) };
  }

  async markRead(user: Principal, id: string): Promise<void> {
    if (!(await this.repo.markRead(user.id, id))) throw notificationError('NOTIFICATION_NOT_FOUND', 'No notification of yours with this id.');
  }

  async markAllRead(user: Principal): Promise<MarkedReadDto> {
    return { marked: await this.repo.markAllRead(user.id) };
  }

  async preferences(user: Principal): Promise<NotificationPreferencesDto> {
    return toPreferencesResponse(preferencesOf(await this.repo.findPreferences(user.id)));
  }

  async savePreferences(user: Principal, dto: NotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    const row = await this.repo.savePreferences(user.id, columnsOf({ cadence: dto.cadence, email: { ...dto.email } }));
    return toPreferencesResponse(preferencesOf(row));
  }

  /** What an unsubscribe link does, without a session: the token names the user and what to turn off. */
  async unsubscribe(token: string): Promise<UnsubscribedDto> {
    const claim = await this.links.verify(token);
    if (!claim) throw notificationError('UNSUBSCRIBE_TOKEN_INVALID', 'This unsubscribe link is not valid. Change your mail settings from your account instead.');
    const owner = await this.repo.findAccount(claim.userId);
    if (!owner || owner.deletedAt) throw notificationError('UNSUBSCRIBE_ACCOUNT_GONE', 'The account this link was for no longer exists.');
    // One statement that changes only what the link names: two links clicked at once both count.
    const create = columnsOf(withoutTopic(DEFAULT_PREFERENCES, claim.topic));
    const change = claim.topic === 'all' ? { cadence: 'OFF' as const } : { [COLUMN_OF[claim.topic]]: false };
    const row = await this.repo.turnOff(claim.userId, create, change);
    return { unsubscribed: claim.topic, preferences: toPreferencesResponse(preferencesOf(row)) };
  }
}
