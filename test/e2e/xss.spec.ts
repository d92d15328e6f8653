import { randomUUID } from 'node:crypto';
import { Parser } from 'htmlparser2';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { findExecutableMarkup, XSS_VECTORS } from '../fixtures/xss-vectors';
import { giveGoodStanding } from '../fuzz/world';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';

/**
 * The filter-evasion corpus through every field users write and others read: comment bodies
 * (posted and edited), display names (profile, registration, site sign-on), flag details and
 * source URLs, moderator messages, appeal texts and outcomes, sanction reasons, claim statements,
 * verdict and label summaries and source titles, context notes, word-list phrases, tag names and
 * article fields. Every response on the way (writes and the reads that show the text to others)
 * must be JSON or problem+json with `X-Content-Type-Options: nosniff`, and every HTML field in it
 * (`html`, `...Html`) must parse to nothing executable.
 */

const SSO_SECRET = 'xss-sso-secret-that-is-long-enough-0123456789';
const LANES = 3;
const GROUP = 6;

/** Vectors joined into values of at most `limit` characters; a longer vector alone is cut to fit. */
function pack(vectors: string[], limit: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const v of vectors.map((x) => x.slice(0, limit))) {
    if (current && current.length + 1 + v.length > limit) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${v}` : v;
  }
  if (current) out.push(current);
  return out;
}

// What a browser would run, judged on the parsed tree (htmlparser2, as sanitize-html uses).
const FORBIDDEN_TAGS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'svg', 'math', 'base', 'meta', 'link', 'noscript', 'template']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'cite', 'srcdoc']);
const BAD_SCHEME = /^(?:javascript|vbscript|data):/i;

/** Executable constructs in an HTML fragment: forbidden elements, handlers, script URLs. */
export function executableIn(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (FORBIDDEN_TAGS.has(name)) problems.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute)) problems.push(`${attribute} on <${name}>`);
          // Browsers drop control characters and whitespace around and inside a scheme.
          const compact = value.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u2028\u2029\ufeff\u200b-\u200d]/g, '');
          if (URL_ATTRIBUTES.has(attribute) && (attribute === 'srcdoc' || BAD_SCHEME.test(compact))) problems.push(`${attribute}="${value}" on <${name}>`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

interface Finding {
  where: string;
  problem: string;
}

/** Every HTML field (`html` or `...Html`) in a JSON document, with its path. */
function htmlFields(value: unknown, path = '$'): Array<{ path: string; html: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => htmlFields(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    (key === 'html' || key.endsWith('Html')) && typeof inner === 'string' ? [{ path: `${path}.${key}`, html: inner }] : htmlFields(inner, `${path}.${key}`),
  );
}

describe('XSS: hostile text in every field that is rendered or echoed', () => {
  let t: TestApp;
  let p: Personas;
  let writer: TestUser;
  const findings: Finding[] = [];
  let responses = 0;
  let htmlChecked = 0;

  /** Checks one response: served as JSON with nosniff, and no executable markup in HTML fields. */
  function inspect(res: request.Response, where: string): request.Response {
    responses += 1;
    const type = String(res.headers['content-type'] ?? '');
    if (res.status !== 204 && !/^application\/(?:problem\+)?json\b/.test(type)) findings.push({ where, problem: `served as "${type}" (${res.status})` });
    if (res.headers['x-content-type-options'] !== 'nosniff') findings.push({ where, problem: `X-Content-Type-Options is ${String(res.headers['x-content-type-options'])}` });
    if (res.status >= 500) findings.push({ where, problem: `status ${res.status}` });
    for (const { path, html } of htmlFields(res.body)) {
      htmlChecked += 1;
      for (const problem of executableIn(html)) findings.push({ where: `${where} ${path}`, problem: `${problem} in ${JSON.stringify(html)}` });
      const over = findExecutableMarkup(html);
      if (over) findings.push({ where: `${where} ${path}`, problem: `${over} in ${JSON.stringify(html)}` });
    }
    return res;
  }

  const call = async (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, who?: TestUser, body?: unknown) => {
    const req = request(t.http)[method](path);
    if (who) req.set(who.auth);
    return inspect(await (body === undefined ? req : req.send(body as object)), `${method.toUpperCase()} ${path}`);
  };

  /** Reads every page of a list, inspecting each. */
  async function readAll(path: string, who?: TestUser): Promise<void> {
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await call('get', cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path, who);
      cursor = (res.body as { nextCursor?: string | null }).nextCursor ?? null;
      if (!cursor) return;
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ SSO_SECRET, COMMENT_EDIT_WINDOW_SECONDS: '86400', NOTES_SCORING_INTERVAL_MINUTES: '0' });
    p = await createPersonas(t.prisma);
    writer = await createUser(t.prisma, { displayName: 'Nora Notes' });
    await giveGoodStanding(t, writer);
  });
  afterAll(() => t.close());

  it('the checks see executable markup and wrong content types', () => {
    expect(executableIn('<p>fine <a href="https://example.com" rel="nofollow">link</a> <code>&lt;script&gt;</code></p>')).toEqual([]);
    expect(executableIn('<p><img src=x onerror=alert(1)></p>')).toEqual(['onerror on <img>']);
    expect(executableIn('<a href="&#106;ava&#x09;script:alert(1)">x</a>')).toHaveLength(1);
    expect(executableIn('<a href=" data:text/html,x">x</a>')).toHaveLength(1);
    expect(executableIn('<svg><script>alert(1)</script></svg>')).toEqual(['<svg>', '<script>']);
    expect(executableIn('<iframe src=javascript:alert(1)>')).toEqual(['<iframe>', 'src="javascript:alert(1)" on <iframe>']);
    expect(executableIn('<form action="vbscript:x"></form>')).toHaveLength(2);
    const before = findings.length;
    inspect({ status: 200, headers: { 'content-type': 'text/html' }, body: { html: '<iframe src=javascript:alert(1)>' } } as unknown as request.Response, 'self-test');
    expect(findings.splice(before).map((f) => f.problem)).toEqual([
      'served as "text/html" (200)',
      'X-Content-Type-Options is undefined',
      expect.stringContaining('<iframe> in'),
      expect.stringContaining('src="javascript:alert(1)" on <iframe>'),
      expect.stringContaining('<iframe> element'),
    ]);
    responses -= 1;
    htmlChecked -= 1;
  });

  it(`carries ${XSS_VECTORS.length} vectors through every writable text field and back out`, async () => {
    // Lanes run side by side, each with its own article, author and reporter: moderating the
    // same author's or article's comments concurrently can deadlock on the per-author and
    // per-article counters (Parley answers that with a retryable 503), which is not this test's subject.
    const lanes = await Promise.all(
      Array.from({ length: LANES }, async () => ({
        articleId: (await createArticle(t.prisma)).id,
        author: await createUser(t.prisma, { displayName: 'Lane Author' }),
        reporter: await createUser(t.prisma, { displayName: 'Lane Reporter' }),
        namer: await createUser(t.prisma, { displayName: 'Lane Namer' }),
      })),
    );

    /** One group of vectors: each on its own where HTML is made or fields are short, packed where fields are long. */
    const oneGroup = async (vectors: string[], g: number) => {
      const { articleId, author, reporter, namer } = lanes[g % LANES];
      // Comments, posted and edited one vector at a time: these are rendered to HTML.
      const ids: string[] = [];
      const revisions: number[] = [];
      const statuses: string[] = [];
      for (const v of vectors) {
        const posted = await call('post', `/api/articles/${articleId}/comments`, author, { body: v });
        const id = (posted.body as { id?: string }).id;
        if (!id) continue;
        const edited = await call('patch', `/api/comments/${id}`, author, { body: `${v}\n\nedited` });
        ids.push(id);
        revisions.push(edited.status === 200 ? 2 : 1);
        // Decisions are pinned to the status the moderator saw.
        const seen = (edited.status === 200 ? edited.body : posted.body) as { moderation?: { status: string } };
        statuses.push(seen.moderation?.status ?? 'PUBLISHED');
      }
      // Short fields, one vector at a time: a display name (shown on a comment) and a tag name.
      for (const v of vectors) {
        await call('patch', '/api/me', namer, { displayName: v.slice(0, 50) });
        await call('post', '/api/tags', p.admin, { name: v.slice(0, 60) });
      }
      await call('post', `/api/articles/${articleId}/comments`, namer, { body: 'my name is above' });
      if (ids.length === 0) return;
      const on = (k: number) => ids[k % ids.length];
      const chunks = (limit: number) => pack(vectors, limit);
      // Long fields, several vectors per value.
      for (const [k, text] of chunks(1000).entries()) {
        await call('post', `/api/articles/${articleId}/comments`, reporter, { body: text, parentId: on(k) });
        await call('post', `/api/comments/${on(k)}/flags`, reporter, { reason: 'MISINFORMATION', details: text });
      }
      for (const v of vectors.filter((x) => /^https?:\/\/\S+$/i.test(x))) {
        await call('post', `/api/comments/${on(1)}/flags`, namer, { reason: 'SPAM', sourceUrl: v });
      }
      for (const [k, text] of chunks(300).entries()) {
        await call('put', `/api/comments/${on(k)}/label`, p.factChecker, { verdict: 'MISLEADING', summary: `${text} ${text}`, sources: [{ url: 'https://observatory.example/r', title: text }] });
        const note = await call('post', `/api/comments/${on(k)}/notes`, writer, { text, sources: [{ url: 'https://observatory.example/n', title: text }] });
        const noteId = (note.body as { id?: string }).id;
        if (noteId) await call('put', `/api/notes/${noteId}/rating`, reporter, { value: 'HELPFUL' });
      }
      for (const [k, text] of chunks(500).entries()) {
        const claim = await call('post', '/api/desk/claims', p.factChecker, { statement: text, commentIds: [on(k)] });
        const claimId = (claim.body as { id?: string }).id;
        if (claimId) {
          await call('post', `/api/desk/claims/${claimId}/verdicts`, p.factChecker, { verdict: 'FALSE', summary: text, sources: [{ url: 'https://observatory.example/v', title: text.slice(0, 300) }] });
          await call('get', `/api/desk/claims/${claimId}`, p.factChecker);
        }
        const victim = await createUser(t.prisma);
        await call('post', `/api/users/${victim.id}/${k % 2 ? 'suspend' : 'ban'}`, p.moderator, k % 2 ? { hours: 1, reason: text } : { reason: text });
        await call('get', '/api/me', victim);
      }
      // A moderator's message, the author's appeal, another moderator's outcome note: one per chunk.
      for (const [k, text] of chunks(1000).entries()) {
        if (k >= ids.length) break;
        await call('post', `/api/moderation/comments/${ids[k]}/decisions`, p.moderator, { action: 'REJECT', revision: revisions[k], expectedStatus: statuses[k], reason: 'OTHER', message: text });
        const appealed = await call('post', `/api/comments/${ids[k]}/appeal`, author, { text });
        const appealId = (appealed.body as { appeal?: { id: string } }).appeal?.id;
        if (appealId) await call('post', `/api/moderation/appeals/${appealId}/decision`, p.admin, { outcome: k % 2 ? 'UPHOLD' : 'OVERTURN', note: text });
        await call('get', `/api/comments/${ids[k]}/decision`, author);
        await call('get', `/api/comments/${ids[k]}/revisions`, p.moderator);
        await call('get', `/api/comments/${ids[k]}/notes`);
        await call('get', `/api/comments/${ids[k]}`, author);
      }
      // Article fields, written by admins and shown by the embed.
      for (const [k, text] of chunks(300).entries()) {
        const created = await call('post', '/api/articles', p.admin, {
          url: `https://news.example/xss/${g}/${k}`,
          title: text,
          standfirst: text,
          authorName: text.slice(0, 200),
          authorBio: text,
          section: text.slice(0, 100),
          tags: [text.slice(0, 60)],
        });
        const id = (created.body as { id?: string }).id;
        if (id) await call('get', `/api/articles/${id}`);
      }
    };

    const groups: string[][] = [];
    for (let i = 0; i < XSS_VECTORS.length; i += GROUP) groups.push(XSS_VECTORS.slice(i, i + GROUP));
    for (let g = 0; g < groups.length; g += LANES) {
      await Promise.all(groups.slice(g, g + LANES).map((group, j) => oneGroup(group, g + j)));
    }

    // Everything again as others read it: threads, queues, desk, lists, exports.
    for (const { articleId } of lanes) {
      for (const sort of ['newest', 'oldest', 'replies', 'respect']) {
        await readAll(`/api/articles/${articleId}/comments?sort=${sort}&limit=50`);
        await readAll(`/api/articles/${articleId}/comments?sort=${sort}&limit=50`, p.moderator);
      }
      await call('get', `/api/articles/${articleId}/transparency`);
    }
    for (const queue of ['pending', 'reported', 'urgent', 'unmoderated', 'approved', 'rejected', 'appeals']) await readAll(`/api/moderation/queues/${queue}?limit=100`, p.moderator);
    await call('get', '/api/moderation/queues', p.moderator);
    await call('get', '/api/desk/queue', p.factChecker);
    await readAll('/api/desk/claims?limit=100', p.factChecker);
    await call('get', '/api/desk/campaigns?hours=72&minAccounts=2', p.factChecker);
    await readAll('/api/users?limit=100', p.moderator);
    await readAll('/api/audit?limit=100', p.admin);
    await readAll('/api/articles?limit=100');
    await call('get', '/api/tags');
    for (const { author, reporter, namer } of lanes) {
      for (const who of [author, reporter, namer]) await call('get', '/api/me/export', who);
    }
    await call('get', '/api/transparency');

    expect(findings).toEqual([]);
    // The run really went through the fields: most writes succeeded and HTML was checked.
    expect(htmlChecked).toBeGreaterThan(XSS_VECTORS.length * 4);
    expect(responses).toBeGreaterThan(XSS_VECTORS.length * 5);
  }, 180_000);

  it('display names from registration and site sign-on, and word-list phrases, come back as data', async () => {
    for (const [i, v] of XSS_VECTORS.entries()) {
      if (i % 3 === 0) {
        await call('post', '/api/auth/register', undefined, { email: `xss-${i}@example.org`, password: 'a long enough passphrase 42', displayName: v.slice(0, 50) });
      } else if (i % 3 === 1) {
        const now = Math.floor(Date.now() / 1000);
        const token = jwt.sign({ sub: `site-${i}`, name: v.slice(0, 50), email: null, jti: randomUUID(), iat: now, exp: now + 60 }, SSO_SECRET, { algorithm: 'HS256' });
        const session = await call('post', '/api/auth/sso', undefined, { token });
        const sessionToken = (session.body as { token?: string }).token;
        if (sessionToken) await call('get', '/api/me', { auth: { Authorization: `Bearer ${sessionToken}` } } as TestUser);
      }
    }
    // Suspect phrases: listed to moderators, and a comment using one is flagged, not broken.
    const article = await createArticle(t.prisma);
    for (const v of XSS_VECTORS.slice(0, 30)) await call('post', '/api/moderation/words', p.admin, { phrase: v.slice(0, 100), kind: 'SUSPECT' });
    await call('get', '/api/moderation/words', p.moderator);
    for (const v of XSS_VECTORS.slice(0, 30)) await call('post', `/api/articles/${article.id}/comments`, p.otherReader, { body: `quoting ${v}` });
    await readAll(`/api/articles/${article.id}/comments?limit=50`);
    await readAll('/api/moderation/queues/reported?limit=100', p.moderator);
    // A banned phrase: the author is told which rule.
    await call('post', '/api/moderation/words', p.admin, { phrase: '<img src=x onerror=alert(1)>', kind: 'BANNED' });
    const refused = await call('post', `/api/articles/${article.id}/comments`, p.otherReader, { body: 'see <img src=x onerror=alert(1)>' });
    expect(JSON.stringify(refused.body)).toMatch(/BANNED_WORD/);
    expect(findings).toEqual([]);
  }, 60_000);
});
