import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client, Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { readContext } from './read-routing';
import { isReplica, ReplicaClient, ReplicaOptions, ReplicaSet } from './replicas';

/** Transaction client handed to repository methods that must join a caller's transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  /** PostgreSQL's statement_timeout for every connection of the pool (none when unset). */
  statementTimeoutMs?: number;
  /** Read replicas; none (or an empty url list) means every read goes to the primary. */
  replicas?: Omit<ReplicaOptions, 'poolSize' | 'statementTimeoutMs'>;
}

/** What a hot read repository reads through: the primary or a replica, with the same surface. */
export type ReadClient = PrismaService | ReplicaClient;

/**
 * Prisma on the pg driver adapter. The pool is ours so that the benchmarked hot statements can run
 * on it as named statements (database/hot-statement.ts, which also writes down how Parley writes
 * SQL) and so that shutdown closes it exactly once.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  readonly pool: Pool;
  /** Null without DATABASE_REPLICA_URLS. */
  readonly replicaSet: ReplicaSet | null;

  constructor(options: DatabaseOptions) {
    const pool = new Pool({
      connectionString: options.url,
      max: options.poolSize,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // Sent at connect: the server cancels any statement running longer (SQLSTATE 57014), so no
      // request holds the database past the bound. Reporting queries raise it with SET LOCAL.
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    });
    // Interactive transactions wait for a pooled connection under bursts (many readers flagging one
    // comment at once) instead of failing after Prisma's 2 s default.
    super({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
    this.pool = pool;
    // An idle client losing its server (restart, failover) must not crash the process; the pool
    // drops that client and the next query opens a fresh connection.
    pool.on('error', (err) => this.logger.warn(`database connection lost: ${err.message}`));
    const replicas = options.replicas;
    this.replicaSet =
      replicas && replicas.urls.length > 0
        ? new ReplicaSet(pool, { ...replicas, poolSize: options.poolSize, statementTimeoutMs: options.statementTimeoutMs })
        : null;
  }

  /**
   * The client for a hot read (thread pages, articles, moderation counts): a healthy replica when
   * this request may read one (read-routing.ts), else this primary client. The one routing choice.
   */
  forRead(): ReadClient {
    const request = readContext();
    if (!this.replicaSet || !request?.replicaAllowed) return this;
    const pinned = request.pinned;
    if (isReplica(pinned) && pinned.state === 'up') return pinned;
    const replica = this.replicaSet.pick();
    request.pinned = replica ?? undefined;
    return replica ?? this;
  }

  async onModuleInit(): Promise<void> {
    await this.replicaSet?.start();
  }

  /**
   * A connection of its own, outside the pool, with the pool's settings: for a session that stays
   * open and joins no transaction (LISTEN for the event outbox). The caller connects and ends it.
   */
  newSessionClient(): Client {
    return new Client(this.pool.options);
  }

  async onModuleDestroy(): Promise<void> {
    await this.replicaSet?.close();
    await this.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
