import { Logger } from '@nestjs/common';
import { loadConfig } from '../../src/config/config';
import { PrismaService, Tx } from '../../src/database/prisma.service';
import type { DomainEvent, StoredEvent } from '../../src/modules/events/domain-events';
import { EventRelay } from '../../src/modules/events/event-relay';
import { EventsRepository } from '../../src/modules/events/events.repository';
import { EventsService } from '../../src/modules/events/events.service';
import { OutboxFeed } from '../../src/modules/events/outbox-feed';
import { createTestDatabase, TestDatabase } from '../helpers/database';

/**
 * The outbox on real PostgreSQL, with "instances" built from the real classes: each has its own
 * pool, relay and service on the same database, as two processes behind a load balancer would.
 * Nothing here waits on a clock: the relays' poll is ten minutes, and each test drives them with
 * runOnce() or waits for a handler that the LISTEN/NOTIFY wake-up reaches.
 */

interface Instance {
  prisma: PrismaService;
  feed: OutboxFeed;
  relay: EventRelay;
  events: EventsService;
}

let db: TestDatabase;
const open: Instance[] = [];

function instance(env: Record<string, string> = {}): Instance {
  const config = loadConfig({ NODE_ENV: 'test', EVENTS_POLL_MS: '600000', EVENTS_BATCH_SIZE: '10', ...env });
  const prisma = new PrismaService({ url: db.url, poolSize: 4 });
  const repository = new EventsRepository(prisma);
  const feed = new OutboxFeed(prisma, config);
  const relay = new EventRelay(prisma, repository, feed, config);
  const created = { prisma, feed, relay, events: new EventsService(prisma, repository, relay) };
  open.push(created);
  return created;
}

/** A consumer that remembers what it was handed (its database work would run in tx). */
function collector(name: string, handled: string[], work: (e: StoredEvent<'comment.posted'>, tx: Tx) => Promise<void> = async () => undefined) {
  return {
    name,
    types: ['comment.posted'] as const,
    handle: async (e: StoredEvent<'comment.posted'>, tx: Tx) => {
      await work(e, tx);
      handled.push(e.payload.commentId);
    },
  };
}

const posted = (commentId: string): DomainEvent => ({
  type: 'comment.posted',
  payload: { commentId, articleId: '00000000-0000-4000-8000-000000000001', authorId: '00000000-0000-4000-8000-000000000002', parentId: null, visible: true, status: 'PUBLISHED' },
});

async function recordCommitted(i: Instance, ...ids: string[]): Promise<void> {
  await i.prisma.$transaction(async (tx) => {
    for (const id of ids) await i.events.record(tx, posted(id));
  });
}

async function cursorOf(i: Instance, name: string) {
  const [row] = await i.prisma.$queryRaw<{ position: bigint; attempts: number; lastError: string | null }[]>`
    SELECT position, attempts, last_error AS "lastError" FROM event_consumers WHERE name = ${name}`;
  return row;
}

beforeAll(() => Logger.overrideLogger(false));

beforeEach(async () => {
  db = await createTestDatabase();
});

afterEach(async () => {
  for (const i of open.splice(0)) {
    await i.relay.onModuleDestroy();
    await i.feed.onModuleDestroy();
    await i.prisma.onModuleDestroy();
  }
  await db.drop();
});

/** Consumers' rows created; the relay works only when a test runs it. */
async function prepared(i: Instance): Promise<Instance> {
  await i.relay.ensureConsumers();
  return i;
}

/** Working in the background as in the app: listening, woken by notifications. */
async function started(i: Instance): Promise<Instance> {
  i.relay.onApplicationBootstrap();
  await i.relay.runOnce();
  return i;
}

