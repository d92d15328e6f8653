import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { PrismaService, Tx } from '../../../database/prisma.service';
import { AuditService } from '../../audit/audit.service';
import { MailService } from '../../mail/mail.service';
import type { UserRow } from '../../users/users.repository';
import { UsersService } from '../../users/users.service';
import { authError } from '../auth.errors';
import { verificationMail } from './account-mail';
import { hashAccountToken, looksLikeAccountToken, newAccountToken } from './account-token';
import { AccountTokensRepository } from './account-tokens.repository';

const HOUR_MS = 60 * 60 * 1000;

/** Email verification: a mailed single-use link proves the address is the reader's. */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tokens: AccountTokensRepository,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new link for the user (older ones stop working), mailed when the transaction commits. */
  async issue(user: Pick<UserRow, 'id' | 'email'>, tx: Tx): Promise<void> {
    if (!user.email || !this.mail.enabled) return;
    const token = newAccountToken('EMAIL_VERIFICATION');
    const hours = this.config.emailVerificationTokenHours;
    await this.tokens.replaceToken(user.id, 'EMAIL_VERIFICATION', hashAccountToken(token), new Date(Date.now() + hours * HOUR_MS), tx);
    await this.mail.enqueue(tx, verificationMail(user.email, token, this.config.publicUrl, hours));
  }

  /** POST /api/me/email-verification: sends a new link. */
  async resend(principal: Principal): Promise<void> {
    if (!this.mail.enabled) throw authError('MAIL_DISABLED', 'This server sends no mail, so email addresses cannot be verified.');
    const user = await this.users.findById(principal.id);
    if (!user?.email) throw authError('NO_EMAIL', 'Your account has no email address to verify.');
    if (user.emailVerifiedAt !== null || user.ssoSubject !== null) throw authError('EMAIL_ALREADY_VERIFIED', 'Your email address is already verified.');
    await this.prisma.$transaction((tx) => this.issue(user, tx));
  }

  /** POST /api/auth/verify-email: the link's token, once. */
  async confirm(token: string): Promise<void> {
    const hash = looksLikeAccountToken(token, 'EMAIL_VERIFICATION') ? hashAccountToken(token) : null;
    const stored = hash === null ? null : await this.tokens.findByHash('EMAIL_VERIFICATION', hash);
    if (hash === null || stored === null || stored.usedAt !== null) {
      throw authError('VERIFICATION_TOKEN_INVALID', 'This verification link is not valid or was already used; sign in and ask for a new one.');
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw authError('VERIFICATION_TOKEN_EXPIRED', 'This verification link has expired; sign in and ask for a new one.');
    await this.prisma.$transaction(async (tx) => {
      const userId = await this.tokens.consume('EMAIL_VERIFICATION', hash, tx);
      if (userId === null) throw authError('VERIFICATION_TOKEN_INVALID', 'This verification link was just used or has expired.');
      if (await this.users.markEmailVerified(userId, tx)) {
        await this.audit.record({ kind: 'EMAIL_VERIFIED', actorId: userId, subjectUserId: userId, data: { via: 'verification' } }, tx);
      }
    });
  }
}
