import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuditModule } from '../audit/audit.module';
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
  imports: [AuditModule, ArticlesModule],
  controllers: [
    DeskController,
    ClaimsController,
    ClaimReviewController,
    CommentLabelController,
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
  // For comments and flags (attachment on posting and on reports, labels on thread reads, the
  // desk's resolution of reports linking a claim); phase B reverses this.
  exports: [ClaimAttachmentService, ClaimsService, LabelsService, NotesService],
})
export class MisinformationModule {}
