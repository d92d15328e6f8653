import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Principal } from '../../common/auth/principal';
import { PrismaService } from '../../database/prisma.service';
import { AuditService } from '../audit/audit.service';
import { CommentsService } from '../comments/comments.service';
import { MeDto } from '../users/dto/user.dto';
import { userError } from '../users/users.errors';
import { toMeResponse } from '../users/users.mapper';
import { UsersService } from '../users/users.service';
import { UpdateMeDto } from './dto/account.dto';
import { UserErasureRepository } from './user-data/user-erasure.repository';
import { UserExporter } from './user-data/user-export';

/** A reader's own account (/api/me): profile, data export, deletion. */
@Injectable()
export class AccountService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly users: UsersService,
    private readonly erasure: UserErasureRepository,
    private readonly exporter: UserExporter,
    private readonly audit: AuditService,
    private readonly comments: CommentsService,
  ) {}

  async get(principal: Principal): Promise<MeDto> {
    const row = await this.users.findById(principal.id);
    if (!row) throw userError('USER_NOT_FOUND', 'Your account no longer exists.');
    return toMeResponse(row);
  }

  async update(principal: Principal, dto: UpdateMeDto): Promise<MeDto> {
    return toMeResponse(await this.users.updateDisplayName(principal, dto.displayName));
  }

  /**
   * Everything Parley holds about the user (every entry of USER_REFERENCES), streamed as one JSON
   * document: the profile first, then one array per section.
   */
  async export(principal: Principal, res: Response): Promise<void> {
    const profile = await this.get(principal);
    await this.exporter.write(res, principal.id, { exportedAt: new Date().toISOString(), profile });
  }

  /**
   * Deletes the account as USER_REFERENCES says: personal data is scrubbed, sessions, reactions,
   * ratings and stored retries erased, reports and queue claims detached. Comments stay,
   * attributed to a deleted user; with eraseComments their text is erased as well.
   */
  async delete(principal: Principal, eraseComments: boolean): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.users.scrub(principal.id, tx);
      await this.erasure.eraseReferences(principal.id, tx);
      if (eraseComments) await this.comments.eraseAllBy(principal.id, tx);
      await this.audit.record(
        { kind: 'USER_DELETED', actorId: principal.id, subjectUserId: principal.id, data: { commentsErased: eraseComments } },
        tx,
      );
    });
  }
}
