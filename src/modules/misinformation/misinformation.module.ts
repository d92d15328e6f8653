import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { FlagsModule } from '../flags/flags.module';
import { CampaignsService } from './desk/campaigns.service';
import { ClaimAttachmentService } from './desk/claim-attachment.service';
import { ClaimReviewController } from './desk/claim-review.controller';
import { ClaimReviewService } from './desk/claim-review.service';
import { ClaimsController } from './desk/claims.controller';
import { ClaimsRepository } from './desk/claims.repository';
import { ClaimsService } from './desk/claims.service';
import { DeskQueueService } from './desk/desk-queue.service';
import { DeskController } from './desk/desk.controller';
import { CommentLabelController } from './desk/labels.controller';
import { LabelsService } from './desk/labels.service';
import { ReportResolutionController } from './desk/report-resolution.controller';
import { ReportResolutionService } from './desk/report-resolution.service';
import { VerdictsService } from './desk/verdicts.service';
import { ContextRequestsController } from './notes/context-requests.controller';
import { ContextRequestsRepository } from './notes/context-requests.repository';
import { ContextRequestsService } from './notes/context-requests.service';
import { NotesController } from './notes/notes.controller';
import { NotesRepository } from './notes/notes.repository';
import { NotesService } from './notes/notes.service';
import { TransparencyController } from './transparency/transparency.controller';
import { TransparencyRepository } from './transparency/transparency.repository';
import { TransparencyService } from './transparency/transparency.service';

@Module({
  imports: [AuditModule, ArticlesModule, EventsModule, FlagsModule],
  controllers: [
    DeskController,
    ClaimsController,
    ClaimReviewController,
    CommentLabelController,
    ReportResolutionController,
    NotesController,
    ContextRequestsController,
    TransparencyController,
  ],
  providers: [
    ClaimsRepository,
    ClaimsService,
    VerdictsService,
    LabelsService,
    ClaimAttachmentService,
    ReportResolutionService,
    DeskQueueService,
    CampaignsService,
    ClaimReviewService,
    ContextRequestsService,
    ContextRequestsRepository,
    NotesService,
    NotesRepository,
    TransparencyService,
    TransparencyRepository,
  ],
})
export class MisinformationModule {}
