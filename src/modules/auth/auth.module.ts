import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { AccountTokensRepository } from './recovery/account-tokens.repository';
import { EmailVerificationService } from './recovery/email-verification.service';
import { PasswordsService } from './recovery/passwords.service';
import { RecoveryController } from './recovery/recovery.controller';
import { MeSecurityController } from './sessions/me-security.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';

@Module({
  imports: [UsersModule, AuditModule, MailModule],
  controllers: [AuthController, RecoveryController, MeSecurityController],
  providers: [AuthService, AuthRepository, AuthGuard, AccountTokensRepository, EmailVerificationService, PasswordsService, SessionsRepository, SessionsService],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}
