import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ArticlesModule } from '../articles/articles.module';
import { EventsModule } from '../events/events.module';
import { WordListsModule } from '../wordlists/wordlists.module';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { ImportedCommentsRepository } from './import/imported-comments.repository';
import { ImportedCommentsService } from './import/imported-comments.service';
import { CheckRunner } from './pipeline/check-runner';
import { LocalModelRegistry } from './pipeline/scorer/local-model-registry';
import { ScorerModelsRepository } from './pipeline/scorer/scorer-models.repository';
import { ScorerSet } from './pipeline/scorer/scorer-set';
import { ReactionsController } from './reactions/reactions.controller';
import { ReactionsRepository } from './reactions/reactions.repository';
import { ReactionsService } from './reactions/reactions.service';
import { ThreadRepository } from './thread/thread.repository';
import { ThreadService } from './thread/thread.service';

@Module({
  imports: [ArticlesModule, EventsModule, WordListsModule],
  controllers: [CommentsController, ReactionsController],
  providers: [
    ScorerModelsRepository,
    LocalModelRegistry,
    {
      // One set per instance: each provider's circuit breaker lives here.
      provide: ScorerSet,
      inject: [APP_CONFIG, LocalModelRegistry],
      useFactory: (config: AppConfig, models: LocalModelRegistry) => new ScorerSet(config.moderation, () => models.current()),
    },
    CheckRunner,
    CommentsService,
    CommentsRepository,
    ThreadService,
    ThreadRepository,
    ReactionsService,
    ReactionsRepository,
    ImportedCommentsService,
    ImportedCommentsRepository,
  ],
  exports: [CommentsService, ThreadService, ImportedCommentsService],
})
export class CommentsModule {}
