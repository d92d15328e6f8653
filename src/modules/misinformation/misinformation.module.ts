import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuditModule } from '../audit/audit.module';
import { TransparencyController } from './transparency/transparency.controller';
import { TransparencyRepository } from './transparency/transparency.repository';
import { TransparencyService } from './transparency/transparency.service';
import { ClaimsRepository } from './desk/claims.repository';
import { ClaimsService } from './desk/claims.service';
import { CommentLabelController, DeskController } from './desk/desk.controller';
import { NotesController } from './notes/notes.controller';
import { NotesRepository } from './notes/notes.repository';
import { NotesService } from './notes/notes.service';

@Module({
  imports: [AuditModule, ArticlesModule],
  controllers: [DeskController, CommentLabelController, NotesController, TransparencyController],
  providers: [ClaimsService, ClaimsRepository, NotesService, NotesRepository, TransparencyService, TransparencyRepository],
  exports: [ClaimsService, NotesService],
})
export class MisinformationModule {}
