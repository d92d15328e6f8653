import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService, Tx } from '../../database/prisma.service';

const SESSION_WITH_USER = { user: true } as const;
export type SessionWithUser = Prisma.SessionGetPayload<{ include: typeof SESSION_WITH_USER }>;

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  createSession(userId: string, tokenHash: string, expiresAt: Date, tx: Tx = this.prisma): Promise<{ id: string }> {
    return tx.session.create({ data: { userId, tokenHash, expiresAt }, select: { id: true } });
  }

  /** The live session for a token hash, with its user; one indexed lookup per request. */
  findLiveSession(tokenHash: string, now: Date): Promise<SessionWithUser | null> {
    return this.prisma.session.findFirst({
      where: { tokenHash, revokedAt: null, expiresAt: { gt: now }, user: { deletedAt: null } },
      include: SESSION_WITH_USER,
    });
  }

  async revoke(sessionId: string): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  async revokeAllOf(userId: string, tx: Tx): Promise<void> {
    await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** Records a sign-on token's jti; false when it was already used (a replay). */
  async useSsoToken(jti: string, expiresAt: Date, tx: Tx): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO sso_token_uses (jti, expires_at) VALUES (${jti}, ${expiresAt}) ON CONFLICT (jti) DO NOTHING`;
    return inserted === 1;
  }

  async pruneSsoTokenUses(before: Date): Promise<void> {
    await this.prisma.ssoTokenUse.deleteMany({ where: { expiresAt: { lt: before } } });
  }
}
