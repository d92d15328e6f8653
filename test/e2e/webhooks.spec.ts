import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { WebhooksRepository } from '../../src/modules/webhooks/webhooks.repository';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, Personas } from '../helpers/factories';

/** A real HTTP receiver on loopback: records every request; answers per path from a script. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

class Receiver {
  readonly received: Received[] = [];
  /** Status codes to answer, per path, in order; the last one repeats. Unscripted paths get 204. */
  readonly script = new Map<string, number[]>();
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const codes = this.script.get(path) ?? [204];
      const status = codes.length > 1 ? (codes.shift() as number) : codes[0];
      res.writeHead(status, status === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end();
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }
  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }
  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits for the asynchronous delivery (relay, then worker) to reach a state; fails with the last value seen. */
async function until<T>(what: string, read: () => Promise<T> | T, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await read();
  }
  return last;
}

const FAST = {
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  WEBHOOKS_POLL_MS: '50',
  EVENTS_POLL_MS: '100',
  WEBHOOKS_RETRY_DELAYS: '100ms',
  WEBHOOKS_DISABLE_AFTER: '1',
  WEBHOOKS_TIMEOUT_MS: '2000',
  WEBHOOKS_BATCH_SIZE: '3',
};

describe('webhooks', () => {
  let t: TestApp;
  let p: Personas;
  let receiver: Receiver;
  let articleId: string;
  let n = 0;

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    t = await startTestApp(FAST);
    p = await createPersonas(t.prisma);
    articleId = (await createArticle(t.prisma)).id;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  async function register(path: string, eventTypes = ['comment.posted']): Promise<{ id: string; secret: string }> {
    const res = await request(t.http).post('/api/webhooks/endpoints').set(p.admin.auth).send({ url: receiver.url(path), eventTypes, description: path }).expect(201);
    return res.body;
  }
  async function post(): Promise<string> {
    n += 1;
    const res = await request(t.http).post(`/api/articles/${articleId}/comments`).set(p.reader.auth).send({ body: `Reader comment number ${n} on the ceasefire report` }).expect(201);
    return res.body.id;
  }
  async function deliveries(endpointId: string) {
    const res = await request(t.http).get(`/api/webhooks/endpoints/${endpointId}/deliveries`).set(p.admin.auth).expect(200);
    return res.body.items as { id: string; status: string; attempts: number; responseStatus: number | null; responseMs: number | null; lastError: string | null; nextAttemptAt: string | null }[];
  }
  async function endpoint(id: string) {
    return (await request(t.http).get(`/api/webhooks/endpoints/${id}`).set(p.admin.auth).expect(200)).body;
  }

  it('registers an endpoint with a whsec_ secret shown once, and lists, reads, updates and rotates it', async () => {
    const created = await register('/crud', ['*']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await endpoint(created.id);
    expect(read).toMatchObject({ id: created.id, url: receiver.url('/crud'), eventTypes: ['*'], enabled: true, disabledReason: null });
    expect(read).not.toHaveProperty('secret');
    const list = await request(t.http).get('/api/webhooks/endpoints').set(p.admin.auth).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const updated = await request(t.http).patch(`/api/webhooks/endpoints/${created.id}`).set(p.admin.auth).send({ eventTypes: ['flag.raised'], enabled: false }).expect(200);
    expect(updated.body).toMatchObject({ eventTypes: ['flag.raised'], enabled: false });
    const rotated = await request(t.http).post(`/api/webhooks/endpoints/${created.id}/secret`).set(p.admin.auth).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);

    const bad = await request(t.http).post('/api/webhooks/endpoints').set(p.admin.auth).send({ url: receiver.url('/x'), eventTypes: ['comment.exploded'] }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await request(t.http).post('/api/webhooks/endpoints').set(p.admin.auth).send({ url: 'ftp://example.org/x', eventTypes: ['*'] }).expect(400);
    await request(t.http).delete(`/api/webhooks/endpoints/${created.id}`).set(p.admin.auth).expect(204);
    await request(t.http).get(`/api/webhooks/endpoints/${created.id}`).set(p.admin.auth).expect(404);
    await request(t.http).delete(`/api/webhooks/endpoints/${created.id}`).set(p.admin.auth).expect(404);
  });

  it('is for admins only', async () => {
    await request(t.http).get('/api/webhooks/endpoints').expect(401);
    for (const who of [p.reader, p.moderator, p.factChecker]) {
      await request(t.http).get('/api/webhooks/endpoints').set(who.auth).expect(403);
      await request(t.http).post('/api/webhooks/endpoints').set(who.auth).send({ url: receiver.url('/nope'), eventTypes: ['*'] }).expect(403);
    }
  });

  it('delivers a posted comment signed per Standard Webhooks, verified with the package', async () => {
    const ep = await register('/signed');
    const commentId = await post();
    const [got] = await until('a signed delivery', () => receiver.at('/signed'), (r) => r.length >= 1);
    const verified = new Webhook(ep.secret).verify(got.body, {
      'webhook-id': got.headers['webhook-id'] as string,
      'webhook-timestamp': got.headers['webhook-timestamp'] as string,
      'webhook-signature': got.headers['webhook-signature'] as string,
    });
    expect(verified).toMatchObject({ type: 'comment.posted', data: { commentId, articleId, authorId: p.reader.id } });
    expect(got.headers['content-type']).toBe('application/json');
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got.body, got.headers as Record<string, string>)).toThrow();

    const [d] = await until('the delivery recorded', () => deliveries(ep.id), (ds) => ds[0]?.status === 'SUCCEEDED');
    expect(got.headers['webhook-id']).toBe(`msg_${d.id}`);
    expect(d).toMatchObject({ attempts: 1, responseStatus: 204, lastError: null, nextAttemptAt: null });
    expect(d.responseMs).toEqual(expect.any(Number));
    await request(t.http).delete(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).expect(204);
  });

  it('retries after a 500 and records both attempts, then replays with the same webhook-id', async () => {
    receiver.script.set('/flaky', [500, 200]);
    const ep = await register('/flaky');
    await post();
    const [d] = await until('success after a retry', () => deliveries(ep.id), (ds) => ds[0]?.status === 'SUCCEEDED');
    expect(d).toMatchObject({ attempts: 2, responseStatus: 200 });
    const calls = receiver.at('/flaky');
    expect(calls).toHaveLength(2);
    expect(calls[0].headers['webhook-id']).toBe(calls[1].headers['webhook-id']);

    const replayed = await request(t.http).post(`/api/webhooks/deliveries/${d.id}/replay`).set(p.admin.auth).expect(202);
    expect(replayed.body).toMatchObject({ id: d.id, status: 'PENDING' });
    await until('the replay', () => receiver.at('/flaky'), (r) => r.length === 3);
    const [after] = await until('the replay recorded', () => deliveries(ep.id), (ds) => ds[0]?.status === 'SUCCEEDED');
    expect(after.attempts).toBe(3);
    expect(receiver.at('/flaky')[2].body).toBe(calls[0].body);
    await request(t.http).post('/api/webhooks/deliveries/00000000-0000-4000-8000-000000000000/replay').set(p.admin.auth).expect(404);
    await request(t.http).delete(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).expect(204);
  });

  it('sends a test event on request', async () => {
    const ep = await register('/test-event');
    const res = await request(t.http).post(`/api/webhooks/endpoints/${ep.id}/test`).set(p.admin.auth).expect(202);
    expect(res.body).toMatchObject({ eventType: 'webhook.test', eventId: null, status: 'PENDING' });
    const [got] = await until('the test event', () => receiver.at('/test-event'), (r) => r.length === 1);
    expect(new Webhook(ep.secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
    await request(t.http).delete(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).expect(204);
  });

  it('disables an endpoint at once when it answers 410 Gone, with an audit row', async () => {
    receiver.script.set('/gone', [410]);
    const ep = await register('/gone');
    await post();
    const disabled = await until('disabling', () => endpoint(ep.id), (e) => e.enabled === false);
    expect(disabled).toMatchObject({ disabledReason: 'gone', disabledAt: expect.any(String) });
    expect(receiver.at('/gone')).toHaveLength(1);
    const [d] = await deliveries(ep.id);
    expect(d).toMatchObject({ status: 'FAILED', attempts: 1, responseStatus: 410 });
    const audit = await request(t.http).get('/api/audit?kind=WEBHOOK_ENDPOINT_DISABLED').set(p.admin.auth).expect(200);
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'WEBHOOK_ENDPOINT_DISABLED', targetType: 'webhook_endpoint', targetId: ep.id, data: expect.objectContaining({ reason: 'gone' }) })]));

    // Disabled: later events are not fanned out to it, test events and replays are refused.
    await post();
    await request(t.http).post(`/api/webhooks/endpoints/${ep.id}/test`).set(p.admin.auth).expect(409);
    await request(t.http).post(`/api/webhooks/deliveries/${d.id}/replay`).set(p.admin.auth).expect(409);
    // Enabling again clears the notice.
    const again = await request(t.http).patch(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).send({ enabled: true }).expect(200);
    expect(again.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    await request(t.http).delete(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).expect(204);
  });

  it('disables an endpoint after persistent failure (retries used up), and a redirect counts as a failure', async () => {
    receiver.script.set('/down', [302]);
    const ep = await register('/down');
    await post();
    const disabled = await until('disabling', () => endpoint(ep.id), (e) => e.enabled === false);
    expect(disabled).toMatchObject({ disabledReason: 'failing', exhaustedInARow: 1, failingSince: expect.any(String) });
    const [d] = await deliveries(ep.id);
    expect(d).toMatchObject({ status: 'FAILED', attempts: 2, responseStatus: 302, lastError: 'HTTP 302' });
    // The redirect's target was never requested.
    expect(receiver.received.filter((r) => r.path === '/elsewhere')).toHaveLength(0);
    expect(receiver.at('/down')).toHaveLength(2);
    await request(t.http).delete(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).expect(204);
  });

  it('gives an endpoint only the events that happened after it was registered, however late the relay hands them over', async () => {
    const before = await post();
    const event = await until(
      'the event of the earlier comment',
      () => t.prisma.domainEvent.findFirst({ where: { type: 'comment.posted', payload: { path: ['commentId'], equals: before } } }),
      (e) => e !== null,
    );
    const ep = await register('/late');
    // The fan-out of that earlier event, as when the relay reaches it only now: nothing for /late.
    const repo = t.app.get(WebhooksRepository);
    const fanOut = (createdAt: Date) => t.prisma.$transaction((tx) => repo.fanOut({ id: event!.id, type: event!.type, createdAt }, '{}', tx));
    expect(await fanOut(event!.createdAt)).toBe(0);
    expect(await deliveries(ep.id)).toEqual([]);
    // The same event stamped after the registration would go to it (the rule is the time).
    expect(await fanOut(new Date())).toBe(1);
    await request(t.http).delete(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).expect(204);
  });

  it('with two instances on one database, delivers each event exactly once', async () => {
    const second: NestExpressApplication = await createApp({ config: t.config, databaseUrl: t.db.url, webDir: process.env.PARLEY_TEST_WEB_DIR });
    await second.init();
    try {
      const ep = await register('/both');
      // Six posts through each instance, sent together; both instances' relays and workers run.
      const viaSecond = async (): Promise<string> => {
        n += 1;
        const res = await request(second.getHttpServer()).post(`/api/articles/${articleId}/comments`).set(p.reader.auth).send({ body: `Second instance comment ${n}` }).expect(201);
        return res.body.id;
      };
      const ids = new Set(await Promise.all([...Array.from({ length: 6 }, () => post()), ...Array.from({ length: 6 }, () => viaSecond())]));
      expect(ids.size).toBe(12);
      await until('12 deliveries', () => deliveries(ep.id), (ds) => ds.length === 12 && ds.every((d) => d.status === 'SUCCEEDED'));
      const got = receiver.at('/both');
      expect(got).toHaveLength(12);
      expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(12);
      expect(new Set(got.map((r) => (JSON.parse(r.body) as { data: { commentId: string } }).data.commentId))).toEqual(ids);
    } finally {
      await second.close();
    }
  });
});

