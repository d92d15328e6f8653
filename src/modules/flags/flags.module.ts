import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module';
import { EventsModule } from '../events/events.module';
import { FlagsController } from './flags.controller';
import { FlagsRepository } from './flags.repository';
import { FlagsService } from './flags.service';

@Module({
  imports: [CommentsModule, EventsModule],
  controllers: [FlagsController],
  providers: [FlagsService, FlagsRepository],
  exports: [FlagsService],
})
export class FlagsModule {}
