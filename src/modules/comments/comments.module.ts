import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { ReactionsController } from './reactions/reactions.controller';
import { ReactionsRepository } from './reactions/reactions.repository';
import { ReactionsService } from './reactions/reactions.service';
import { ThreadRepository } from './thread/thread.repository';
import { ThreadService } from './thread.service';

@Module({
  imports: [ArticlesModule],
  controllers: [CommentsController, ReactionsController],
  providers: [CommentsService, CommentsRepository, ThreadService, ThreadRepository, ReactionsService, ReactionsRepository],
  exports: [CommentsService, ThreadService],
})
export class CommentsModule {}
