import { Injectable } from '@nestjs/common';
import { commonError } from '../../common/errors/app-error';
import { decodeCursor, Page, toPage } from '../../common/pagination/cursor';
import { Tx } from '../../database/prisma.service';
import type { AuditEvent } from './audit-events';
import { toAuditEventResponse } from './audit.mapper';
import { AuditRepository } from './audit.repository';
import { AuditEventDto, AuditQueryDto } from './dto/audit.dto';

const BIGINT_MAX = 9_223_372_036_854_775_807n;

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Always inside the caller's transaction: the action and its audit row commit together. */
  async record(event: AuditEvent, tx: Tx): Promise<void> {
    await this.audit.insert(event, tx);
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const limit = query.limit ?? 50;
    let beforeId: bigint | undefined;
    if (query.cursor) {
      const { id } = decodeCursor<{ id: string }>(query.cursor, { id: 'string' });
      // Event ids are bigint: 19 digits can still exceed 2^63 - 1.
      if (!/^\d{1,19}$/.test(id) || BigInt(id) > BIGINT_MAX) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
      beforeId = BigInt(id);
    }
    const rows = await this.audit.findPage({
      actorId: query.actor,
      subjectUserId: query.subject,
      kind: query.kind,
      from: query.from,
      to: query.to,
      beforeId,
      limit,
    });
    return toPage(rows, limit, (r) => ({ id: r.id.toString() }), toAuditEventResponse);
  }
}
