import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service';

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Assigns or renews unless another moderator holds a live assignment; returns the holder. */
  async assign(id: string, moderatorId: string, until: Date): Promise<{ assignedToId: string | null; assignedUntil: Date | null } | null> {
    await this.prisma.$executeRaw`
      UPDATE comments SET claimed_by_id = ${moderatorId}::uuid, claimed_until = ${until}
      WHERE id = ${id}::uuid AND (claimed_by_id IS NULL OR claimed_until < now() OR claimed_by_id = ${moderatorId}::uuid)`;
    return this.prisma.comment.findUnique({ where: { id }, select: { assignedToId: true, assignedUntil: true } });
  }

  async unassign(id: string, moderatorId: string): Promise<void> {
    await this.prisma.comment.updateMany({ where: { id, assignedToId: moderatorId }, data: { assignedToId: null, assignedUntil: null } });
  }

  findDisplayName(userId: string) {
    return this.prisma.user.findUnique({ where: { id: userId }, select: { id: true, displayName: true } });
  }
}
