import { errorFactory } from '../../common/errors/app-error';

export const NotificationErrors = {
  NOTIFICATION_NOT_FOUND: 404,
  /** Not a token this site signed (malformed, altered, or signed with another key). */
  UNSUBSCRIBE_TOKEN_INVALID: 400,
  /** Signed by this site, but the account is gone. */
  UNSUBSCRIBE_ACCOUNT_GONE: 404,
} as const;

export const notificationError = errorFactory(NotificationErrors);
