import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { PrismaService } from '../../database/prisma.service';

const CHECK_TIMEOUT_MS = 2_000;
const TIMED_OUT = new Error('timed out');

/** Ready means a query round-trips to PostgreSQL within two seconds. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly prisma: PrismaService,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'database'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(TIMED_OUT), CHECK_TIMEOUT_MS);
      });
      await Promise.race([this.prisma.pool.query('SELECT 1'), timeout]);
      return indicator.up();
    } catch (err) {
      // Only which way it failed: the driver's text names the server's address and port (connect
      // ECONNREFUSED 10.0.3.7:5432), the database and the user, and /health/ready is public.
      return indicator.down({ message: err === TIMED_OUT ? 'no answer within 2 s' : 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The read replicas as the last periodic check found them. Always "up": a replica that is down
   * or lagging only sends reads back to the primary, so it never makes this instance unready.
   */
  replicas(key = 'replicas'): HealthIndicatorResult {
    const replicas = this.prisma.replicaSet?.health() ?? [];
    return this.health.check(key).up({ configured: replicas.length, serving: replicas.filter((r) => r.state === 'up').length, replicas });
  }
}
