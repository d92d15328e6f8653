import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';
import { TaggedArticlesController } from './tagged-articles.controller';

@Module({
  imports: [TagsModule],
  controllers: [ArticlesController, TaggedArticlesController],
  providers: [ArticlesService, ArticlesRepository],
  exports: [ArticlesService],
})
export class ArticlesModule {}
