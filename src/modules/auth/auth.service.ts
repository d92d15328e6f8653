import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Principal } from '../../common/auth/principal';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService, Tx } from '../../database/prisma.service';
import { uniqueViolationFields } from '../../database/unique-violation';
import { AuditService } from '../audit/audit.service';
import { PlaceholderAccountsService } from '../users/placeholders/placeholder-accounts.service';
import { toMeResponse } from '../users/users.mapper';
import type { UserRow } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { authError } from './auth.errors';
import { AuthRepository, SessionClient } from './auth.repository';
import { LoginDto, RegisterDto, SessionDto, SsoDto } from './dto/auth.dto';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { EmailVerificationService } from './recovery/email-verification.service';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './session-token';
import { verifySsoToken } from './sso-token';

const HOUR_MS = 60 * 60 * 1000;
/** A session's last use is written at most this often (a busy session would otherwise write on every request). */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against when an email is unknown, so a failed login takes as long either way. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly prisma: PrismaService,
    private readonly sessions: AuthRepository,
    private readonly users: UsersService,
    private readonly placeholders: PlaceholderAccountsService,
    private readonly audit: AuditService,
    private readonly verification: EmailVerificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    if (await this.users.anyAdmin()) return;
    await this.createAdmin(admin.email, admin.password, admin.displayName, 'config');
    this.logger.log(`created the first admin account (${admin.email}) from ADMIN_EMAIL`);
  }

  async register(dto: RegisterDto, client: SessionClient): Promise<SessionDto> {
    const email = dto.email.trim().toLowerCase();
    this.checkPassword(dto.password, [email, dto.displayName]);
    const passwordHash = await hashPassword(dto.password, this.hashCost());
    try {
      return await this.prisma.$transaction(async (tx) => {
        // An account an import made for this email (no password yet) becomes the reader's, with its comments.
        const user =
          (await this.placeholders.adopt(email, this.users.cleanName(dto.displayName), passwordHash, tx)) ??
          (await this.users.create({ displayName: dto.displayName, email, passwordHash }, tx));
        if (this.config.requireEmailVerification) await this.verification.issue(user, tx);
        return this.openSession(user, tx, client);
      });
    } catch (err) {
      if (uniqueViolationFields(err)?.some((f) => f.includes('email'))) {
        throw authError('EMAIL_TAKEN', 'An account with this email exists; sign in instead.');
      }
      throw err;
    }
  }

  async login(dto: LoginDto, client: SessionClient): Promise<SessionDto> {
    const user = await this.users.findByEmail(dto.email);
    const hash = user?.passwordHash ?? (await this.getDummyHash());
    const ok = await verifyPassword(hash, dto.password);
    if (!user || !user.passwordHash || !ok || user.deletedAt) {
      throw authError('INVALID_CREDENTIALS', 'The email or password is wrong.');
    }
    return this.openSession(user, this.prisma, client);
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
  }

  async signOn(dto: SsoDto, client: SessionClient): Promise<SessionDto> {
    const secret = this.config.ssoSecret;
    if (!secret) throw authError('SSO_DISABLED', 'Site sign-on is not configured on this server.');
    const claims = verifySsoToken(dto.token, { secret, maxAgeSeconds: this.config.ssoMaxTokenAgeSeconds });
    return this.prisma.$transaction(async (tx) => {
      const fresh = await this.sessions.useSsoToken(claims.jti, new Date(claims.exp * 1000), tx);
      if (!fresh) throw authError('SSO_TOKEN_REPLAYED', 'This sign-on token was already used.');
      const user = await this.users.upsertFromSso(claims.sub, claims.name, claims.email, tx);
      if (user.deletedAt) throw authError('INVALID_CREDENTIALS', 'This account was deleted.');
      return this.openSession(user, tx, client);
    });
  }

  /** Resolves a bearer token to its user; null when the token is unknown, expired or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    if (!looksLikeSessionToken(token)) return null;
    const principal = await this.sessions.findLiveSession(hashSessionToken(token));
    if (principal && Date.now() - principal.sessionLastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touchSession(principal.sessionId, TOUCH_EVERY_MS);
    }
    return principal;
  }

  /** An admin account, from config at first start or from `npm run admin:create`; an existing account with the email is promoted. */
  async createAdmin(email: string, password: string, displayName: string, via: 'config' | 'command'): Promise<UserRow> {
    this.checkPassword(password, [email]);
    const passwordHash = await hashPassword(password, this.hashCost());
    return this.prisma.$transaction(async (tx) => {
      const user = await this.users.upsertAdmin(email, displayName, passwordHash, tx);
      await this.audit.record({ kind: 'ADMIN_CREATED', actorId: null, subjectUserId: user.id, data: { via } }, tx);
      return user;
    });
  }

  private async openSession(user: UserRow, tx: Tx, client: SessionClient): Promise<SessionDto> {
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * HOUR_MS);
    await this.sessions.createSession(user.id, hashSessionToken(token), expiresAt, client, tx);
    return { token, expiresAt: expiresAt.toISOString(), user: toMeResponse(user) };
  }

  /** The strength rules of registration, for a password set later (change, reset). */
  checkNewPassword(password: string, user: Pick<UserRow, 'email' | 'displayName'>): void {
    this.checkPassword(password, [user.email ?? '', user.displayName].filter((v) => v !== ''));
  }

  hashNewPassword(password: string): Promise<string> {
    return hashPassword(password, this.hashCost());
  }

  private checkPassword(password: string, personal: string[]): void {
    const problem = passwordProblem(password, { minLength: this.config.passwordMinLength }, personal);
    if (problem) throw authError('WEAK_PASSWORD', problem);
  }

  private hashCost() {
    return { memoryKib: this.config.passwordHashMemoryKib, iterations: this.config.passwordHashIterations };
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(newSessionToken(), this.hashCost());
    return this.dummyHash;
  }
}
