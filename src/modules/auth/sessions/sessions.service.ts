import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { authError } from '../auth.errors';
import { SessionListDto } from '../dto/sessions.dto';
import { SessionsRepository } from './sessions.repository';

/** The signed-in user's own sessions: listed, and revoked one by one or all but the current. */
@Injectable()
export class SessionsService {
  constructor(private readonly sessions: SessionsRepository) {}

  async list(principal: Principal): Promise<SessionListDto> {
    const rows = await this.sessions.listLive(principal.id);
    return {
      items: rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        userAgent: r.userAgent,
        ip: r.ip,
        current: r.id === principal.sessionId,
      })),
    };
  }

  /** Not one of the caller's live sessions (someone else's, revoked, expired, unknown) → 404 alike. */
  async revoke(principal: Principal, sessionId: string): Promise<void> {
    if (!(await this.sessions.revokeOwn(principal.id, sessionId))) throw authError('SESSION_NOT_FOUND', 'You have no live session with this id.');
  }

  async revokeOthers(principal: Principal): Promise<{ revoked: number }> {
    return { revoked: await this.sessions.revokeAllBut(principal.id, principal.sessionId) };
  }
}
