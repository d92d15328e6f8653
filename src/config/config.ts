/**
 * The one place that reads process.env. Everything is parsed and validated once at boot into a
 * typed, frozen AppConfig; a bad value stops the process with a message naming the setting.
 * Each section lives in `<reader>.config.ts` beside this file, named for the module that reads
 * it; config imports nothing else of Parley's, so every layer may depend on it.
 */

import { ArticleSettings, readArticleSettings } from './articles.config';
import { AuthSettings, readAuthSettings } from './auth.config';
import { CheckSettings, readCheckSettings } from './checks.config';
import { CommentSettings, readCommentSettings } from './comments.config';
import { DatabaseSettings, readDatabaseSettings } from './database.config';
import { ConfigError, Env, EnvReader } from './env-reader';
import { EventSettings, readEventSettings } from './events.config';
import { FlagSettings, readFlagSettings } from './flags.config';
import { HttpCacheSettings, readHttpCacheSettings } from './http-cache.config';
import { LiveSettings, readLiveSettings } from './live.config';
import { MailSettings, readMailSettings } from './mail.config';
import { MisinformationSettings, readMisinformationSettings } from './misinformation.config';
import { QueueSettings, readQueueSettings } from './moderation.config';
import { NotificationSettings, readNotificationSettings } from './notifications.config';
import { parseRateLimitConfig, RateLimitConfig } from './rate-limit.config';
import { readScorerSettings, ScorerSettings } from './scorers.config';
import { readServerSettings, ServerSettings } from './server.config';
import { readWebhookSettings, WebhookSettings } from './webhooks.config';

export { ConfigError } from './env-reader';

/** The moderation settings: posting checks, flags, queues, the desk and notes (env MOD_*, FLAG_*, DESK_*, NOTES_*). */
export interface ModerationSettings extends CheckSettings, ScorerSettings, FlagSettings, QueueSettings, MisinformationSettings {}

export interface AppConfig extends ServerSettings, DatabaseSettings, AuthSettings, ArticleSettings, CommentSettings {
  readonly events: EventSettings;
  readonly httpCache: HttpCacheSettings;
  readonly live: LiveSettings;
  readonly mail: MailSettings;
  readonly moderation: ModerationSettings;
  readonly notifications: NotificationSettings;
  readonly rateLimits: RateLimitConfig;
  readonly webhooks: WebhookSettings;
}

export function loadConfig(env: Env): AppConfig {
  const r = new EnvReader(env);
  const server = readServerSettings(r);
  const config: AppConfig = {
    ...server,
    ...readDatabaseSettings(r),
    ...readAuthSettings(r),
    ...readArticleSettings(r),
    ...readCommentSettings(r),
    events: readEventSettings(r),
    httpCache: readHttpCacheSettings(r),
    live: readLiveSettings(r),
    mail: readMailSettings(r, server.publicUrl),
    moderation: { ...readCheckSettings(r), ...readScorerSettings(r), ...readFlagSettings(r), ...readQueueSettings(r), ...readMisinformationSettings(r) },
    notifications: readNotificationSettings(r),
    rateLimits: parseRateLimitConfig(env, r.problems),
    webhooks: readWebhookSettings(r),
  };
  if (config.requireEmailVerification && config.mail.smtpUrl === null) {
    r.problems.push('REQUIRE_EMAIL_VERIFICATION=true needs SMTP_URL: readers could never receive their verification link');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}
