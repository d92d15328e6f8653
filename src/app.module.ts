import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ProblemFilter } from './common/errors/problem.filter';
import { loggerParams } from './common/http/logging';
import { RateLimitGuard } from './common/rate-limit/rate-limit.guard';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AccountModule } from './modules/account/account.module';
import { ApiIndexModule } from './modules/api-index/api-index.module';
import { ArticlesModule } from './modules/articles/articles.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthGuard } from './modules/auth/auth.guard';
import { AuthModule } from './modules/auth/auth.module';
import { CommentsModule } from './modules/comments/comments.module';
import { FlagsModule } from './modules/flags/flags.module';
import { HealthModule } from './modules/health/health.module';
import { HttpCacheModule } from './modules/http-cache/http-cache.module';
import { ImportModule } from './modules/import/import.module';
import { LiveModule } from './modules/live/live.module';
import { MailModule } from './modules/mail/mail.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { MisinformationModule } from './modules/misinformation/misinformation.module';
import { ModerationModule } from './modules/moderation/moderation.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { TagsModule } from './modules/tags/tags.module';
import { UsersModule } from './modules/users/users.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { WordListsModule } from './modules/wordlists/wordlists.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The resolved database URL (the embedded server's when DATABASE_URL is unset). */
  databaseUrl: string;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logStream }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logStream)),
        DatabaseModule.forRoot({
          url: databaseUrl,
          poolSize: config.databasePoolSize,
          statementTimeoutMs: config.databaseStatementTimeoutMs,
          replicas: { urls: config.databaseReplicaUrls, maxLagMs: config.replicaMaxLagMs, checkIntervalMs: config.replicaCheckIntervalMs },
        }),
        RateLimitModule,
        MetricsModule,
        HealthModule,
        ApiIndexModule,
        AuditModule,
        MailModule,
        UsersModule,
        AuthModule,
        AccountModule,
        TagsModule,
        ArticlesModule,
        CommentsModule,
        WordListsModule,
        FlagsModule,
        ModerationModule,
        MisinformationModule,
        ImportModule,
        LiveModule,
        HttpCacheModule,
        WebhooksModule,
        NotificationsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useExisting: AuthGuard },
        // After authentication, so that limits are per user when signed in.
        { provide: APP_GUARD, useExisting: RateLimitGuard },
      ],
    };
  }
}
