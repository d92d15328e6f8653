import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { EventsModule } from '../events/events.module';
import { ModerationModule } from '../moderation/moderation.module';
import { LiveHub } from './live-hub';
import { LiveController } from './live.controller';
import { LiveService } from './live.service';

/** Live updates: Server-Sent Events streams for readers (per article) and moderators, fed from the event outbox. */
@Module({
  imports: [ArticlesModule, EventsModule, ModerationModule],
  controllers: [LiveController],
  providers: [LiveHub, LiveService],
})
export class LiveModule {}
