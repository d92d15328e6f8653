import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClaimsRepository } from './desk/claims.repository';
import { ClaimsService } from './desk/claims.service';
import { CommentLabelController, DeskController } from './desk/desk.controller';

@Module({
  imports: [AuditModule],
  controllers: [DeskController, CommentLabelController],
  providers: [ClaimsService, ClaimsRepository],
  exports: [ClaimsService],
})
export class MisinformationModule {}
