import request from 'supertest';
import { Access, ROUTE_ACCESS } from '../../src/common/auth/permissions';
import type { Role } from '../../src/generated/prisma/enums';
import { startTestApp, TestApp } from '../helpers/app';
import { createPersonas } from '../helpers/factories';

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
  let operations: { method: string; path: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as { paths: Record<string, object> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => t.close());

  it('has an access rule for every documented route, and no rule for a route that does not exist', () => {
    const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
    expect(documented.filter((k) => !(k in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !documented.includes(k))).toEqual([]);
  });

  it('answers each caller as the permission map says, and never with a 5xx', async () => {
    const mismatches: string[] = [];
    for (const { method, path } of operations) {
      // Fresh callers per route: logout and account deletion must not affect the next route.
      const personas = await createPersonas(t.prisma);
      for (const caller of CALLERS) {
        const req = request(t.http)[method.toLowerCase() as 'get'](concretePath(path));
        if (caller !== 'anonymous') req.set(personas[caller].auth);
        if (['POST', 'PUT', 'PATCH'].includes(method)) req.send({});
        const res = await req;
        const want = expected(ROUTE_ACCESS[`${method} ${path}`], caller);
        const code = (res.body as { code?: string }).code;
        const denied = (res.status === 401 && code === 'UNAUTHENTICATED') || (res.status === 403 && code === 'FORBIDDEN');
        const ok =
          res.status < 500 &&
          (want === 'allowed' ? !denied : res.status === want && denied);
        if (!ok) mismatches.push(`${caller} ${method} ${path}: expected ${want}, got ${res.status} ${code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