describe('webhooks without WEBHOOKS_ALLOW_PRIVATE', () => {
  let t: TestApp;
  let p: Personas;
  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.0.0.5/hook', 'http://169.254.169.254/latest/meta-data', 'http://100.64.1.1/', 'http://[::1]/hook', 'http://[fd00::1]/hook', 'http://[::ffff:127.0.0.1]/'])(
    'refuses %s with 422',
    async (url) => {
      const res = await request(t.http).post('/api/webhooks/endpoints').set(p.admin.auth).send({ url, eventTypes: ['*'] }).expect(422);
      expect(res.body.code).toBe('WEBHOOK_URL_FORBIDDEN');
    },
  );

  it('refuses a name that does not resolve with 422, and an internal URL on update too', async () => {
    const res = await request(t.http).post('/api/webhooks/endpoints').set(p.admin.auth).send({ url: 'https://no-such-host.invalid/hook', eventTypes: ['*'] }).expect(422);
    expect(res.body.code).toBe('WEBHOOK_URL_UNRESOLVABLE');
    const ep = await t.prisma.webhookEndpoint.create({ data: { url: 'https://93.184.216.34/hook', eventTypes: ['*'], secret: 'whsec_x', enabled: false } });
    const upd = await request(t.http).patch(`/api/webhooks/endpoints/${ep.id}`).set(p.admin.auth).send({ url: 'http://192.168.1.1/' }).expect(422);
    expect(upd.body.code).toBe('WEBHOOK_URL_FORBIDDEN');
    expect((await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).url).toBe('https://93.184.216.34/hook');
  });
});
