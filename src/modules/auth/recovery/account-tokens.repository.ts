import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../../database/prisma.service';
import type { TokenPurpose } from './account-token';

export interface StoredToken {
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** account_tokens: the hashes of single-use links mailed for password reset and email verification. */
@Injectable()
export class AccountTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** A newer token replaces the older ones of the same purpose, used or not: only the latest link works. */
  async replaceToken(userId: string, purpose: TokenPurpose, tokenHash: string, expiresAt: Date, tx: Tx): Promise<void> {
    await tx.$executeRaw`DELETE FROM account_tokens WHERE user_id = ${userId}::uuid AND purpose = ${purpose}`;
    await tx.accountToken.create({ data: { userId, purpose, tokenHash, expiresAt }, select: { id: true } });
  }

  findByHash(purpose: TokenPurpose, tokenHash: string): Promise<StoredToken | null> {
    return this.prisma.accountToken.findFirst({ where: { tokenHash, purpose }, select: { userId: true, expiresAt: true, usedAt: true } });
  }

  /**
   * Uses the token: marks it used if it is unused and unexpired, and returns its user; null when
   * another request used it first (or it expired meanwhile). The conditional update is what
   * makes a token single-use under concurrent requests.
   */
  async consume(purpose: TokenPurpose, tokenHash: string, tx: Tx): Promise<string | null> {
    const rows = await tx.$queryRaw<{ userId: string }[]>`
      UPDATE account_tokens SET used_at = now()
      WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
      RETURNING user_id AS "userId"`;
    return rows[0]?.userId ?? null;
  }
}
