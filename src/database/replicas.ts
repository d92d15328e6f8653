import { Logger } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, PoolClient, PoolConfig } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

/**
 * Read replicas (DATABASE_REPLICA_URLS). Each instance measures every replica on a timer, never per
 * request, and the router (read-routing.ts) only hands out a replica whose last check found it
 * reachable and within REPLICA_MAX_LAG_MS of the primary.
 *
 * Lag is measured by LSN, not by `now() - pg_last_xact_replay_timestamp()`: on a quiet site that
 * difference grows without bound while the replica is fully caught up. Each check first reads the
 * primary's WAL insert position and keeps it with the time it was read; a replica whose replay
 * position has reached the sample taken at time T holds every transaction committed before T, so
 * its lag is `now - T` for the newest such T (0 when it has reached this check's own sample).
 */

export type ReplicaState = 'up' | 'lagging' | 'down';

export interface ReplicaHealth {
  /** Position in DATABASE_REPLICA_URLS, from 1; never the URL, which carries a password. */
  replica: number;
  state: ReplicaState;
  /** Measured lag in ms at the last check (null when unreachable or not yet checked). */
  lagMs: number | null;
  checkedAt: string | null;
}

export interface ReplicaOptions {
  urls: readonly string[];
  poolSize: number;
  statementTimeoutMs?: number;
  maxLagMs: number;
  checkIntervalMs: number;
}

/**
 * A replica's pool that hands out a primary connection when the replica refuses a new one: between
 * two checks, a replica that has just gone away costs its readers nothing but the refused connect.
 * pg's pool.query (which both runHot and Prisma's adapter use) takes its connection through here.
 */
class ReplicaPool extends Pool {
  onUnreachable: (err: unknown) => boolean = () => false;

  constructor(
    config: PoolConfig,
    private readonly primary: Pool,
  ) {
    super(config);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<PoolClient> | void {
    const client = super.connect().catch((err: unknown) => {
      if (!this.onUnreachable(err)) throw err;
      return this.primary.connect();
    });
    if (!callback) return client;
    // The client's own release returns it to the pool it came from (this one or the primary's).
    client.then(
      (c) => callback(undefined, c, (release?: unknown) => c.release(release as Error | boolean | undefined)),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }
}

/** A Prisma client on one replica's pool; the same surface repositories use on the primary. */
export class ReplicaClient extends PrismaClient {
  /** Checked instead of `instanceof`, which Prisma's client (a proxy of its instance) does not answer. */
  readonly isReplica = true;
  state: ReplicaState = 'down';
  lagMs: number | null = null;
  checkedAt: Date | null = null;

  constructor(
    readonly index: number,
    readonly pool: Pool,
    /** Where a statement goes when this replica cannot answer it. */
    readonly fallback: { readonly pool: Pool },
    private readonly onDown: (replica: ReplicaClient, reason: string) => void,
  ) {
    super({ adapter: new PrismaPg(pool) });
  }

  /**
   * True when `err` means the statement should be run on the primary instead: the replica could not
   * be reached (then it is also marked down until a check finds it back), or it cancelled the
   * statement for a conflict with replay, which the primary never does.
   */
  unreachable(err: unknown): boolean {
    const e = err as { code?: string; message?: string };
    const code = typeof e?.code === 'string' ? e.code : '';
    if (code === '40001' && /conflict with recovery/i.test(e.message ?? '')) return true;
    const lost =
      UNREACHABLE_CODES.has(code) ||
      code.startsWith('08') ||
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e?.message ?? '');
    if (lost) this.onDown(this, e?.message ?? code);
    return lost;
  }
}

export function isReplica(client: unknown): client is ReplicaClient {
  return (client as { isReplica?: unknown } | null)?.isReplica === true;
}

/** Socket errors, and the server refusing or ending sessions (shutting down, starting up). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);

interface Sample {
  at: number;
  lsn: bigint;
}

/** How many primary positions are kept: lag is known up to this many checks back, beyond is "lagging". */
const SAMPLES = 64;
const CHECK_TIMEOUT_MS = 2_000;

export class ReplicaSet {
  private readonly logger = new Logger('ReadReplicas');
  readonly replicas: ReplicaClient[];
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly primary: Pool,
    private readonly options: ReplicaOptions,
  ) {
    this.replicas = options.urls.map((url, i) => {
      const pool = new ReplicaPool(
        {
          connectionString: url,
          max: options.poolSize,
          connectionTimeoutMillis: CHECK_TIMEOUT_MS,
          idleTimeoutMillis: 30_000,
          ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
        },
        primary,
      );
      pool.on('error', (err) => this.logger.warn(`replica ${i + 1}: connection lost: ${err.message}`));
      const replica = new ReplicaClient(i + 1, pool, { pool: primary }, (r, reason) => this.markDown(r, reason));
      pool.onUnreachable = (err) => replica.unreachable(err);
      return replica;
    });
  }

