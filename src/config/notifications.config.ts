import { EnvReader } from './env-reader';

/** Read by the notifications module: the daily digest of notifications by mail. */
export interface NotificationSettings {
  /** Run the digest job in this process (any number of instances may: each user's digest is claimed by a row). */
  notificationsDigestWorker: boolean;
  /** The UTC hour a day's digest period ends and its mail goes out. */
  notificationsDigestHourUtc: number;
  /** How often the job looks whether a period has ended with digests still to send. */
  notificationsDigestPollMinutes: number;
}

export function readNotificationSettings(r: EnvReader): NotificationSettings {
  return {
    notificationsDigestWorker: r.bool('NOTIFICATIONS_DIGEST_WORKER', true),
    notificationsDigestHourUtc: r.int('NOTIFICATIONS_DIGEST_HOUR_UTC', 7, 0, 23),
    notificationsDigestPollMinutes: r.int('NOTIFICATIONS_DIGEST_POLL_MINUTES', 10, 1, 1440),
  };
}
