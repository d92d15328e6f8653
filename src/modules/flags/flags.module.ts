import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommentsModule } from '../comments/comments.module';
import { MisinformationModule } from '../misinformation/misinformation.module';
import { DeskResolutionController } from './desk-resolution.controller';
import { FlagsController } from './flags.controller';
import { FlagsRepository } from './flags.repository';
import { FlagsService } from './flags.service';
import { MisinformationResolutionService } from './misinformation-resolution.service';

@Module({
  imports: [AuditModule, CommentsModule, MisinformationModule],
  controllers: [FlagsController, DeskResolutionController],
  providers: [FlagsService, FlagsRepository, MisinformationResolutionService],
  exports: [FlagsService],
})
export class FlagsModule {}
