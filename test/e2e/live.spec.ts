import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { drainAndClose } from '../../src/common/http/graceful-shutdown';
import { EventsService } from '../../src/modules/events/events.service';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, Personas } from '../helpers/factories';
import { SseClient, SseMessage } from '../helpers/sse';

/**
 * The live streams end to end: real HTTP connections held open, comments posted and flagged
 * through the API, the outbox relay and LISTEN/NOTIFY in between, and a second app instance on
 * the same database for fan-out.
 */

async function listen(app: NestExpressApplication): Promise<string> {
  const server = app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const about = (commentId: string) => (m: SseMessage) => (m.data as { commentId?: string }).commentId === commentId;

describe('live updates (Server-Sent Events)', () => {
  let t: TestApp;
  let base: string;
  let p: Personas;
  const open: SseClient[] = [];

  const stream = async (path: string, headers: Record<string, string> = {}) => {
    const client = await SseClient.open(base, path, headers);
    open.push(client);
    return client;
  };
  const post = async (articleId: string, who: { auth: { Authorization: string } }, body: string): Promise<string> =>
    (await request(base).post(`/api/articles/${articleId}/comments`).set(who.auth).send({ body }).expect(201)).body.id as string;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_MAX_STREAMS_PER_IP: '1000', LIVE_HEARTBEAT_MS: '200' });
    base = await listen(t.app);
    p = await createPersonas(t.prisma);
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(() => t.close());

  it('streams a visible comment to the readers of its article, with the outbox position as its id', async () => {
    const article = await createArticle(t.prisma);
    const other = await createArticle(t.prisma);
    const sse = await stream(`/api/articles/${article.id}/events`);
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
    const elsewhere = await stream(`/api/articles/${other.id}/events`);
    const id = await post(article.id, p.reader, 'Live from the hearing.');
    const msg = await sse.next(about(id));
    expect(msg).toMatchObject({ event: 'comment.posted', data: { commentId: id, parentId: null } });
    const row = await t.prisma.domainEvent.findFirstOrThrow({ where: { type: 'comment.posted', payload: { path: ['commentId'], equals: id } } });
    expect(msg.id).toBe(String(row.position));
    expect(sse.retry).toBeGreaterThan(0);
    // A later comment on the other article reaches its stream; the first article's comment never did.
    const marker = await post(other.id, p.reader, 'Elsewhere.');
    await elsewhere.next(about(marker));
    expect(elsewhere.messages.filter(about(id))).toEqual([]);
  });

  it('never shows a reader another reader’s held comment', async () => {
    const article = await createArticle(t.prisma, { moderationMode: 'PRE' });
    const sse = await stream(`/api/articles/${article.id}/events`);
    const held = await post(article.id, p.otherReader, 'Waiting for a moderator.');
    // The moderator approves another comment: the stream gets that one, and the held one never came before it.
    const shown = await post(article.id, p.reader, 'Approved soon.');
    await request(base).post(`/api/moderation/comments/${shown}/decisions`).set(p.moderator.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PENDING' }).expect(201);
    // Readers learn of approvals through comment.status_changed (recorded by decisions); until then, record one as the writer would.
    await t.app.get(EventsService).transaction((tx) =>
      t.app.get(EventsService).record(tx, {
        type: 'comment.status_changed',
        payload: { commentId: shown, articleId: article.id, authorId: p.reader.id, parentId: null, visible: true, wasVisible: false, from: 'PENDING', to: 'APPROVED', cause: 'decision' },
      }),
    );
    const msg = await sse.next(about(shown));
    expect(msg.event).toBe('comment.shown');
    expect([...sse.messages].filter(about(held))).toEqual([]);
  });

  it('resumes from Last-Event-ID with exactly the events missed, then goes on live', async () => {
    const article = await createArticle(t.prisma);
    const first = await stream(`/api/articles/${article.id}/events`);
    const seen = await first.next(about(await post(article.id, p.reader, 'Before the drop.')));
    first.close();
    const missed = [await post(article.id, p.reader, 'Missed one.'), await post(article.id, p.otherReader, 'Missed two.')];
    const resumed = await stream(`/api/articles/${article.id}/events`, { 'Last-Event-ID': seen.id as string });
    const live = await post(article.id, p.reader, 'After the return.');
    await resumed.next(about(live));
    const got = resumed.messages.filter((m) => m.event === 'comment.posted').map((m) => (m.data as { commentId: string }).commentId);
    expect(got).toEqual([...missed, live]);
    const ids = resumed.messages.map((m) => BigInt(m.id as string));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('tells a client whose Last-Event-ID is no longer kept to reload, with an id to resume from', async () => {
    const article = await createArticle(t.prisma);
    const sse = await stream(`/api/articles/${article.id}/events`);
    const old = await sse.next(about(await post(article.id, p.reader, 'Soon pruned.')));
    const next = await sse.next(about(await post(article.id, p.reader, 'Also pruned.')));
    sse.close();
    // What the relay's pruning does after the retention period: the event after `old` is gone.
    await t.prisma.$executeRaw`DELETE FROM domain_events WHERE position <= ${BigInt(next.id as string)}`;
    const resumed = await stream(`/api/articles/${article.id}/events`, { 'Last-Event-ID': old.id as string });
    const reset = await resumed.next();
    expect(reset.event).toBe('reset');
    const [{ last }] = await t.prisma.$queryRaw<{ last: bigint }[]>`SELECT last_position AS last FROM event_sequence`;
    expect(BigInt(reset.id as string)).toBeGreaterThanOrEqual(BigInt(next.id as string));
    expect(BigInt(reset.id as string)).toBeLessThanOrEqual(last);
  });

  it('refuses a Last-Event-ID that is not an event id, and an article that does not exist', async () => {
    const article = await createArticle(t.prisma);
    const bad = await stream(`/api/articles/${article.id}/events`, { 'Last-Event-ID': 'abc' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'LAST_EVENT_ID_INVALID' });
    const missing = await stream('/api/articles/00000000-0000-4000-8000-000000000000/events');
    expect(missing.status).toBe(404);
  });

  it('refuses the moderation stream to anonymous callers (401) and readers (403)', async () => {
    expect((await stream('/api/moderation/events')).status).toBe(401);
    const reader = await stream('/api/moderation/events', p.reader.auth);
    expect(reader.status).toBe(403);
    expect(JSON.parse(reader.body)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives moderators queue counts, held items and flags as they happen', async () => {
    const mod = await stream('/api/moderation/events', p.moderator.auth);
    expect(mod.status).toBe(200);
    const initial = await mod.next((m) => m.event === 'queue.counts');
    expect(initial.data).toMatchObject({ counts: expect.any(Object), alerts: expect.any(Array) });
    const article = await createArticle(t.prisma, { moderationMode: 'PRE' });
    const held = await post(article.id, p.reader, 'Hold me.');
    expect(await mod.next(about(held))).toMatchObject({ event: 'item.held', data: { articleId: article.id, status: 'PENDING' } });
    const counts = await mod.next((m) => m.event === 'queue.counts');
    expect((counts.data as { counts: Record<string, number> }).counts).toBeDefined();
    const open = await createArticle(t.prisma);
    const visible = await post(open.id, p.reader, 'Flag me.');
    await request(base).post(`/api/comments/${visible}/flags`).set(p.otherReader.auth).send({ reason: 'SPAM' }).expect(201);
    expect((await mod.next(about(visible))).event).toMatch(/^item\.(flagged|urgent)$/);
  });

  it('sends heartbeat comments on idle streams', async () => {
    const article = await createArticle(t.prisma);
    const sse = await stream(`/api/articles/${article.id}/events`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sse.comments).toContain('hb');
  });

  it('limits open streams per client address, and ends streams when the instance drains', async () => {
    const limited = await startTestApp({ LIVE_MAX_STREAMS_PER_IP: '2' });
    try {
      const url = await listen(limited.app);
      const article = await createArticle(limited.prisma);
      const a = await SseClient.open(url, `/api/articles/${article.id}/events`);
      const b = await SseClient.open(url, `/api/articles/${article.id}/events`);
      const c = await SseClient.open(url, `/api/articles/${article.id}/events`);
      expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
      expect(c.headers['retry-after']).toBeDefined();
      expect(JSON.parse(c.body)).toMatchObject({ code: 'TOO_MANY_STREAMS' });
      a.close();
      await a.whenEnded();
      // The slot is free again once the server saw the close.
      let d = await SseClient.open(url, `/api/articles/${article.id}/events`);
      for (let i = 0; d.status === 429 && i < 50; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        d = await SseClient.open(url, `/api/articles/${article.id}/events`);
      }
      expect(d.status).toBe(200);
      const drained = await drainAndClose(limited.app, { graceMs: 5000 });
      await Promise.all([b.whenEnded(), d.whenEnded()]);
      expect(drained.forced).toBe(false);
    } finally {
      await limited.db.drop();
    }
  });

  it('fans out across instances: a comment posted through instance A reaches a client of instance B', async () => {
    const other = await createApp({ config: t.config, databaseUrl: t.db.url, webDir: process.env.PARLEY_TEST_WEB_DIR });
    await other.init();
    try {
      const baseB = await listen(other);
      const article = await createArticle(t.prisma);
      const onB = await SseClient.open(baseB, `/api/articles/${article.id}/events`);
      open.push(onB);
      const modOnB = await SseClient.open(baseB, '/api/moderation/events', p.moderator.auth);
      open.push(modOnB);
      const id = await post(article.id, p.reader, 'Posted through A.');
      expect(await onB.next(about(id))).toMatchObject({ event: 'comment.posted' });
      await request(base).post(`/api/comments/${id}/flags`).set(p.otherReader.auth).send({ reason: 'SPAM' }).expect(201);
      expect((await modOnB.next(about(id))).event).toMatch(/^item\./);
    } finally {
      for (const c of open.splice(0)) c.close();
      await other.close();
    }
  });
});
