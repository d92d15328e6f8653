import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WordListsController } from './wordlists.controller';
import { WordListsRepository } from './wordlists.repository';
import { WordListsService } from './wordlists.service';

@Module({
  imports: [AuditModule],
  controllers: [WordListsController],
  providers: [WordListsService, WordListsRepository],
  exports: [WordListsService],
})
export class WordListsModule {}
