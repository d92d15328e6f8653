import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { runHot } from '../../database/hot-statement';
import { PrismaService, Tx } from '../../database/prisma.service';

export type LiveSession = Principal;

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  createSession(userId: string, tokenHash: string, expiresAt: Date, tx: Tx = this.prisma): Promise<{ id: string }> {
    return tx.session.create({ data: { userId, tokenHash, expiresAt }, select: { id: true } });
  }

  /** The live session for a token hash with its user: one indexed lookup on every signed-in request, so a hot statement. */
  async findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    const rows = await runHot<LiveSession>(this.prisma, {
      name: 'session-live',
      bench: 'bench/load.mjs',
      text: `SELECT s.id AS "sessionId", u.id, u.role, u.display_name AS "displayName", u.status, u.status_reason AS "statusReason",
              u.suspended_until AS "suspendedUntil", u.premoderated, u.created_at AS "createdAt"
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.deleted_at IS NULL`,
      values: [tokenHash],
    });
    return rows[0] ?? null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
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
