import { once } from 'node:events';
import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { drainAndClose } from '../../src/common/http/graceful-shutdown';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createUser, TestUser } from '../helpers/factories';

/**
 * SIGTERM handling (main.ts calls drainAndClose): a request already being received when the
 * shutdown starts is answered and its comment committed; new connections are refused; the pool
 * closes only afterwards. Requests are written by hand on a socket so the test controls exactly
 * when the shutdown begins: after the headers, before the body is complete.
 */

function rawPost(port: number, path: string, token: string, body: string): { socket: Socket; sendRest: () => void; response: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const payload = Buffer.from(body);
  const half = Math.floor(payload.length / 2);
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${payload.length}\r\nConnection: keep-alive\r\n\r\n`,
  );
  socket.write(payload.subarray(0, half));
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('utf8')));
  const response = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  return { socket, sendRest: () => socket.write(payload.subarray(half)), response };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function commentCount(url: string, articleId: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [articleId]);
    return rows[0].n;
  } finally {
    await c.end();
  }
}

describe('graceful shutdown', () => {
  let t: TestApp;
  let port: number;
  let reader: TestUser;
  let articleId: string;

  beforeEach(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    reader = await createUser(t.prisma);
    articleId = (await createArticle(t.prisma)).id;
  });
  afterEach(() => t.db.drop());

  it('finishes a request in flight, refuses new connections, then closes the pool', async () => {
    // In flight: the server has read the headers (its 'request' event), not yet the whole body.
    const arrived = once(t.app.getHttpServer(), 'request');
    const inFlight = rawPost(port, `/api/articles/${articleId}/comments`, reader.token, JSON.stringify({ body: 'Sent while the server was stopping.' }));
    await arrived;
    const shutdown = drainAndClose(t.app, { graceMs: 5_000 });
    // drainAndClose stops listening before its first await.
    expect(t.app.getHttpServer().listening).toBe(false);
    expect(await canConnect(port)).toBe(false);
    expect(t.prisma.pool.ending).toBe(false);

    inFlight.sendRest();
    const response = await inFlight.response;
    expect(response).toMatch(/^HTTP\/1\.1 201 /);
    // The promise resolved on 'close': the server dropped the connection once it was idle.
    await expect(shutdown).resolves.toEqual({ forced: false });
    expect(t.prisma.pool.ending).toBe(true);
    expect(await commentCount(t.db.url, articleId)).toBe(1);
  });

  it('cuts a request that outlives the grace period, and still closes', async () => {
    const arrived = once(t.app.getHttpServer(), 'request');
    const stuck = rawPost(port, `/api/articles/${articleId}/comments`, reader.token, JSON.stringify({ body: 'This body never finishes arriving.' }));
    await arrived;
    // Forced: the grace ran out with the request still in flight, and the close went on without it.
    await expect(drainAndClose(t.app, { graceMs: 300 })).resolves.toEqual({ forced: true });
    expect(await stuck.response).toBe('');
    expect(t.prisma.pool.ending).toBe(true);
    expect(await commentCount(t.db.url, articleId)).toBe(0);
  });
});