  /** Checks once now, then every interval (unref'd: it never keeps the process alive). */
  async start(): Promise<void> {
    await this.checkNow();
    this.timer = setInterval(() => void this.checkNow(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  /** A healthy replica, round robin, or null when none is (the caller reads the primary). */
  pick(): ReplicaClient | null {
    const n = this.replicas.length;
    for (let k = 0; k < n; k++) {
      const replica = this.replicas[(this.next + k) % n];
      if (replica.state === 'up') {
        this.next = (this.next + k + 1) % n;
        return replica;
      }
    }
    return null;
  }

  /** A query on a replica failed to reach it: skip it until a check finds it back. */
  markDown(replica: ReplicaClient, reason: string): void {
    if (replica.state !== 'down') this.logger.warn(`replica ${replica.index} is down (${reason}); reading from the primary`);
    replica.state = 'down';
    replica.lagMs = null;
  }

  health(): ReplicaHealth[] {
    return this.replicas.map((r) => ({ replica: r.index, state: r.state, lagMs: r.lagMs, checkedAt: r.checkedAt?.toISOString() ?? null }));
  }

  /** One measurement of every replica; concurrent callers share the one in flight. */
  checkNow(): Promise<void> {
    this.checking ??= this.measure().finally(() => (this.checking = null));
    return this.checking;
  }

  private async measure(): Promise<void> {
    let sample: Sample | null = null;
    try {
      const { rows } = await this.primary.query<{ lsn: string }>("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS lsn");
      sample = { at: Date.now(), lsn: BigInt(rows[0].lsn) };
      this.samples.push(sample);
      if (this.samples.length > SAMPLES) this.samples.shift();
    } catch {
      // The primary is unreachable: replicas are still measured for reachability, lag unknown.
    }
    await Promise.all(this.replicas.map((r) => this.measureOne(r, sample)));
  }

  private async measureOne(replica: ReplicaClient, sample: Sample | null): Promise<void> {
    const before = replica.state;
    try {
      const { rows } = await withTimeout(
        replica.pool.query<{ standby: boolean; replayed: string | null }>(
          "SELECT pg_is_in_recovery() AS standby, (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::text AS replayed",
        ),
      );
      // Should the replica refuse the connection, ReplicaPool answers from the primary, which says
      // it is not in recovery: down either way.
      const { standby, replayed } = rows[0];
      replica.checkedAt = new Date();
      if (!standby || replayed === null) {
        // Promoted, or not a streaming standby at all: its data may have forked from the primary's.
        replica.state = 'down';
        replica.lagMs = null;
      } else {
        replica.lagMs = sample ? this.lagOf(BigInt(replayed), sample.at) : null;
        replica.state = replica.lagMs !== null && replica.lagMs <= this.options.maxLagMs ? 'up' : 'lagging';
      }
    } catch (err) {
      replica.checkedAt = new Date();
      this.markDown(replica, err instanceof Error ? err.message : String(err));
    }
    if (replica.state !== before && replica.state !== 'down') this.logger.log(`replica ${replica.index}: ${before} → ${replica.state} (lag ${replica.lagMs ?? '?'} ms)`);
  }

  /** now − the time of the newest primary position the replica has replayed; null when past every kept sample. */
  private lagOf(replayed: bigint, now: number): number | null {
    for (let i = this.samples.length - 1; i >= 0; i--) {
      if (this.samples[i].lsn <= replayed) return now - this.samples[i].at;
    }
    return null;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking?.catch(() => undefined);
    await Promise.all(
      this.replicas.map(async (r) => {
        await r.$disconnect().catch(() => undefined);
        await r.pool.end().catch(() => undefined);
      }),
    );
  }
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
