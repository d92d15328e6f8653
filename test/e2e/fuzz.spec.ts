import { DbFingerprint } from '../fuzz/db-fingerprint';
import { checkResponse, EchoRegistry } from '../fuzz/invariants';
import { Caller, CALLERS, FuzzCase, OpenApiFuzzer } from '../fuzz/openapi-fuzzer';
import { startTestApp, TestApp } from '../helpers/app';

/**
 * OpenAPI-driven property-based fuzzing (test/fuzz/). A short run is part of `npm test`
 * (FUZZ_RUNS cases, default 1,000, and at most FUZZ_TIME_LIMIT_MS, default 20 s, of fuzzing); `npm run fuzz` runs
 * 10,000 and prints a summary (FUZZ_VERBOSE=1 prints it on any run; a green `npm test` stays quiet).
 * FUZZ_SEED fixes the seed; FUZZ_SEED with FUZZ_PATH replays one case.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? (RUNS > 1000 ? 0 : 20_000));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const PATH = process.env.FUZZ_PATH;

// Settings that keep every route reachable for a long run: no background scoring job between
// requests, edits allowed for the whole run, site sign-on and URL registration switched on.
const FUZZ_ENV = {
  NOTES_SCORING_INTERVAL_MINUTES: '0',
  COMMENT_EDIT_WINDOW_SECONDS: '86400',
  SSO_SECRET: 'fuzz-sso-secret-that-is-long-enough-1234',
  ARTICLE_URL_HOSTS: 'news.example',
};

describe('OpenAPI fuzzer: every route × every caller', () => {
  let t: TestApp;
  let fuzzer: OpenApiFuzzer;

  beforeAll(async () => {
    t = await startTestApp(FUZZ_ENV);
    fuzzer = await OpenApiFuzzer.start(t);
  }, 60_000);
  afterAll(async () => {
    await fuzzer?.close();
    await t?.close();
  });

  describe('its invariants catch what they are meant to catch', () => {
    const json = { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' };
    const problem = { 'content-type': 'application/problem+json; charset=utf-8', 'x-content-type-options': 'nosniff' };
    const kinds = (res: { status: number; headers: Record<string, string>; text: string }, echoes?: EchoRegistry) =>
      checkResponse(res, { path: '/api/x', method: 'GET', echoes }).map((v) => v.kind);

    it('flags a 5xx, an incomplete problem and an error served as HTML', () => {
      const ok = { type: 'urn:parley:problem:not-found', title: 'Not Found', status: 404, detail: 'No such comment.', code: 'NOT_FOUND' };
      expect(kinds({ status: 404, headers: problem, text: JSON.stringify(ok) })).toEqual([]);
      expect(kinds({ status: 500, headers: problem, text: JSON.stringify({ ...ok, status: 500, code: 'INTERNAL' }) })).toEqual(['server-error']);
      expect(kinds({ status: 404, headers: problem, text: JSON.stringify({ ...ok, code: undefined }) })).toEqual(['problem-shape']);
      expect(kinds({ status: 404, headers: problem, text: JSON.stringify({ ...ok, status: 400 }) })).toEqual(['problem-shape']);
      expect(kinds({ status: 400, headers: { 'content-type': 'text/html', 'x-content-type-options': 'nosniff' }, text: '<pre>Bad Request</pre>' })).toEqual([
        'problem-shape',
        'problem-shape',
        'content-type',
      ]);
      expect(kinds({ status: 200, headers: { 'content-type': 'application/json' }, text: '{}' })).toEqual(['content-type']);
    });

    it('flags stack traces, file paths, SQL and database errors, unless the client sent them', () => {
      const leaks = [
        'Error: boom\n    at CommentsService.post (/work/main/src/modules/comments/comments.service.ts:12:3)',
        'see /app/node_modules/pg/lib/client.js',
        'failed: SELECT "id" FROM "comments" WHERE id = $1',
        'invalid input syntax for type uuid: "x"',
        'PrismaClientKnownRequestError: Unique constraint failed',
        'code 22P02',
        "TypeError: Cannot read properties of undefined (reading 'id')",
      ];
      for (const detail of leaks) {
        const found = kinds({ status: 200, headers: json, text: JSON.stringify({ detail }) });
        expect({ detail, leak: found.length > 0 && found.every((k) => k === 'leak') }).toEqual({ detail, leak: true });
      }
      expect(kinds({ status: 200, headers: { ...json, 'x-debug': 'at f (/srv/x.js:1:2)' }, text: '{}' })).toContain('leak');
      const echoes = new EchoRegistry();
      echoes.note(["a comment quoting SELECT name FROM users WHERE 1=1 and that's it"]);
      expect(kinds({ status: 201, headers: json, text: JSON.stringify({ body: 'SELECT name FROM users WHERE 1=1' }) }, echoes)).toEqual([]);
      expect(kinds({ status: 201, headers: json, text: JSON.stringify({ body: 'SELECT id FROM sessions' }) }, echoes)).toEqual(['leak']);
    });

    it('sees a change in any table, and not a rewrite with the same values', async () => {
      const db = await DbFingerprint.create(t.prisma.pool);
      const before = await db.take();
      await t.prisma.pool.query(`INSERT INTO tags (id, slug, name) VALUES (gen_random_uuid(), 'fingerprint-probe', 'Probe')`);
      const inserted = await db.take();
      expect(DbFingerprint.changedTables(before, inserted)).toEqual(['tags']);
      await t.prisma.pool.query(`UPDATE tags SET name = name`);
      expect(DbFingerprint.changedTables(inserted, await db.take())).toEqual([]);
      await t.prisma.pool.query(`UPDATE users SET display_name = display_name || '.' WHERE id = (SELECT id FROM users LIMIT 1)`);
      const updated = await db.take();
      expect(DbFingerprint.changedTables(inserted, updated)).toEqual(['users']);
      await t.prisma.pool.query(`DELETE FROM tags WHERE slug = 'fingerprint-probe'`);
      const deleted = await db.take();
      expect(DbFingerprint.changedTables(updated, deleted)).toEqual(['tags']);
      // A session marked used by the guard is not a request's change; revoking one is.
      await t.prisma.pool.query(`UPDATE sessions SET last_used_at = now() + interval '1 hour'`);
      const touched = await db.take();
      expect(DbFingerprint.changedTables(deleted, touched)).toEqual([]);
      // Not a persona's session: later cases still sign in with those.
      const bystander = await t.prisma.session.create({ data: { userId: fuzzer.pools.users[0], tokenHash: 'e'.repeat(64), expiresAt: new Date(Date.now() + 3600_000) } });
      const withBystander = await db.take();
      await t.prisma.pool.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [bystander.id]);
      expect(DbFingerprint.changedTables(withBystander, await db.take())).toEqual(['sessions']);
    });

    it('pins a database change on a failed request', async () => {
      const failing: FuzzCase = {
        op: 'GET /api/comments/{id}',
        method: 'GET',
        caller: 'anonymous',
        path: [{ text: 'not-a-comment' }],
        query: [],
        body: null,
        auth: 'caller',
        headers: {},
      };
      const clean = await fuzzer.execute(failing);
      expect(clean.response?.status).toBe(404);
      expect(clean.violations).toEqual([]);
      const tampered = await fuzzer.execute(failing, async () => {
        await t.prisma.pool.query(`UPDATE articles SET title = title || ' (tampered)' WHERE id = $1`, [fuzzer.pools.articles[0]]);
      });
      expect(tampered.violations).toEqual([{ kind: 'db-changed', message: 'GET answered 404 but changed articles' }]);
    });
  });

  describe('regressions: requests the fuzzer found answered with a 500', () => {
    const b64 = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const far = '-010000-01-01T00:00:00.000Z';
    const uuid = '00000000-0000-4000-8000-000000000000';
    const sources = (title = 'Observatory') => [{ url: 'https://observatory.example/r', title }];

    type Probe = [name: string, caller: Caller, method: string, path: () => string, body?: unknown, headers?: Record<string, string>];
    const probes: Probe[] = [
      ['garbage gzip body', 'admin', 'POST', () => '/api/tags', Buffer.from('\u00ff{}', 'latin1'), { 'content-encoding': 'gzip' }],
      ['garbage brotli body', 'admin', 'POST', () => '/api/tags', Buffer.from('\u00ff{}', 'latin1'), { 'content-encoding': 'br' }],
      ['a field nested 5,000 levels deep', 'admin', 'POST', () => '/api/tags', Buffer.from(`{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`)],
      ['an unknown field nested 20,000 levels deep', 'reader', 'PATCH', () => '/api/me', Buffer.from(`{"x":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`)],
      ['U+0000 in an article slug', 'anonymous', 'GET', () => '/api/articles/a%00b'],
      ['U+0000 in a thread lookup', 'anonymous', 'GET', () => '/api/articles/a%00b/comments'],
      ['U+0000 in a tag slug', 'anonymous', 'GET', () => '/api/tags/a%00b'],
      ['U+0000 in a section filter', 'anonymous', 'GET', () => '/api/articles?section=a%00b'],
      ['U+0000 in a user search', 'moderator', 'GET', () => '/api/users?q=a%00b'],
      ['U+0000 in a queue filter', 'moderator', 'GET', () => '/api/moderation/queues/pending?reason=a%00b'],
      ['U+0000 in a claim search', 'factChecker', 'GET', () => '/api/desk/claims?q=a%00b'],
      ['U+0000 in audit details (jsonb)', 'admin', 'PUT', () => `/api/users/${fuzzer.pools.users[0]}/role`, { role: 'MODERATOR', reason: '\u0000' }],
      ['U+0000 in a tag name', 'admin', 'POST', () => '/api/tags', { name: 'a\u0000b' }],
      ['an unpaired surrogate in an email', 'anonymous', 'POST', () => '/api/auth/register', { email: 'lone \ude00 low', password: 'a-much-longer-passphrase-9', displayName: 'x' }],
      ['null title on an article update', 'admin', 'PATCH', () => `/api/articles/${fuzzer.pools.articles[0]}`, { title: null }],
      ['null commentsOpen on a new article', 'admin', 'POST', () => '/api/articles', { url: 'https://news.example/regression/null', title: 't', commentsOpen: null }],
      ['a publication date in year -10000', 'admin', 'POST', () => '/api/articles', { url: 'https://news.example/regression/far', title: 't', publishedAt: far }],
      ['a publication date in year +275760', 'admin', 'POST', () => '/api/articles/resolve', { url: 'https://news.example/regression/late', publishedAt: '+275760-09-13T00:00:00.000Z' }],
      ['a verdict as of year 0', 'factChecker', 'POST', () => `/api/desk/claims/${fuzzer.pools.claims[0]}/verdicts`, { verdict: 'FALSE', summary: 's', sources: sources(), asOf: '0000-01-01T00:00:00Z' }],
      ['an audit filter in year -271821', 'admin', 'GET', () => '/api/audit?from=-271821-04-20T00%3A00%3A00.000Z'],
      ['a forged article cursor in year -10000', 'anonymous', 'GET', () => `/api/articles?cursor=${b64({ p: far, i: uuid })}`],
      ['a forged thread cursor in year -10000', 'anonymous', 'GET', () => `/api/articles/${fuzzer.pools.articles[0]}/comments?cursor=${b64({ s: 'newest', c: far, i: uuid })}`],
      ['a forged queue cursor in year -10000', 'moderator', 'GET', () => `/api/moderation/queues/pending?cursor=${b64({ c: far, i: uuid })}`],
      ['a forged thread cursor with a count of 1e20', 'anonymous', 'GET', () => `/api/articles/${fuzzer.pools.articles[0]}/comments?sort=respect&cursor=${b64({ s: 'respect', c: '2026-01-01T00:00:00Z', i: uuid, n: 1e20 })}`],
      ['a forged audit cursor beyond bigint', 'admin', 'GET', () => `/api/audit?cursor=${b64({ id: '9999999999999999999' })}`],
    ];

    it.each(probes.map((probe) => [probe[0], probe] as const))('answers %s with a 400 problem and no change', async (_name, [, caller, method, path, body, headers = {}]) => {
      const raw = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
      const result = await fuzzer.probe({
        method,
        path: path(),
        headers: { ...fuzzer.authOf(caller), ...(raw ? { 'content-type': 'application/json' } : {}), ...headers },
        body: raw,
      });
      expect(result.violations).toEqual([]);
      expect(result.response?.status).toBe(400);
    });

    it('stores an unpaired surrogate as U+FFFD, as comment bodies always did, where it used to break jsonb', async () => {
      const user = fuzzer.pools.users[1];
      const suspended = await fuzzer.probe({
        method: 'POST',
        path: `/api/users/${user}/suspend`,
        headers: { ...fuzzer.authOf('admin'), 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ hours: 1, reason: 'x\udc00y' })),
      });
      expect(suspended.violations).toEqual([]);
      expect(JSON.parse(suspended.response?.text ?? '{}').sanction).toMatchObject({ status: 'SUSPENDED', reason: 'x\uFFFDy' });
      const labelled = await fuzzer.probe({
        method: 'PUT',
        path: `/api/comments/${fuzzer.pools.comments[0]}/label`,
        headers: { ...fuzzer.authOf('factChecker'), 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ verdict: 'FALSE', summary: 's', sources: sources('\ud800') })),
      });
      expect(labelled.violations).toEqual([]);
      expect(labelled.response?.status).toBe(200);
    });

    it('takes null for an optional text as "clear it", not as a crash', async () => {
      const created = await fuzzer.probe({
        method: 'POST',
        path: '/api/articles/resolve',
        headers: { ...fuzzer.authOf('factChecker'), 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ url: 'https://news.example/regression/section-null', title: 't', section: null })),
      });
      expect(created.violations).toEqual([]);
      expect(created.response?.status).toBe(201);
      const id = JSON.parse(created.response?.text ?? '{}').id as string;
      const cleared = await fuzzer.probe({
        method: 'PATCH',
        path: `/api/articles/${id}`,
        headers: { ...fuzzer.authOf('admin'), 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ section: null, standfirst: null })),
      });
      expect(cleared.violations).toEqual([]);
      expect(JSON.parse(cleared.response?.text ?? '{}')).toMatchObject({ id, section: null, standfirst: null });
    });
  });

  it(
    `keeps every invariant over ${RUNS} generated requests`,
    async () => {
      expect(fuzzer.routes.length).toBeGreaterThan(60);
      const report = await fuzzer.run({ runs: RUNS, seed: SEED, path: PATH, timeLimitMs: TIME_LIMIT_MS || undefined });
      if (process.env.FUZZ_VERBOSE) process.stdout.write(report.summary);
      // Enough cases reached every route and every caller (not checked on a replay of one case).
      if (!PATH && report.cases >= 200) {
        expect([...report.byCaller.keys()].sort()).toEqual([...CALLERS].sort());
        const untouched = [...report.byRoute.entries()].filter(([, m]) => m.size === 0).map(([route]) => route);
        expect(report.cases < 1000 || untouched.length === 0).toBe(true);
      }
      expect(report.violations.map((v) => `seed ${report.seed} case ${v.index} ${v.caller} ${v.op}: [${v.violation.kind}] ${v.violation.message}\n  ${v.request}`)).toEqual([]);
    },
    Math.max(60_000, RUNS * 200 + 60_000),
  );
});
