import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { Role, UserStatus } from '../../generated/prisma/enums';

export type UserRow = Prisma.UserGetPayload<object>;

export interface UserListFilter {
  role?: Role;
  status?: UserStatus;
  prefix?: string;
  afterId?: string;
  limit: number;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, tx: Tx = this.prisma): Promise<UserRow | null> {
    return tx.user.findUnique({ where: { id } });
  }

  findByEmail(email: string): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findBySsoSubject(subject: string, tx: Tx): Promise<UserRow | null> {
    return tx.user.findUnique({ where: { ssoSubject: subject } });
  }

  emailTaken(email: string, tx: Tx): Promise<boolean> {
    return tx.user.count({ where: { email } }).then((n) => n > 0);
  }

  /** Row lock so that concurrent sanctions on one user apply one after the other. */
  async lockById(id: string, tx: Tx): Promise<UserRow | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length === 0 ? null : tx.user.findUnique({ where: { id } });
  }

  create(data: Prisma.UserCreateInput, tx: Tx = this.prisma): Promise<UserRow> {
    return tx.user.create({ data });
  }

  /** Site sign-on: the name and email the site sent, as cleaned by the service. */
  refreshSsoProfile(id: string, profile: { displayName: string; email: string | null }, tx: Tx): Promise<UserRow> {
    return tx.user.update({ where: { id }, data: { displayName: profile.displayName, email: profile.email } });
  }

  /** The admin CLI on an existing account: admin again, with a new password, undeleted (an imported placeholder is thereby claimed). */
  makeAdmin(id: string, passwordHash: string, tx: Tx): Promise<UserRow> {
    return tx.user.update({ where: { id }, data: { role: 'ADMIN', passwordHash, deletedAt: null, placeholder: false, emailVerifiedAt: new Date() } });
  }

  /** Account deletion: personal data goes; the row stays so comments keep an author. */
  scrub(id: string, tx: Tx): Promise<UserRow> {
    return tx.user.update({
      where: { id },
      data: { displayName: 'Deleted user', email: null, passwordHash: null, ssoSubject: null, premoderated: false, emailVerifiedAt: null, deletedAt: new Date() },
    });
  }

  async setPasswordHash(id: string, passwordHash: string, tx: Tx): Promise<void> {
    await tx.user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
  }

  /** Marks the email proven (first time only); false when it already was, or the account is gone. */
  async markEmailVerified(id: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.user.updateMany({ where: { id, emailVerifiedAt: null, deletedAt: null }, data: { emailVerifiedAt: new Date() } });
    return count > 0;
  }

  setDisplayName(id: string, displayName: string): Promise<UserRow> {
    return this.prisma.user.update({ where: { id }, data: { displayName } });
  }

  setRole(id: string, role: Role, tx: Tx): Promise<UserRow> {
    return tx.user.update({ where: { id }, data: { role } });
  }

  /** Suspension, ban or lifting: the status with its end (suspensions only) and reason. */
  setSanction(id: string, sanction: { status: UserStatus; until: Date | null; reason: string | null }, tx: Tx): Promise<UserRow> {
    return tx.user.update({ where: { id }, data: { status: sanction.status, suspendedUntil: sanction.until, statusReason: sanction.reason } });
  }

  setPremoderated(id: string, premoderated: boolean, tx: Tx): Promise<UserRow> {
    return tx.user.update({ where: { id }, data: { premoderated } });
  }

  anyAdmin(): Promise<boolean> {
    return this.prisma.user.count({ where: { role: 'ADMIN', deletedAt: null } }).then((n) => n > 0);
  }

  /** Moderators' user list, ordered by id for a stable keyset. */
  findPage(filter: UserListFilter): Promise<UserRow[]> {
    const prefix = filter.prefix?.toLowerCase();
    return this.prisma.user.findMany({
      where: {
        role: filter.role,
        status: filter.status,
        id: filter.afterId ? { gt: filter.afterId } : undefined,
        OR: prefix
          ? [{ email: { startsWith: prefix } }, { displayName: { startsWith: prefix, mode: 'insensitive' } }]
          : undefined,
      },
      orderBy: { id: 'asc' },
      take: filter.limit + 1,
    });
  }
}
