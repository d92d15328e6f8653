import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlaceholderAccountsRepository } from './placeholders/placeholder-accounts.repository';
import { PlaceholderAccountsService } from './placeholders/placeholder-accounts.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UsersService, UsersRepository, PlaceholderAccountsService, PlaceholderAccountsRepository],
  exports: [UsersService, PlaceholderAccountsService],
})
export class UsersModule {}
