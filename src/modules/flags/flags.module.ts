import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module';
import { MisinformationModule } from '../misinformation/misinformation.module';
import { FlagsController } from './flags.controller';
import { FlagsRepository } from './flags.repository';
import { FlagsService } from './flags.service';

@Module({
  imports: [CommentsModule, MisinformationModule],
  controllers: [FlagsController],
  providers: [FlagsService, FlagsRepository],
  exports: [FlagsService],
})
export class FlagsModule {}
