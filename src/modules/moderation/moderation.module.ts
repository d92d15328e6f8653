import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommentsModule } from '../comments/comments.module';
import { EventsModule } from '../events/events.module';
import { FlagsModule } from '../flags/flags.module';
import { UsersModule } from '../users/users.module';
import { AssignmentsController } from './assignments/assignments.controller';
import { AssignmentsRepository } from './assignments/assignments.repository';
import { AssignmentsService } from './assignments/assignments.service';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';
import { AuthorDecisionsController, ModerationController } from './moderation.controller';
import { QueuesRepository } from './queues/queues.repository';
import { QueuesService } from './queues/queues.service';

@Module({
  imports: [CommentsModule, EventsModule, FlagsModule, UsersModule, AuditModule],
  controllers: [ModerationController, AssignmentsController, AuthorDecisionsController],
  providers: [QueuesService, QueuesRepository, AssignmentsService, AssignmentsRepository, DecisionsService, DecisionsRepository],
  exports: [DecisionsService, QueuesService],
})
export class ModerationModule {}
