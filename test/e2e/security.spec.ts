import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, Personas } from '../helpers/factories';

/** Security headers, CORS, log redaction and the metrics endpoint, through real HTTP. */

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

const EMBED = 'https://news.example';
const METRICS_TOKEN = 'metrics-scrape-token-0123456789';

describe('security and operations', () => {
  let t: TestApp;
  let p: Personas;
  const logs = new Capture();

  beforeAll(async () => {
    t = await startTestApp(
      { CORS_ORIGINS: `${EMBED},http://localhost:8080`, METRICS_TOKEN, LOG_LEVEL: 'info', BODY_LIMIT: '16kb' },
      { logStream: logs },
    );
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  describe('headers', () => {
    it('sends helmet headers and a deny-all content policy on API responses', async () => {
      const res = await request(t.http).get('/api/articles').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('sends the same headers on errors', async () => {
      const res = await request(t.http).get('/api/no-such-thing').expect(404);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    });

    it('lets the interactive docs load their own scripts', async () => {
      const res = await request(t.http).get('/docs/').expect(200);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('refuses a body over BODY_LIMIT with a 413 problem', async () => {
      const article = await createArticle(t.prisma);
      const res = await request(t.http)
        .post(`/api/articles/${article.id}/comments`)
        .set(p.reader.auth)
        .send({ body: 'x'.repeat(20_000) })
        .expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(0);
    });
  });

  describe('requests the HTTP parser refuses', () => {
    function raw(head: string): Promise<string> {
      return new Promise((resolve, reject) => {
        const server = t.http.listening ? t.http : t.http.listen(0);
        const { port } = server.address() as AddressInfo;
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (d) => (text += d.toString('latin1')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        socket.write(Buffer.from(head, 'latin1'));
      });
    }

    it('answers a request line with raw non-ASCII bytes with a problem document', async () => {
      const text = await raw('GET /api/articles/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      expect(text).toMatch(/content-type: application\/problem\+json/i);
      const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
      expect(body).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
    });

    it('answers oversized headers with 431 and a problem document', async () => {
      const text = await raw(`GET /api/articles HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(text).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    });
  });

  describe('CORS', () => {
    it('allows a configured embedding site, with the headers the embed needs', async () => {
      const res = await request(t.http)
        .options('/api/articles/x/comments')
        .set('Origin', EMBED)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(EMBED);
      expect(res.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
      expect(res.headers['access-control-allow-headers']).toMatch(/Parley-Wrote-At/i);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const get = await request(t.http).get('/api/articles').set('Origin', EMBED).expect(200);
      expect(get.headers['access-control-allow-origin']).toBe(EMBED);
      expect(get.headers['access-control-expose-headers']).toMatch(/Retry-After/);
      expect(get.headers['access-control-expose-headers']).toMatch(/Parley-Wrote-At/);
    });

    it('gives other origins no CORS grant', async () => {
      for (const origin of ['https://evil.example', 'https://news.example.evil.example', 'null']) {
        const res = await request(t.http).get('/api/articles').set('Origin', origin).expect(200);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        const pre = await request(t.http).options('/api/articles').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
        expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });

  describe('logs', () => {
    it('never contains session tokens, passwords or credential query parameters', async () => {
      const password = 'a very secret passphrase 42';
      await request(t.http).post('/api/auth/register').send({ email: 'logcheck@example.org', password, displayName: 'Log Check' }).expect(201);
      const login = await request(t.http).post('/api/auth/login').send({ email: 'logcheck@example.org', password }).expect(200);
      const token = login.body.token as string;
      expect(token).toBeTruthy();
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
      await request(t.http).get(`/api/articles?token=${token}&limit=1`);
      await request(t.http).get('/api/me').set('Authorization', 'Bearer plt_wrong-token-that-must-not-be-logged').expect(401);
      await request(t.http).get('/api/me').set(p.reader.auth).expect(200);
      await new Promise((r) => setImmediate(r));
      expect(logs.text).toContain('/api/me');
      expect(logs.text).toContain('[redacted]');
      for (const secret of [token, password, p.reader.token, 'wrong-token-that-must-not-be-logged', METRICS_TOKEN]) {
        expect(logs.text).not.toContain(secret);
      }
    });
  });

  describe('metrics', () => {
    it('needs the metrics token when one is configured, compared exactly', async () => {
      expect((await request(t.http).get('/metrics').expect(401)).body.code).toBe('UNAUTHENTICATED');
      await request(t.http).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
      await request(t.http).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN.slice(0, -1)}`).expect(401);
      await request(t.http).get('/metrics').set(p.admin.auth).expect(401);
    });

    it('reports request durations, queue sizes, check outcomes, flags and scoring runs', async () => {
      const article = await createArticle(t.prisma);
      const posted = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.reader.auth).send({ body: 'A fair point about the budget.' }).expect(201);
      await request(t.http).post(`/api/comments/${posted.body.id}/flags`).set(p.otherReader.auth).send({ reason: 'SPAM' }).expect(201);
      await request(t.http).get(`/api/comments/${posted.body.id}`).expect(200);
      await request(t.http).post('/api/desk/notes/score').set(p.admin.auth);

      const res = await request(t.http).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = res.text;
      expect(text).toMatch(/parley_http_request_duration_seconds_count\{method="GET",route="\/api\/comments\/:id",status="200"\} [1-9]/);
      expect(text).toMatch(/parley_http_request_duration_seconds_count\{method="POST",route="\/api\/articles\/:id\/comments",status="201"\} [1-9]/);
      expect(text).not.toContain(posted.body.id);
      expect(text).toMatch(/parley_comment_checks_total\{action="post",outcome="PUBLISHED"\} [1-9]/);
      expect(text).toMatch(/parley_scorer_outcomes_total\{provider="[^"]+",status="ok"\} [1-9]/);
      expect(text).toMatch(/parley_flags_total\{reason="SPAM"\} 1\b/);
      expect(text).toMatch(/parley_moderation_queue_items\{queue="reported"\} [1-9]/);
      expect(text).toMatch(/parley_moderation_queue_items\{queue="pending"\} \d+/);
      expect(text).toMatch(/parley_note_scoring_runs_total\{trigger="manual",outcome="(ok|busy)"\} 1\b/);
    });
  });
});
