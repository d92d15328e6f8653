import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../../database/prisma.service';

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** A user's own view of the sessions table: list and revoke. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  listLive(userId: string): Promise<SessionRow[]> {
    return this.prisma.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: [{ lastUsedAt: 'desc' }, { id: 'asc' }],
      select: { id: true, createdAt: true, lastUsedAt: true, expiresAt: true, userAgent: true, ip: true },
    });
  }

  /** Revokes one live session of this user; false when there is none by that id (someone else's, revoked, expired). */
  async revokeOwn(userId: string, sessionId: string): Promise<boolean> {
    const { count } = await this.prisma.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { revokedAt: new Date() },
    });
    return count > 0;
  }

  /** Revokes every live session of the user but `keep` (null: all of them); returns how many. */
  async revokeAllBut(userId: string, keep: string | null, tx: Tx = this.prisma): Promise<number> {
    const { count } = await tx.session.updateMany({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date() }, ...(keep ? { id: { not: keep } } : {}) },
      data: { revokedAt: new Date() },
    });
    return count;
  }
}
