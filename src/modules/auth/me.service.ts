import { Injectable } from '@nestjs/common';
import { Principal } from '../../common/auth/principal';
import { PrismaService } from '../../database/prisma.service';
import { AuditService } from '../audit/audit.service';
import { CommentsService } from '../comments/comments.service';
import { MeDto, UpdateMeDto } from '../users/dto/user.dto';
import { toMe } from '../users/users.mapper';
import { UsersService } from '../users/users.service';
import { userError } from '../users/users.errors';
import { AuthRepository } from './auth.repository';

/** A reader's own account: profile, data export, deletion. */
@Injectable()
export class MeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly users: UsersService,
    private readonly sessions: AuthRepository,
    private readonly audit: AuditService,
    private readonly comments: CommentsService,
  ) {}

  async get(principal: Principal): Promise<MeDto> {
    const row = await this.users.findById(principal.id);
    if (!row) throw userError('USER_NOT_FOUND', 'Your account no longer exists.');
    return toMe(row);
  }

  async update(principal: Principal, dto: UpdateMeDto): Promise<MeDto> {
    return toMe(await this.users.updateDisplayName(principal, dto.displayName));
  }

  /** Everything Parley holds about the user, as one JSON document. */
  async export(principal: Principal): Promise<Record<string, unknown>> {
    const [profile, [sessions, history]] = await Promise.all([this.get(principal), this.users.exportData(principal.id)]);
    return {
      exportedAt: new Date().toISOString(),
      profile,
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        revokedAt: s.revokedAt?.toISOString() ?? null,
      })),
      accountHistory: history.map((h) => ({ kind: h.kind, data: h.data, at: h.createdAt.toISOString() })),
    };
  }

  /**
   * Deletes the account: personal data is scrubbed and every session revoked. Comments stay,
   * attributed to a deleted user; with eraseComments their text is erased as well.
   */
  async delete(principal: Principal, eraseComments: boolean): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.users.scrub(principal.id, tx);
      await this.sessions.revokeAllOf(principal.id, tx);
      if (eraseComments) await this.comments.eraseAllBy(principal.id, tx);
      await this.audit.record(
        { kind: 'USER_DELETED', actorId: principal.id, subjectUserId: principal.id, data: { commentsErased: eraseComments } },
        tx,
      );
    });
  }
}
