import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PrismaService } from './prisma.service';

/**
 * Desk and reporting queries: read-only, on one pooled connection, bounded by
 * DATABASE_REPORT_TIMEOUT_MS (SET LOCAL, for this transaction only), and cancelled on the server
 * (pg_cancel_backend) as soon as the client goes away. A cancelled connection is closed rather
 * than returned to the pool, so a late cancel can never hit another request's query.
 */
@Injectable()
export class BoundedQueries {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report<T>(signal: AbortSignal | undefined, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.prisma.pool.connect();
    const pid = (client as PoolClient & { processID: number }).processID;
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      void this.prisma.pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.trunc(this.config.databaseReportTimeoutMs)}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      signal?.removeEventListener('abort', cancel);
      client.release(cancelled);
    }
  }
}
