import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommentsModule } from '../comments/comments.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { UserErasureRepository } from './user-data/user-erasure.repository';
import { UserExporter } from './user-data/user-export';

@Module({
  imports: [UsersModule, AuditModule, CommentsModule],
  controllers: [AuthController, MeController],
  providers: [AuthService, AuthRepository, MeService, AuthGuard, UserExporter, UserErasureRepository],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}
