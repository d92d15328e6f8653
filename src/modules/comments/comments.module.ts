import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { EventsModule } from '../events/events.module';
import { WordListsModule } from '../wordlists/wordlists.module';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { CheckRunner } from './pipeline/check-runner';
import { ReactionsController } from './reactions/reactions.controller';
import { ReactionsRepository } from './reactions/reactions.repository';
import { ReactionsService } from './reactions/reactions.service';
import { ThreadRepository } from './thread/thread.repository';
import { ThreadService } from './thread/thread.service';

@Module({
  imports: [ArticlesModule, EventsModule, WordListsModule],
  controllers: [CommentsController, ReactionsController],
  providers: [CheckRunner, CommentsService, CommentsRepository, ThreadService, ThreadRepository, ReactionsService, ReactionsRepository],
  exports: [CommentsService, ThreadService],
})
export class CommentsModule {}
