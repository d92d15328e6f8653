import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { AuditKind } from '../../generated/prisma/enums';
import type { AuditEvent } from './audit-events';

export interface AuditFilter {
  actorId?: string;
  subjectUserId?: string;
  kind?: AuditKind;
  from?: Date;
  to?: Date;
  beforeId?: bigint;
  limit: number;
}

export type AuditRow = Prisma.AuditEventGetPayload<object>;

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  insert(event: AuditEvent, tx: Tx): Promise<AuditRow> {
    return tx.auditEvent.create({
      data: {
        kind: event.kind,
        actorId: event.actorId,
        subjectUserId: event.subjectUserId ?? null,
        targetType: event.target?.type ?? null,
        targetId: event.target?.id ?? null,
        data: event.data as Prisma.InputJsonValue,
      },
    });
  }

  /** Newest first; keyset on the id, which grows with time. */
  findPage(filter: AuditFilter): Promise<AuditRow[]> {
    return this.prisma.auditEvent.findMany({
      where: {
        actorId: filter.actorId,
        subjectUserId: filter.subjectUserId,
        kind: filter.kind,
        createdAt: { gte: filter.from, lt: filter.to },
        id: filter.beforeId === undefined ? undefined : { lt: filter.beforeId },
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
    });
  }
}
