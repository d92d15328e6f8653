import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { PrismaService } from '../../../database/prisma.service';
import { AuditService } from '../../audit/audit.service';
import { MailService } from '../../mail/mail.service';
import { UsersService } from '../../users/users.service';
import { authError } from '../auth.errors';
import { AuthService } from '../auth.service';
import { verifyPassword } from '../password';
import { SessionsRepository } from '../sessions/sessions.repository';
import { passwordResetMail } from './account-mail';
import { hashAccountToken, looksLikeAccountToken, newAccountToken } from './account-token';
import { AccountTokensRepository } from './account-tokens.repository';

const MINUTE_MS = 60 * 1000;

/** Password change (signed in) and password reset by a mailed single-use link. */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly tokens: AccountTokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** PUT /api/me/password: the current password proves it is the owner; other sessions end, this one stays. */
  async change(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(principal.id);
    if (!user?.passwordHash) throw authError('NO_PASSWORD', 'Your account signs in through the news site and has no password here.');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw authError('WRONG_PASSWORD', 'The current password is wrong.');
    this.auth.checkNewPassword(newPassword, user);
    const hash = await this.auth.hashNewPassword(newPassword);
    await this.prisma.$transaction(async (tx) => {
      await this.users.setPasswordHash(user.id, hash, tx);
      const revoked = await this.sessions.revokeAllBut(user.id, principal.sessionId, tx);
      await this.audit.record({ kind: 'PASSWORD_CHANGED', actorId: user.id, subjectUserId: user.id, data: { sessionsRevoked: revoked } }, tx);
    });
  }

  /**
   * POST /api/auth/password-reset. Answers the same whether or not the email belongs to an
   * account (the caller learns nothing); only an account with a password gets a link.
   */
  async request(email: string): Promise<void> {
    if (!this.mail.enabled) throw authError('MAIL_DISABLED', 'This server sends no mail, so passwords cannot be reset by email; ask the site.');
    const user = await this.users.findByEmail(email);
    if (!user || !user.email || !user.passwordHash || user.deletedAt || user.placeholder) return;
    const token = newAccountToken('PASSWORD_RESET');
    const minutes = this.config.passwordResetTokenMinutes;
    const address = user.email;
    await this.prisma.$transaction(async (tx) => {
      await this.tokens.replaceToken(user.id, 'PASSWORD_RESET', hashAccountToken(token), new Date(Date.now() + minutes * MINUTE_MS), tx);
      await this.mail.enqueue(tx, passwordResetMail(address, token, this.config.publicUrl, minutes));
    });
  }

  /** POST /api/auth/password-reset/confirm: sets the password, ends every session and uses the token, together. */
  async confirm(token: string, newPassword: string): Promise<void> {
    const hash = looksLikeAccountToken(token, 'PASSWORD_RESET') ? hashAccountToken(token) : null;
    const stored = hash === null ? null : await this.tokens.findByHash('PASSWORD_RESET', hash);
    if (hash === null || stored === null || stored.usedAt !== null) {
      throw authError('RESET_TOKEN_INVALID', 'This reset link is not valid or was already used; ask for a new one.');
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw authError('RESET_TOKEN_EXPIRED', 'This reset link has expired; ask for a new one.');
    const user = await this.users.findById(stored.userId);
    if (!user || user.deletedAt) throw authError('RESET_TOKEN_INVALID', 'This reset link is not valid; ask for a new one.');
    this.auth.checkNewPassword(newPassword, user);
    const passwordHash = await this.auth.hashNewPassword(newPassword);
    await this.prisma.$transaction(async (tx) => {
      if ((await this.tokens.consume('PASSWORD_RESET', hash, tx)) !== user.id) {
        throw authError('RESET_TOKEN_INVALID', 'This reset link was just used or has expired; ask for a new one.');
      }
      await this.users.setPasswordHash(user.id, passwordHash, tx);
      const revoked = await this.sessions.revokeAllBut(user.id, null, tx);
      await this.audit.record({ kind: 'PASSWORD_RESET', actorId: user.id, subjectUserId: user.id, data: { sessionsRevoked: revoked } }, tx);
      // The link reached the mailbox: that proves the address as well as a verification link would.
      if (await this.users.markEmailVerified(user.id, tx)) {
        await this.audit.record({ kind: 'EMAIL_VERIFIED', actorId: user.id, subjectUserId: user.id, data: { via: 'password_reset' } }, tx);
      }
    });
  }
}
