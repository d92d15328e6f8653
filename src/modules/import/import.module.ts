import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { CommentsModule } from '../comments/comments.module';
import { UsersModule } from '../users/users.module';
import { WxrExportRepository } from './export/wxr-export.repository';
import { WxrExportService } from './export/wxr-export.service';
import { ImportStagingService } from './import-staging.service';
import { ImportWriterService } from './import-writer.service';
import { ImportRepository } from './import.repository';
import { ImportService } from './import.service';

/** Bringing comments from WordPress or Disqus, and taking them back out as WXR. No routes: used by the CLI. */
@Module({
  imports: [ArticlesModule, CommentsModule, UsersModule],
  providers: [ImportService, ImportStagingService, ImportWriterService, ImportRepository, WxrExportService, WxrExportRepository],
  exports: [ImportService, WxrExportService],
})
export class ImportModule {}
