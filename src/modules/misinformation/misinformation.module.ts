import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { CampaignsService } from './desk/campaigns.service';
import { ClaimAttachmentService } from './desk/claim-attachment.service';
import { ClaimsController } from './desk/claims.controller';
import { ClaimsRepository } from './desk/claims.repository';
import { ClaimsService } from './desk/claims.service';
import { DeskQueueService } from './desk/desk-queue.service';
import { DeskController } from './desk/desk.controller';
import { CommentLabelController } from './desk/labels.controller';
import { LabelsService } from './desk/labels.service';
import { VerdictsService } from './desk/verdicts.service';
import { NotesController } from './notes/notes.controller';
import { NotesRepository } from './notes/notes.repository';
import { NotesService } from './notes/notes.service';
import { TransparencyController } from './transparency/transparency.controller';
import { TransparencyRepository } from './transparency/transparency.repository';
import { TransparencyService } from './transparency/transparency.service';

@Module({
  imports: [AuditModule, ArticlesModule, EventsModule],
  controllers: [DeskController, ClaimsController, CommentLabelController, NotesController, TransparencyController],
  providers: [
    ClaimsRepository,
    ClaimsService,
    VerdictsService,
    LabelsService,
    ClaimAttachmentService,
    DeskQueueService,
    CampaignsService,
    NotesService,
    NotesRepository,
    TransparencyService,
    TransparencyRepository,
  ],
})
export class MisinformationModule {}