describe('event outbox', () => {
  it('hands a consumer every committed event once, in delivery order, even when transactions commit out of id order', async () => {
    const a = instance();
    const handled: string[] = [];
    a.events.registerConsumer(collector('c', handled));
    await prepared(a);
    // A takes the smaller id and commits last: a cursor on ids would skip it.
    let commitSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (commitSlow = resolve));
    let slowRecorded!: () => void;
    const slowHasRecorded = new Promise<void>((resolve) => (slowRecorded = resolve));
    const slow = a.prisma.$transaction(async (tx) => {
      await a.events.record(tx, posted('slow'));
      slowRecorded();
      await slowGate;
    });
    await slowHasRecorded;
    await recordCommitted(a, 'fast-1', 'fast-2');
    await a.relay.runOnce();
    expect(handled).toEqual(['fast-1', 'fast-2']);
    commitSlow();
    await slow;
    await recordCommitted(a, 'later');
    await a.relay.runOnce();
    await a.relay.runOnce();
    expect(handled).toEqual(['fast-1', 'fast-2', 'slow', 'later']);
    expect((await cursorOf(a, 'c')).position).toBe(4n);
  });

  it('records nothing when the transaction rolls back, and hands over nothing', async () => {
    const a = instance();
    const handled: string[] = [];
    a.events.registerConsumer({ ...collector('c', handled), immediate: () => true });
    await prepared(a);
    await expect(
      a.events.transaction(async (tx) => {
        await a.events.record(tx, posted('rolled-back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await a.relay.runOnce();
    expect(handled).toEqual([]);
    expect(await a.prisma.domainEvent.count()).toBe(0);
  });

  it('runs immediate consumers before transaction() resolves, and the relay hands the event over again (handlers are idempotent)', async () => {
    const a = instance();
    const handled: string[] = [];
    a.events.registerConsumer({ ...collector('c', handled), immediate: () => true });
    await prepared(a);
    await a.events.transaction((tx) => a.events.record(tx, posted('now')));
    expect(handled).toEqual(['now']);
    await a.relay.runOnce();
    expect(handled).toEqual(['now', 'now']);
  });

  it('gives two instances competing for one consumer disjoint work, together all of it, each in order', async () => {
    const [a, b] = [instance(), instance()];
    const byA: string[] = [];
    const byB: string[] = [];
    // A little work per event, in the database, so that the two really overlap.
    const work = async (_e: StoredEvent<'comment.posted'>, tx: Tx) => void (await tx.$executeRaw`SELECT pg_sleep(0.002)`);
    a.events.registerConsumer(collector('shared', byA, work));
    b.events.registerConsumer(collector('shared', byB, work));
    await Promise.all([prepared(a), prepared(b)]);
    const ids = Array.from({ length: 120 }, (_, n) => `e${String(n).padStart(3, '0')}`);
    for (let n = 0; n < ids.length; n += 6) {
      await recordCommitted(n % 12 === 0 ? a : b, ...ids.slice(n, n + 6));
      await Promise.all([a.relay.runOnce(), b.relay.runOnce()]);
    }
    await Promise.all([a.relay.runOnce(), b.relay.runOnce()]);
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect([...byA, ...byB].sort()).toEqual(ids);
    expect(byA).toEqual([...byA].sort());
    expect(byB).toEqual([...byB].sort());
  });

  it('lets the other instance skip a consumer held mid-batch, without waiting or handling its events twice', async () => {
    const [a, b] = [instance(), instance()];
    const byA: string[] = [];
    const byB: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const inHandler = new Promise<void>((resolve) => (reached = resolve));
    a.events.registerConsumer(
      collector('shared', byA, async () => {
        reached();
        await gate;
      }),
    );
    b.events.registerConsumer(collector('shared', byB));
    await Promise.all([prepared(a), prepared(b)]);
    await recordCommitted(a, 'one', 'two');
    const holding = a.relay.runOnce();
    await inHandler;
    await b.relay.runOnce();
    expect(byB).toEqual([]);
    release();
    await holding;
    expect(byA).toEqual(['one', 'two']);
    await recordCommitted(b, 'three');
    await b.relay.runOnce();
    expect(byB).toEqual(['three']);
  });

  it('keeps an event whose consumer dies before acknowledging it, and another instance hands it over', async () => {
    const [a, b] = [instance(), instance()];
    const byB: string[] = [];
    let backend = 0;
    let reached!: () => void;
    const inHandler = new Promise<void>((resolve) => (reached = resolve));
    a.events.registerConsumer({
      name: 'c',
      types: ['comment.posted'],
      handle: async (_e, tx) => {
        [{ pid: backend }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        reached();
        // Blocks until the connection is killed under it: the process "died" mid-work.
        await tx.$queryRaw`SELECT pg_sleep(60)`;
      },
    });
    b.events.registerConsumer(collector('c', byB));
    await prepared(a);
    await prepared(b);
    await recordCommitted(a, 'survivor');
    const dying = a.relay.runOnce().catch((err: unknown) => err);
    await inHandler;
    await b.prisma.$executeRaw`SELECT pg_terminate_backend(${backend}::int)`;
    expect(await dying).toBeInstanceOf(Error);
    expect((await cursorOf(b, 'c')).position).toBe(0n);
    await b.relay.runOnce();
    expect(byB).toEqual(['survivor']);
    expect((await cursorOf(b, 'c')).position).toBe(1n);
  });

  it('retries a failing event after the events before it, and skips it after the last attempt', async () => {
    const a = instance({ EVENTS_MAX_ATTEMPTS: '2' });
    const handled: string[] = [];
    a.events.registerConsumer(
      collector('c', handled, async (e) => {
        if (e.payload.commentId === 'poison') throw new Error('cannot handle this one');
      }),
    );
    await prepared(a);
    await recordCommitted(a, 'first', 'poison', 'after');
    await a.relay.runOnce();
    expect(handled).toEqual(['first']);
    expect(await cursorOf(a, 'c')).toEqual({ position: 1n, attempts: 1, lastError: 'cannot handle this one' });
    // Not before its retry time; then once more, and given up.
    await a.relay.runOnce();
    expect(handled).toEqual(['first']);
    await a.prisma.$executeRaw`UPDATE event_consumers SET retry_at = now() WHERE name = 'c'`;
    await a.relay.runOnce();
    await a.relay.runOnce();
    expect(handled).toEqual(['first', 'after']);
    expect(await cursorOf(a, 'c')).toEqual({ position: 3n, attempts: 0, lastError: null });
  });

  it('wakes the relay of another instance through LISTEN/NOTIFY, with no poll', async () => {
    const [a, b] = [instance(), instance()];
    let delivered!: (id: string) => void;
    const arrived = new Promise<string>((resolve) => (delivered = resolve));
    b.events.registerConsumer({ name: 'elsewhere', types: ['comment.posted'], handle: async (e) => delivered(e.payload.commentId) });
    await started(a);
    await started(b);
    await a.events.transaction((tx) => a.events.record(tx, posted('across')));
    expect(await arrived).toBe('across');
  });

  it('prunes events every consumer has passed once older than the retention, and keeps the rest', async () => {
    const a = instance({ EVENTS_RETENTION_HOURS: '1' });
    const handled: string[] = [];
    a.events.registerConsumer(collector('c', handled));
    // Driven by hand: a relay woken in the background could pass 'old-unhandled' before the prune.
    await prepared(a);
    await recordCommitted(a, 'old-handled', 'new-handled');
    await a.relay.runOnce();
    await recordCommitted(a, 'old-unhandled');
    await a.prisma.$executeRaw`UPDATE domain_events SET created_at = now() - interval '2 hours' WHERE payload->>'commentId' LIKE 'old-%'`;
    const repository = new EventsRepository(a.prisma);
    await repository.stampCommitted(10);
    expect(await repository.prune(1, 100)).toBe(1);
    const kept = await a.prisma.domainEvent.findMany({ orderBy: { id: 'asc' } });
    expect(kept.map((e) => (e.payload as { commentId: string }).commentId)).toEqual(['new-handled', 'old-unhandled']);
    // Positions are never reused after pruning.
    await a.relay.runOnce();
    await recordCommitted(a, 'next');
    await a.relay.runOnce();
    expect((await a.prisma.domainEvent.findFirst({ orderBy: { id: 'desc' } }))?.position).toBe(4n);
    expect(handled).toEqual(['old-handled', 'new-handled', 'old-unhandled', 'next']);
  });
});

describe('outbox feed (one LISTEN session per instance)', () => {
  /** The sessions listening on the outbox channel in this test's database. */
  async function listeners(i: Instance): Promise<number[]> {
    const rows = await i.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN parley_events'`;
    return rows.map((r) => r.pid);
  }

  /** A subscriber that counts its wake-ups and lets a test wait for the next one. */
  function subscriber(feed: OutboxFeed) {
    let wakes = 0;
    let waiting: { after: number; resolve: () => void }[] = [];
    feed.subscribe(() => {
      wakes += 1;
      for (const w of waiting.filter((x) => wakes > x.after)) w.resolve();
      waiting = waiting.filter((x) => wakes <= x.after);
    });
    return {
      get wakes() {
        return wakes;
      },
      /** Resolves at the first wake-up after the one counted now. */
      next(): Promise<void> {
        const after = wakes;
        return new Promise((resolve) => waiting.push({ after, resolve }));
      },
    };
  }

  it('opens one session for all its subscribers and wakes each when another instance stamps events', async () => {
    const [a, b] = [instance(), instance()];
    const first = subscriber(a.feed);
    const connected = first.next();
    const second = subscriber(a.feed);
    // Once connected, the feed wakes everyone (events stamped while nobody listened).
    await connected;
    expect(await listeners(a)).toHaveLength(1);
    const [one, two] = [first.next(), second.next()];
    await recordCommitted(b, 'elsewhere');
    await b.relay.runOnce();
    await Promise.all([one, two]);
    expect(await listeners(a)).toHaveLength(1);
  });

  it('listens again after its session is cut, and wakes its subscribers once back', async () => {
    const a = instance({ EVENTS_POLL_MS: '50' });
    const b = instance();
    const woken = subscriber(a.feed);
    await woken.next();
    const [pid] = await listeners(a);
    const back = woken.next();
    await b.prisma.$executeRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await back;
    const [again] = await listeners(a);
    expect(again).toBeDefined();
    expect(again).not.toBe(pid);
    expect(a.feed.connected).toBe(true);
    // And notifications reach it on the new session.
    const notified = woken.next();
    await recordCommitted(b, 'after-reconnect');
    await b.relay.runOnce();
    await notified;
  });

  it('ends its session at shutdown and opens none afterwards', async () => {
    const a = instance({ EVENTS_POLL_MS: '50' });
    const woken = subscriber(a.feed);
    await woken.next();
    await a.feed.onModuleDestroy();
    expect(a.feed.connected).toBe(false);
    subscriber(a.feed);
    const b = instance();
    // The ended session leaves pg_stat_activity asynchronously: wait for it on the server's side.
    for (let n = (await listeners(b)).length; n > 0; n = (await listeners(b)).length) await b.prisma.$queryRaw`SELECT pg_sleep(0.02)`;
    expect(await listeners(b)).toEqual([]);
  });
});
