import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import { MetricsService } from './metrics.service';

/** The read replicas' state as of their last check, refreshed at each scrape (nothing without replicas). */
@Injectable()
export class ReplicaMetrics {
  constructor(prisma: PrismaService, metrics: MetricsService) {
    const replicas = prisma.replicaSet;
    if (!replicas) return;
    metrics.onScrape(() => {
      for (const r of replicas.health()) {
        const labels = { replica: String(r.replica) };
        metrics.replicaServing.set(labels, r.state === 'up' ? 1 : 0);
        if (r.lagMs === null) metrics.replicaLag.remove(labels);
        else metrics.replicaLag.set(labels, r.lagMs / 1000);
      }
      return Promise.resolve();
    });
  }
}
