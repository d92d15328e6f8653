import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

/** Where the outbox stands: the last delivery position, and the oldest one still kept. */
export interface OutboxBounds {
  head: bigint;
  /** Null when every event has been pruned. */
  oldest: bigint | null;
}

/** The live streams' reads of the outbox beyond EventsService's pages. */
@Injectable()
export class LiveRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One statement: the head of the sequence and the oldest stamped event kept. */
  async bounds(): Promise<OutboxBounds> {
    const [row] = await this.prisma.$queryRaw<OutboxBounds[]>`
      SELECT s.last_position AS head, (SELECT min(position) FROM domain_events WHERE position IS NOT NULL) AS oldest
      FROM event_sequence s WHERE s.id = 1`;
    return row ?? { head: 0n, oldest: null };
  }
}
