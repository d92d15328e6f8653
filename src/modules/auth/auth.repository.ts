import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { runHot } from '../../database/hot-statement';
import { PrismaService, Tx } from '../../database/prisma.service';

export type LiveSession = Principal;

/** Where a session was opened from, shown to its owner in the sessions list. */
export interface SessionClient {
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  createSession(userId: string, tokenHash: string, expiresAt: Date, client: SessionClient, tx: Tx = this.prisma): Promise<{ id: string }> {
    return tx.session.create({
      data: { userId, tokenHash, expiresAt, ip: client.ip?.slice(0, 64) ?? null, userAgent: client.userAgent?.slice(0, 256) ?? null },
      select: { id: true },
    });
  }

  /** Marks a session used now, unless another request did within `withinMs` (so a busy session writes rarely). */
  async touchSession(sessionId: string, withinMs: number): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE sessions SET last_used_at = now()
      WHERE id = ${sessionId}::uuid AND last_used_at < now() - make_interval(secs => ${withinMs / 1000}::float8)`;
  }

  /** The live session for a token hash with its user: one indexed lookup on every signed-in request, so a hot statement. */
  async findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    const rows = await runHot<LiveSession>(this.prisma, {
      name: 'session-live',
      bench: 'bench/load.mjs',
      text: `SELECT s.id AS "sessionId", u.id, u.role, u.display_name AS "displayName", u.status, u.status_reason AS "statusReason",
              u.suspended_until AS "suspendedUntil", u.premoderated, u.created_at AS "createdAt",
              (u.email_verified_at IS NOT NULL OR u.sso_subject IS NOT NULL) AS "emailVerified", s.last_used_at AS "sessionLastUsedAt"
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
