import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

/** The micro-cache's one read of the outbox beyond EventsService's pages: where it stands now. */
@Injectable()
export class HttpCacheRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The last delivery position stamped (0 before any event). */
  async outboxHead(): Promise<bigint> {
    const [row] = await this.prisma.$queryRaw<{ head: bigint }[]>`SELECT last_position AS head FROM event_sequence WHERE id = 1`;
    return row?.head ?? 0n;
  }
}
