import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { effectiveStatus, isStaff, Principal } from '../../common/auth/principal';
import { commonError } from '../../common/errors/app-error';
import { isUuid } from '../../common/http/parse-uuid.pipe';
import { decodeCursor, Page, toPage } from '../../common/pagination/cursor';
import { PrismaService, Tx } from '../../database/prisma.service';
import type { Role } from '../../generated/prisma/enums';
import { AuditService } from '../audit/audit.service';
import { checkDisplayName } from './display-name';
import { BanDto, ChangeRoleDto, LiftDto, PremoderationDto, SuspendDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { userError } from './users.errors';
import { toUserResponse } from './users.mapper';
import { UserRow, UsersRepository } from './users.repository';

const HOUR_MS = 60 * 60 * 1000;

/** The cleaned name, or a 400 naming the field when it is blank or, for a reader, passes for staff. */
function usableDisplayName(raw: string, role: Role): string {
  const check = checkDisplayName(raw, role);
  if (!check.ok) throw userError(check.code, check.message, { errors: [{ field: 'displayName', message: check.message }] });
  return check.name;
}

/** A sign-on name that cannot be used becomes "Reader" and four characters derived from the site's id. */
function ssoDisplayName(raw: string, role: Role, subject: string): string {
  const check = checkDisplayName(raw, role);
  return check.ok ? check.name : `Reader ${createHash('sha256').update(subject).digest('hex').slice(0, 4)}`;
}

export interface NewUser {
  displayName: string;
  email: string | null;
  passwordHash?: string | null;
  ssoSubject?: string | null;
  role?: Role;
  /** The email is known to be the user's (an admin set up by the operator). */
  emailVerified?: boolean;
}

/** Accounts, roles and sanctions. Every role or status change writes its audit row in the same transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  findById(id: string): Promise<UserRow | null> {
    return this.users.findById(id);
  }

  findByEmail(email: string): Promise<UserRow | null> {
    return this.users.findByEmail(email.trim().toLowerCase());
  }

  /** A reader's chosen name as it would be stored, or the same 400 as at registration. */
  cleanName(displayName: string): string {
    return usableDisplayName(displayName, 'READER');
  }

  create(user: NewUser, tx: Tx = this.prisma): Promise<UserRow> {
    return this.users.create(
      {
        displayName: usableDisplayName(user.displayName, user.role ?? 'READER'),
        email: user.email?.trim().toLowerCase() ?? null,
        passwordHash: user.passwordHash ?? null,
        ssoSubject: user.ssoSubject ?? null,
        role: user.role ?? 'READER',
        emailVerifiedAt: user.emailVerified ? new Date() : null,
      },
      tx,
    );
  }

  /**
   * Site sign-on: find the reader by their site id, creating them or refreshing name and email.
   * The site's name is cleaned like any other; one that is blank or passes for staff does not fail
   * the sign-on (the reader chose it on the site, not here) but is replaced by a neutral one.
   */
  async upsertFromSso(subject: string, displayName: string, email: string | null, tx: Tx): Promise<UserRow> {
    const normalized = email?.trim().toLowerCase() ?? null;
    const existing = await this.users.findBySsoSubject(subject, tx);
    // An email already used by another account is not taken over: that would let a site account
    // claim a local account's identity.
    const usable = async (current: string | null) =>
      normalized && normalized !== current && (await this.users.emailTaken(normalized, tx)) ? current : normalized;
    const name = ssoDisplayName(displayName, existing?.role ?? 'READER', subject);
    if (!existing) {
      return this.create({ displayName: name, email: await usable(null), ssoSubject: subject }, tx);
    }
    return this.users.refreshSsoProfile(existing.id, { displayName: name, email: await usable(existing.email) }, tx);
  }

  anyAdmin(): Promise<boolean> {
    return this.users.anyAdmin();
  }

  async upsertAdmin(email: string, displayName: string, passwordHash: string, tx: Tx): Promise<UserRow> {
    const normalized = email.trim().toLowerCase();
    const existing = await this.users.findByEmail(normalized);
    if (existing) return this.users.makeAdmin(existing.id, passwordHash, tx);
    return this.create({ displayName, email: normalized, passwordHash, role: 'ADMIN', emailVerified: true }, tx);
  }

  /** A new password hash (change or reset); the caller revokes sessions and audits in the same transaction. */
  setPasswordHash(id: string, passwordHash: string, tx: Tx): Promise<void> {
    return this.users.setPasswordHash(id, passwordHash, tx);
  }

  /** The user proved the email is theirs; false when it was proven before. */
  markEmailVerified(id: string, tx: Tx): Promise<boolean> {
    return this.users.markEmailVerified(id, tx);
  }

  /** Account deletion: personal data is scrubbed; the row stays so comments keep an author. */
  scrub(id: string, tx: Tx): Promise<UserRow> {
    return this.users.scrub(id, tx);
  }

  updateDisplayName(user: Pick<Principal, 'id' | 'role'>, displayName: string): Promise<UserRow> {
    return this.users.setDisplayName(user.id, usableDisplayName(displayName, user.role));
  }

  async list(query: UserListQueryDto): Promise<Page<UserDto>> {
    const limit = query.limit ?? 50;
    const afterId = query.cursor ? decodeCursor<{ id: string }>(query.cursor, { id: 'string' }).id : undefined;
    if (afterId !== undefined && !isUuid(afterId)) {
      throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    }
    const rows = await this.users.findPage({ role: query.role, status: query.status, prefix: query.q, afterId, limit });
    const now = new Date();
    return toPage(rows, limit, (r) => ({ id: r.id }), (r) => toUserResponse(r, now));
  }

  async get(id: string): Promise<UserDto> {
    const row = await this.users.findById(id);
    if (!row) throw userError('USER_NOT_FOUND', 'No such user.');
    return toUserResponse(row);
  }

  async changeRole(actor: Principal, id: string, dto: ChangeRoleDto): Promise<UserDto> {
    return this.act(actor, id, async (user, tx) => {
      const updated = await this.users.setRole(id, dto.role, tx);
      await this.audit.record(
        { kind: 'USER_ROLE_CHANGED', actorId: actor.id, subjectUserId: id, data: { from: user.role, to: dto.role, reason: dto.reason ?? null } },
        tx,
      );
      return updated;
    });
  }

  async suspend(actor: Principal, id: string, dto: SuspendDto): Promise<UserDto> {
    return this.sanction(actor, id, async (user, tx) => {
      const until = new Date(Date.now() + dto.hours * HOUR_MS);
      const updated = await this.users.setSanction(id, { status: 'SUSPENDED', until, reason: dto.reason }, tx);
      await this.audit.record(
        {
          kind: 'USER_SUSPENDED',
          actorId: actor.id,
          subjectUserId: id,
          data: { until: until.toISOString(), reason: dto.reason, previous: effectiveStatus(user) },
        },
        tx,
      );
      return updated;
    });
  }

  async ban(actor: Principal, id: string, dto: BanDto, tx?: Tx): Promise<UserDto> {
    return this.sanction(
      actor,
      id,
      async (user, t) => {
        const updated = await this.users.setSanction(id, { status: 'BANNED', until: null, reason: dto.reason }, t);
        await this.audit.record(
          { kind: 'USER_BANNED', actorId: actor.id, subjectUserId: id, data: { reason: dto.reason, previous: effectiveStatus(user) } },
          t,
        );
        return updated;
      },
      tx,
    );
  }

  async lift(actor: Principal, id: string, dto: LiftDto): Promise<UserDto> {
    return this.sanction(actor, id, async (user, tx) => {
      const previous = effectiveStatus(user);
      if (previous === 'ACTIVE') throw userError('NOT_SANCTIONED', 'This user is neither suspended nor banned.');
      const updated = await this.users.setSanction(id, { status: 'ACTIVE', until: null, reason: null }, tx);
      await this.audit.record(
        { kind: 'USER_SANCTION_LIFTED', actorId: actor.id, subjectUserId: id, data: { previous, reason: dto.reason ?? null } },
        tx,
      );
      return updated;
    });
  }

  async setPremoderation(actor: Principal, id: string, dto: PremoderationDto): Promise<UserDto> {
    return this.sanction(actor, id, async (_user, tx) => {
      const updated = await this.users.setPremoderated(id, dto.enabled, tx);
      await this.audit.record(
        { kind: 'USER_PREMODERATION_CHANGED', actorId: actor.id, subjectUserId: id, data: { enabled: dto.enabled, reason: dto.reason ?? null } },
        tx,
      );
      return updated;
    });
  }

  /** Moderators act on readers and fact-checkers; only admins act on staff. */
  private sanction(actor: Principal, id: string, work: (user: UserRow, tx: Tx) => Promise<UserRow>, tx?: Tx): Promise<UserDto> {
    return this.act(
      actor,
      id,
      async (user, t) => {
        if (isStaff(user.role) && actor.role !== 'ADMIN') {
          throw userError('CANNOT_SANCTION_STAFF', 'Only an admin can sanction a moderator or admin.');
        }
        return work(user, t);
      },
      tx,
    );
  }

  private async act(actor: Principal, id: string, work: (user: UserRow, tx: Tx) => Promise<UserRow>, tx?: Tx): Promise<UserDto> {
    if (actor.id === id) throw userError('CANNOT_ACT_ON_SELF', 'You cannot change your own role or status.');
    const run = async (t: Tx) => {
      const user = await this.users.lockById(id, t);
      if (!user || user.deletedAt) throw userError('USER_NOT_FOUND', 'No such user.');
      return toUserResponse(await work(user, t));
    };
    return tx ? run(tx) : this.prisma.$transaction(run);
  }
}
