import request from 'supertest';
import { Access, ROUTE_ACCESS } from '../../src/common/auth/permissions';
import type { Role } from '../../src/generated/prisma/enums';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser } from '../helpers/factories';
import { SseClient } from '../helpers/sse';

/**
 * Walks every route of the OpenAPI document as every kind of caller and checks the guard's answer
 * against the permission map. A new route fails here until it has an entry in ROUTE_ACCESS.
 */

type Caller = 'anonymous' | 'reader' | 'otherReader' | 'moderator' | 'factChecker' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'reader', 'otherReader', 'moderator', 'factChecker', 'admin'];
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, Role> = {
  reader: 'READER',
  otherReader: 'READER',
  moderator: 'MODERATOR',
  factChecker: 'FACT_CHECKER',
  admin: 'ADMIN',
};

function expected(access: Access, caller: Caller): 'allowed' | 401 | 403 {
  if (access === 'PUBLIC' || access === 'METRICS_TOKEN') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (access === 'SIGNED_IN') return 'allowed';
  return access.includes(ROLE_OF[caller]) ? 'allowed' : 403;
}

function concretePath(path: string): string {
  // A well-formed id that names nothing: the guard runs before any lookup.
  return path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

describe('access matrix: every route × every kind of caller', () => {
  let t: TestApp;
  let operations: { method: string; path: string; stream: boolean }[];
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { responses?: Record<string, { content?: object }> }>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        // An event stream stays open: its answer is judged by the response head alone.
        .map(([method, op]) => ({ method: method.toUpperCase(), path, stream: 'text/event-stream' in (op.responses?.['200']?.content ?? {}) })),
    );
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(t.http.address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  it('has an access rule for every documented route, and no rule for a route that does not exist', () => {
    const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
    expect(documented.filter((k) => !(k in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !documented.includes(k))).toEqual([]);
  });

  // One test per route, so each test's work (fresh personas and six requests) is bounded however
  // many routes the API grows; the rule list is the permission map, which the test above holds
  // equal to the OpenAPI document.
  it.each(Object.keys(ROUTE_ACCESS).sort())('answers %s to each caller as the permission map says, never with a 5xx', async (route) => {
    const [method, path] = route.split(' ');
    // Fresh callers per route: logout and account deletion must not affect the next route.
    const personas = await createPersonas(t.prisma);
    const mismatches: string[] = [];
    const stream = operations.some((o) => o.method === method && o.path === path && o.stream);
    for (const caller of CALLERS) {
      const want = expected(ROUTE_ACCESS[route], caller);
      if (stream) {
        const sse = await SseClient.open(base, concretePath(path), caller === 'anonymous' ? {} : personas[caller].auth);
        sse.close();
        const code = sse.status === 200 ? undefined : (JSON.parse(sse.body) as { code?: string }).code;
        const denied = (sse.status === 401 && code === 'UNAUTHENTICATED') || (sse.status === 403 && code === 'FORBIDDEN');
        if (sse.status >= 500 || (want === 'allowed' ? denied : !(sse.status === want && denied))) mismatches.push(`${caller}: expected ${want}, got ${sse.status} ${code ?? ''}`);
        continue;
      }
      const req = request(t.http)[method.toLowerCase() as 'get'](concretePath(path));
      if (caller !== 'anonymous') req.set(personas[caller].auth);
      if (['POST', 'PUT', 'PATCH'].includes(method)) req.send({});
      const res = await req;
      const code = (res.body as { code?: string }).code;
      const denied = (res.status === 401 && code === 'UNAUTHENTICATED') || (res.status === 403 && code === 'FORBIDDEN');
      const ok = res.status < 500 && (want === 'allowed' ? !denied : res.status === want && denied);
      if (!ok) mismatches.push(`${caller}: expected ${want}, got ${res.status} ${code ?? ''}`);
    }
    expect(mismatches).toEqual([]);
  });

  describe('separation of duties: nobody decides on their own comment', () => {
    const decide = (who: { auth: { Authorization: string } }, id: string, body: object) =>
      request(t.http).post(`/api/moderation/comments/${id}/decisions`).set(who.auth).send(body);
    const refusedAsOwn = (res: request.Response) => expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'OWN_CONTENT_DECISION' });

    it('refuses to let a moderator or an admin approve their own held comment; another moderator may', async () => {
      const p = await createPersonas(t.prisma);
      const article = await createArticle(t.prisma, { moderationMode: 'PRE' });
      for (const author of [p.moderator, p.admin]) {
        const held = await request(t.http).post(`/api/articles/${article.id}/comments`).set(author.auth).send({ body: 'Held until someone else looks.' }).expect(201);
        expect(held.body.moderation.status).toBe('PENDING');
        refusedAsOwn(await decide(author, held.body.id, { action: 'APPROVE', revision: 1, expectedStatus: 'PENDING' }));
        refusedAsOwn(await decide(author, held.body.id, { action: 'REJECT', revision: 1, expectedStatus: 'PENDING', reason: 'OTHER' }));
        const bulk = await request(t.http).post('/api/moderation/decisions/bulk').set(author.auth).send({ action: 'APPROVE', items: [{ commentId: held.body.id, revision: 1, expectedStatus: 'PENDING' }] });
        refusedAsOwn(bulk);
        expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: held.body.id } })).status).toBe('PENDING');
        await decide(author === p.admin ? p.moderator : p.admin, held.body.id, { action: 'APPROVE', revision: 1, expectedStatus: 'PENDING' }).expect(201);
      }
    });

    it('refuses to let a moderator restore their own rejected comment, or decide the appeal of it', async () => {
      const p = await createPersonas(t.prisma);
      const third = await createUser(t.prisma, { role: 'MODERATOR' });
      const article = await createArticle(t.prisma);
      const own = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.moderator.auth).send({ body: 'A moderator speaking as a reader.' }).expect(201);
      await decide(p.admin, own.body.id, { action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC' }).expect(201);
      refusedAsOwn(await decide(p.moderator, own.body.id, { action: 'RESTORE', revision: 1, expectedStatus: 'REJECTED' }));
      const appealed = await request(t.http).post(`/api/comments/${own.body.id}/appeal`).set(p.moderator.auth).send({ text: 'It was on topic.' }).expect(201);
      const appealId = appealed.body.appeal.id as string;
      for (const outcome of ['OVERTURN', 'UPHOLD']) {
        refusedAsOwn(await request(t.http).post(`/api/moderation/appeals/${appealId}/decision`).set(p.moderator.auth).send({ outcome }));
      }
      expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: own.body.id } })).toMatchObject({ status: 'REJECTED', appealOpen: true });
      await request(t.http).post(`/api/moderation/appeals/${appealId}/decision`).set(third.auth).send({ outcome: 'OVERTURN' }).expect(200);
      expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: own.body.id } })).status).toBe('APPROVED');
    });
  });
});
