import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommentsModule } from '../comments/comments.module';
import { UsersModule } from '../users/users.module';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { UserErasureRepository } from './user-data/user-erasure.repository';
import { UserExporter } from './user-data/user-export';

/** The signed-in user's own account: /api/me, its export and its deletion (touches every module's rows). */
@Module({
  imports: [UsersModule, AuditModule, CommentsModule],
  controllers: [AccountController],
  providers: [AccountService, UserExporter, UserErasureRepository],
})
export class AccountModule {}
