import type { QueryResultRow } from 'pg';
import type { ReadClient } from './prisma.service';
import { isReplica } from './replicas';

/**
 * How Parley writes SQL (docs/architecture.md, "SQL"):
 *
 * 1. Single-table work: the Prisma model API (`tx.comment.update(...)`).
 * 2. Anything else (joins, CTEs, locks, conditional updates): `tx.$queryRaw` / `$executeRaw` tagged
 *    templates. Values are bound parameters, and the statement joins the caller's transaction when
 *    the repository method is handed its `tx`. Fixed SQL text from code (status lists, queue
 *    conditions) is spliced with `Prisma.raw`.
 * 3. A hot statement, here: a named statement on the pool, parsed and planned once per pooled
 *    connection. Only for statements a benchmark shows hot, each naming that benchmark. It runs on
 *    a connection of its own and therefore NEVER inside a caller's transaction: a hot statement
 *    is its own transaction (write several rows in one statement when they must change together).
 *
 * Every raw column is aliased to camelCase (`c.created_at AS "createdAt"`) in the repository's
 * exported row type, so no snake_case leaves a repository. Work that needs a connection of its
 * own takes one explicitly and says why: bounded, cancellable reports through BoundedQueries, the
 * data export's snapshot and cursor (account/user-data/user-export.ts), the health probe of the
 * pool, the instance's LISTEN session on the outbox (events/outbox-feed.ts, PrismaService.newSessionClient).
 * The lint refuses `.pool` anywhere else (eslint.config.mjs).
 *
 * Reads a read replica may serve pass `prisma.forRead()` (the primary or a replica, read-routing.ts)
 * where others pass `prisma`.
 */

/** The benchmarks that justify a hot statement (bench/README.md gives their figures). */
export type HotBench =
  /** Thread pages and posting: bench/README.md, "Threads". */
  | 'bench/load.mjs'
  /** Moderation queue pages and counts: bench/README.md, "Moderation queues". */
  | 'bench/queues.mjs'
  /** The note scorer's input, a million rating rows in memory: bench/README.md, "Community Notes scoring". */
  | 'bench/note-scoring.bench.ts';

export interface HotStatement {
  /** Unique per distinct SQL text: the pool prepares the statement under this name. */
  name: string;
  text: string;
  values: unknown[];
  /** The benchmark that shows this statement hot. */
  bench: HotBench;
}

/**
 * Runs a hot statement (see above: outside any transaction) and returns its rows. Given a replica
 * (PrismaService.forRead) that turns out unreachable between two health checks, it marks the
 * replica down and runs the statement on the primary instead of failing the request.
 */
export async function runHot<R extends QueryResultRow>(client: ReadClient, statement: HotStatement): Promise<R[]> {
  const query = { name: statement.name, text: statement.text, values: statement.values };
  try {
    const { rows } = await client.pool.query<R>(query);
    return rows;
  } catch (err) {
    if (!isReplica(client) || !client.unreachable(err)) throw err;
    const { rows } = await client.fallback.pool.query<R>(query);
    return rows;
  }
}
