import fc from 'fast-check';
import type { TestApp } from '../helpers/app';
import { createPersonas, createUser, Personas, TestUser } from '../helpers/factories';
import { checkConformance } from './conformance';
import { DbFingerprint, Fingerprint } from './db-fingerprint';
import {
  BodyPlan,
  bodyBytes,
  bodyPlanFor,
  cursorFor,
  dateLike,
  encodeComponent,
  hugeString,
  nastyString,
  PoolName,
  PoolRef,
  poolRef,
  RAW_BROKEN_SEGMENTS,
  uuidLike,
  validValue,
  WRONG_NUMBERS,
} from './generators';
import { RawClient, RawRequest, RawResponse } from './http-client';
import { checkResponse, EchoRegistry, stringsIn, Violation } from './invariants';
import { Operation, operationsOf, Parameter } from './openapi';
import { buildWorld, emptyPools, giveGoodStanding, Pools } from './world';

/*
 * OpenAPI-driven property-based fuzzing. For every operation of GET /api/openapi.json, fast-check
 * generates requests (path parameters, query strings, bodies from the documented schema and then
 * broken, odd headers) sent as anonymous and as each role, and every response is checked:
 *   - never a 5xx;
 *   - every status >= 400 is application/problem+json with type, title, status (= HTTP status),
 *     detail and code;
 *   - no body or header reveals internals (see invariants.ts);
 *   - the database is unchanged after every failed request and every GET (db-fingerprint.ts).
 * Cases run one at a time so that a database change can be pinned on one request.
 */

export type Caller = 'anonymous' | 'reader' | 'moderator' | 'factChecker' | 'admin';
export const CALLERS: Caller[] = ['anonymous', 'reader', 'moderator', 'factChecker', 'admin'];

/** A part of a URL: a real record, text to percent-encode, or bytes already encoded. */
type UrlValue = PoolRef | { text: string } | { encoded: string } | { join: UrlValue[] };

type AuthVariant =
  | 'caller'
  | 'scheme-only'
  | 'junk-token'
  | 'basic'
  | 'lowercase-scheme'
  | 'trailing-junk'
  | 'doubled-token'
  | 'huge'
  | 'latin1'
  | 'other-scheme'
  | 'bare-token'
  | 'other-caller';

export interface FuzzCase {
  op: string;
  method: string;
  caller: Caller;
  path: UrlValue[];
  query: Array<{ name: string; value: UrlValue }>;
  body: BodyPlan | null;
  auth: AuthVariant;
  headers: Record<string, string | null>;
}

export interface CaseResult {
  request: RawRequest;
  response: RawResponse | null;
  violations: Violation[];
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
  /** Replays one case of a previous run: fast-check's path (the case index). */
  path?: string;
  timeLimitMs?: number;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  ms: number;
  interrupted: boolean;
  violations: Array<{ index: number; op: string; caller: Caller; violation: Violation; request: string; response: string }>;
  byRoute: Map<string, Map<string, number>>;
  byStatus: Map<number, number>;
  byCaller: Map<Caller, Map<string, number>>;
  parserRejections: number;
  summary: string;
}

const HEADER_SAFE = /[^\t\x20-\x7e\x80-\xff]/g;

/** An operation's path template as a pattern over request paths: each parameter one non-empty segment. */
function routePattern(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}/?$`);
}

/** Routes that act on the caller's own comment. */
const AUTHOR_ROUTES = new Set(['PATCH /api/comments/{id}', 'DELETE /api/comments/{id}', 'GET /api/comments/{id}/decision', 'POST /api/comments/{id}/appeal']);

/** FUZZ_TRACE=1: print every case (index, status, request) as it is sent. */
const TRACE = process.env.FUZZ_TRACE === '1';

/**
 * A request line with raw bytes outside printable ASCII, which Node's HTTP parser (llhttp) refuses
 * (HPE_INVALID_URL) before the application sees it. The server's 'clientError' listener
 * (src/common/http/client-error.ts) answers it with a problem document; checkResponse holds it to
 * the same rules as every other answer.
 */
export function isParserRejection(req: RawRequest, res: RawResponse): boolean {
  return /[^\x21-\x7e]/.test(req.path) && res.status === 400;
}
const MAX_URL = 12_000;

const statusClass = (status: number | null) => (status === null ? 'none' : `${Math.floor(status / 100)}xx`);

export class OpenApiFuzzer {
  readonly pools: Pools = emptyPools();
  private personas!: Personas;
  private client!: RawClient;
  private fingerprint!: DbFingerprint;
  private readonly echoes = new EchoRegistry();
  private lastAfter: Fingerprint | null = null;
  private operations: Operation[] = [];
  private opsByKey = new Map<string, Operation>();
  private casesSinceRefresh = 0;
  /** Requests Node's HTTP parser refused before the app saw them (see isParserRejection). */
  parserRejections = 0;

  private constructor(private readonly t: TestApp) {}

  static async start(t: TestApp): Promise<OpenApiFuzzer> {
    const fuzzer = new OpenApiFuzzer(t);
    fuzzer.client = await RawClient.for(t.http);
    const doc = await fuzzer.client.send({ method: 'GET', path: '/api/openapi.json', headers: {} });
    if (doc.status !== 200) throw new Error(`GET /api/openapi.json answered ${doc.status}`);
    fuzzer.operations = operationsOf(JSON.parse(doc.text));
    fuzzer.opsByKey = new Map(fuzzer.operations.map((o) => [o.key, o]));
    fuzzer.personas = await createPersonas(t.prisma);
    await giveGoodStanding(t, fuzzer.personas.reader);
    fuzzer.fingerprint = await DbFingerprint.create(t.prisma.pool, ['event_consumers', 'rate_limit_counters']);
    await buildWorld(t, fuzzer.personas, fuzzer.pools);
    // Comments that repeat a claim are attached to it after the answer: let that finish.
    await fuzzer.fingerprint.quiesce();
    return fuzzer;
  }

  get routes(): string[] {
    return this.operations.map((o) => o.key);
  }

  /** The documented operations, as read from GET /api/openapi.json. */
  get ops(): readonly Operation[] {
    return this.operations;
  }

  get db(): DbFingerprint {
    return this.fingerprint;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  // -------------------------------------------------------------------------------------------
  // Generation
  // -------------------------------------------------------------------------------------------

  /** One fuzz case for any documented operation (each operation equally likely). */
  arbitrary(): fc.Arbitrary<FuzzCase> {
    return fc.oneof(...this.operations.map((op) => this.caseFor(op)));
  }

  /**
   * Cases for one operation: a third are clean (documented method, plain headers, real records,
   * a valid body with few optional fields) so that requests reach the code behind validation;
   * the rest are hostile in every part.
   */
  caseFor(op: Operation): fc.Arbitrary<FuzzCase> {
    return fc.oneof({ weight: 1, arbitrary: this.cleanCaseFor(op) }, { weight: 2, arbitrary: this.hostileCaseFor(op) });
  }

  private cleanCaseFor(op: Operation): fc.Arbitrary<FuzzCase> {
    const hints = { poolForField: poolForField };
    // Routes only a comment's author may use: mostly the reader, on the reader's own comments.
    const authorOnly = AUTHOR_ROUTES.has(op.key);
    return fc.record({
      op: fc.constant(op.key),
      method: fc.constant<string>(op.method),
      caller: authorOnly ? fc.oneof({ weight: 3, arbitrary: fc.constant<Caller>('reader') }, { weight: 1, arbitrary: fc.constantFrom(...CALLERS) }) : fc.constantFrom(...CALLERS),
      path: fc.tuple(
        ...op.pathParams.map((p) =>
          p.schema.enum
            ? fc.constantFrom(...p.schema.enum.map(String)).map((v): UrlValue => ({ text: v }))
            : poolRef(authorOnly ? 'ownComments' : poolForPath(op.path, p.name)).map((r) => new PoolRef(r.pool, r.index)),
        ),
      ),
      query: fc.tuple(...op.queryParams.map((p) => fc.oneof(fc.constant([] as QueryItems), queryValue(p, op.path).map((value): QueryItems => [{ name: encodeComponent(p.name), value }])))).map((items) => items.flat()),
      body: op.body ? validValue(op.body, '', hints, 0, true).map((value): BodyPlan => ({ kind: 'json', value })) : fc.constant(null),
      auth: fc.constant<AuthVariant>('caller'),
      headers: fc.constant({}),
    });
  }

  private hostileCaseFor(op: Operation): fc.Arbitrary<FuzzCase> {
    const hasBody = op.body !== null || ['POST', 'PUT', 'PATCH'].includes(op.method);
    const hints = { poolForField: poolForField };
    return fc.record({
      op: fc.constant(op.key),
      method: fc.oneof(
        { weight: 40, arbitrary: fc.constant<string>(op.method) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS') },
      ),
      caller: fc.constantFrom(...CALLERS),
      path: fc.tuple(...op.pathParams.map((p) => pathValue(op.path, p))),
      query: queryFor(op),
      body: hasBody
        ? bodyPlanFor(op.body, hints)
        : fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: bodyPlanFor(null, hints) }),
      auth: fc.oneof(
        { weight: 26, arbitrary: fc.constant<AuthVariant>('caller') },
        {
          weight: 4,
          arbitrary: fc.constantFrom<AuthVariant>(
            'scheme-only', 'junk-token', 'basic', 'lowercase-scheme', 'trailing-junk', 'doubled-token', 'huge', 'latin1', 'other-scheme', 'bare-token', 'other-caller',
          ),
        },
      ),
      headers: fc.record(
        {
          'content-type': fc.oneof(
            { weight: 20, arbitrary: fc.constant<string | null>('application/json') },
            {
              weight: 3,
              arbitrary: fc.constantFrom<string | null>(
                null, 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset="bogus"',
                'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/merge-patch+json',
                'application/problem+json', '', 'application/', '*/*', 'application/json, text/html', 'APPLICATION/JSON', 'application/json\u00ff',
              ),
            },
          ),
          'content-encoding': fc.oneof({ weight: 30, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constantFrom<string | null>('gzip', 'deflate', 'br', 'identity', 'x-bogus', 'gzip, gzip') }),
          'idempotency-key': fc.oneof(
            { weight: 8, arbitrary: fc.constant<string | null>(null) },
            { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/) },
            { weight: 2, arbitrary: fc.oneof(nastyString, fc.constantFrom('', 'short', 'k'.repeat(129), 'k'.repeat(4000), 'key with spaces ok', '\u00ff\u00fe\u00fd\u00fc\u00fb\u00fa\u00f9\u00f8')) },
          ),
          'x-request-id': fc.oneof(
            { weight: 6, arbitrary: fc.constant<string | null>(null) },
            { weight: 2, arbitrary: fc.oneof(nastyString, fc.constantFrom('fuzz-request-1', '../../etc/passwd', '<script>alert(1)</script>', 'r'.repeat(129), 'r'.repeat(4000), ' ', '\u00ff')) },
          ),
          accept: fc.oneof({ weight: 10, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constantFrom<string | null>('text/html', 'application/xml', '*/*', 'application/problem+json', 'garbage') }),
          'x-http-method-override': fc.oneof({ weight: 30, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constantFrom<string | null>('DELETE', 'PUT') }),
        },
        { requiredKeys: [] },
      ),
    }) as fc.Arbitrary<FuzzCase>;
  }

  // -------------------------------------------------------------------------------------------
  // Execution
  // -------------------------------------------------------------------------------------------

  /** Builds the request a case describes, against the records and sessions as they are now. */
  toRequest(c: FuzzCase): RawRequest {
    const op = this.opsByKey.get(c.op);
    if (!op) throw new Error(`unknown operation ${c.op}`);
    let i = 0;
    let path = op.path.replace(/\{[^}]+\}/g, () => this.urlValue(c.path[i++], 600));
    const query = c.query.map(({ name, value }) => `${name}=${this.urlValue(value, 600)}`);
    while (query.length > 0 && path.length + query.join('&').length > MAX_URL) query.pop();
    if (path.length > MAX_URL) path = path.slice(0, MAX_URL);
    if (query.length > 0) path += `?${query.join('&')}`;

    const headers: Record<string, string> = {};
    const auth = this.authorization(c.caller, c.auth);
    if (auth !== null) headers.authorization = auth;
    let body: Buffer | undefined;
    if (c.body) {
      body = bodyBytes(c.body, (v) => this.resolveJson(v), this.t.config.bodyLimitBytes);
      if (c.headers['content-type'] !== null) headers['content-type'] = c.headers['content-type'] ?? 'application/json';
    }
    for (const [name, value] of Object.entries(c.headers)) {
      if (name === 'content-type' || value === null || value === undefined) continue;
      headers[name] = value;
    }
    for (const [name, value] of Object.entries(headers)) headers[name] = value.replace(HEADER_SAFE, '?').slice(0, 6000);
    return { method: c.method, path, headers, body };
  }

  /**
   * Sends one case and checks every invariant. `tamper` runs between the request and the after
   * fingerprint; the self-test uses it to prove a database change is caught.
   */
  async execute(c: FuzzCase, tamper?: () => Promise<void>): Promise<CaseResult> {
    const request = this.toRequest(c);
    this.echoes.note(this.requestStrings(c, request));
    const result = await this.check(request, tamper);
    const op = this.opsByKey.get(c.op);
    // Held to the document only when the request is this operation's: its documented method, and
    // a path its template matches (an empty or "/"-holding parameter makes it another route).
    const pathOnly = request.path.split('?')[0];
    const reached = op && c.method === op.method && routePattern(op.path).test(pathOnly) && !/\/\.\.?(?:\/|$)/.test(pathOnly);
    if (result.response && op && reached) result.violations.push(...checkConformance(op, result.response));
    if (result.response) await this.afterResponse(c, result.response);
    return result;
  }

  /** A literal request, checked against the same invariants as a generated one. */
  async probe(request: RawRequest, tamper?: () => Promise<void>): Promise<CaseResult> {
    this.echoes.note(this.rawRequestStrings(request));
    return this.check(request, tamper);
  }

  /** `Authorization` header value of a caller (null for anonymous). */
  authOf(caller: Caller): Record<string, string> {
    return caller === 'anonymous' ? {} : { authorization: `Bearer ${this.personas[caller].token}` };
  }

  /** Sends, fingerprints the database around the request, and checks every invariant. */
  private async check(request: RawRequest, tamper?: () => Promise<void>): Promise<CaseResult> {
    const method = request.method;
    const before = this.lastAfter ?? (await this.fingerprint.take());
    let response: RawResponse | null = null;
    const violations: Violation[] = [];
    try {
      response = await this.client.send(request);
    } catch (err) {
      violations.push({ kind: 'transport', message: `no response: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (tamper) await tamper();
    const wrote = response !== null && response.status < 400 && !['GET', 'HEAD'].includes(method);
    // Work the app does after answering a successful write (claim attachment) settles first.
    if (wrote || response === null) await this.fingerprint.quiesce();
    const after = await this.fingerprint.take();
    this.lastAfter = after;
    if (response) {
      // Requests Node's HTTP parser refuses (raw bytes in the request line) are counted, and held
      // to the same checks: the clientError listener answers them with a problem document.
      if (isParserRejection(request, response)) this.parserRejections += 1;
      violations.push(...checkResponse(response, { path: request.path.split('?')[0], method, echoes: this.echoes }));
    }
    if (response) {
      const changed = DbFingerprint.changedTables(before, after);
      const mustNotWrite = response.status >= 400 || ['GET', 'HEAD'].includes(method);
      if (mustNotWrite && changed.length > 0) {
        violations.push({ kind: 'db-changed', message: `${method} answered ${response.status} but changed ${changed.join(', ')}` });
      }
    }
    return { request, response, violations };
  }

  /** Keeps the callers signed in and harvests real cursors and ids for later cases. */
  private async afterResponse(c: FuzzCase, res: RawResponse): Promise<void> {
    if (res.status < 300 && c.caller !== 'anonymous' && (c.op === 'POST /api/auth/logout' || c.op === 'DELETE /api/me') && c.method === this.opsByKey.get(c.op)?.method) {
      await this.replacePersona(c.caller);
    }
    if (res.status >= 300 || !/json/.test(String(res.headers['content-type']))) return;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(res.text) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof body?.nextCursor === 'string') pushCapped(this.pools.cursors, body.nextCursor);
    if (c.method !== 'POST' || typeof body?.id !== 'string') return;
    const created: Partial<Record<string, PoolName>> = {
      'POST /api/articles/{id}/comments': 'comments',
      'POST /api/articles': 'articles',
      'POST /api/articles/resolve': 'articles',
      'POST /api/desk/claims': 'claims',
      'POST /api/comments/{id}/notes': 'notes',
      'POST /api/moderation/words': 'words',
      'POST /api/tags': 'tags',
    };
    const pool = created[c.op];
    if (pool === 'tags' && typeof body.slug === 'string') pushCapped(this.pools.tags, body.slug);
    else if (pool) pushCapped(this.pools[pool], body.id);
    if (pool === 'comments' && c.caller === 'reader' && c.auth === 'caller') pushCapped(this.pools.ownComments, body.id);
  }

  private async replacePersona(caller: Exclude<Caller, 'anonymous'>): Promise<void> {
    const role = { reader: 'READER', moderator: 'MODERATOR', factChecker: 'FACT_CHECKER', admin: 'ADMIN' } as const;
    const fresh: TestUser = await createUser(this.t.prisma, { role: role[caller], displayName: `Fuzz ${caller}` });
    if (caller === 'reader') {
      await giveGoodStanding(this.t, fresh);
      // The old reader's comments are no longer the caller's own.
      this.pools.ownComments.length = 0;
    }
    this.personas[caller] = fresh;
    this.lastAfter = null;
  }

  /** Now and then: new records (cases delete some), and callers whose session died are replaced. */
  async refresh(): Promise<void> {
    for (const caller of CALLERS) {
      if (caller === 'anonymous') continue;
      const me = await this.client.send({ method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${this.personas[caller].token}` } });
      if (me.status !== 200 || JSON.parse(me.text).sanction?.status !== 'ACTIVE') await this.replacePersona(caller);
    }
    const otherOk = await this.client.send({ method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${this.personas.otherReader.token}` } });
    if (otherOk.status !== 200) this.personas.otherReader = await createUser(this.t.prisma, { displayName: 'Fuzz other reader' });
    await buildWorld(this.t, this.personas, this.pools);
    await this.fingerprint.quiesce();
    this.lastAfter = null;
  }

  // -------------------------------------------------------------------------------------------
  // A run
  // -------------------------------------------------------------------------------------------

  async run(options: FuzzOptions): Promise<FuzzReport> {
    const seed = options.seed ?? Date.now() ^ (Math.random() * 0x100000000);
    const report: FuzzReport = {
      seed,
      cases: 0,
      ms: 0,
      interrupted: false,
      violations: [],
      byRoute: new Map(this.operations.map((o) => [o.key, new Map()])),
      byStatus: new Map(),
      byCaller: new Map(),
      parserRejections: 0,
      summary: '',
    };
    const started = performance.now();
    const offset = options.path ? Number(options.path.split(':')[0]) : 0;
    let index = 0;
    const property = fc.asyncProperty(this.arbitrary(), async (c) => {
      const caseIndex = offset + index++;
      if (this.casesSinceRefresh++ >= 1500) {
        this.casesSinceRefresh = 0;
        await this.refresh();
      }
      const result = await this.execute(c);
      if (TRACE) process.stdout.write(`case ${caseIndex}: ${result.response?.status ?? '---'} ${describeRequest(result.request)}\n`);
      report.cases += 1;
      const status = result.response?.status ?? null;
      const cls = statusClass(status);
      bump(report.byRoute.get(c.op) ?? report.byRoute.set(c.op, new Map()).get(c.op)!, cls);
      bump(report.byCaller.get(c.caller) ?? report.byCaller.set(c.caller, new Map()).get(c.caller)!, cls);
      if (status !== null) report.byStatus.set(status, (report.byStatus.get(status) ?? 0) + 1);
      for (const violation of result.violations) {
        report.violations.push({
          index: caseIndex,
          op: c.op,
          caller: c.caller,
          violation,
          request: describeRequest(result.request),
          response: result.response ? `${result.response.status} ${String(result.response.headers['content-type'] ?? '')} ${result.response.text.slice(0, 400)}` : '(none)',
        });
      }
      // Violations are collected, not thrown, so one run reports all of them; each is replayable
      // on its own with the printed seed and path.
      return true;
    });
    const details = await fc.check(property, {
      numRuns: options.runs,
      seed,
      ...(options.path ? { path: options.path } : {}),
      ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
    });
    report.interrupted = details.interrupted;
    if (details.failed) {
      report.violations.push({
        index: -1,
        op: '(fast-check)',
        caller: 'anonymous',
        violation: { kind: 'transport', message: fc.defaultReportMessage(details) ?? 'property failed' },
        request: '',
        response: '',
      });
    }
    report.ms = performance.now() - started;
    report.parserRejections = this.parserRejections;
    report.summary = summarize(report);
    return report;
  }

  // -------------------------------------------------------------------------------------------
  // Helpers
  // -------------------------------------------------------------------------------------------

  private authorization(caller: Caller, variant: AuthVariant): string | null {
    const token = caller === 'anonymous' ? null : this.personas[caller].token;
    const some = token ?? this.personas.reader.token;
    switch (variant) {
      case 'caller':
        return token === null ? null : `Bearer ${token}`;
      case 'scheme-only':
        return 'Bearer';
      case 'junk-token':
        return `Bearer ${some.slice(0, -4)}AAAA`;
      case 'basic':
        return 'Basic dXNlcjpwYXNzd29yZA==';
      case 'lowercase-scheme':
        return `bearer ${some}`;
      case 'trailing-junk':
        return `Bearer ${some} extra`;
      case 'doubled-token':
        return `Bearer ${some}${some}`;
      case 'huge':
        return `Bearer ${'A'.repeat(5000)}`;
      case 'latin1':
        return `Bearer \u00ff\u00fe${some}`;
      case 'other-scheme':
        return `Token ${some}`;
      case 'bare-token':
        return some;
      case 'other-caller':
        return `Bearer ${this.personas.otherReader.token}`;
    }
  }

  private poolValue(ref: PoolRef): string {
    const pool = this.pools[ref.pool].length > 0 ? this.pools[ref.pool] : this.pools.any;
    const value = pool.length > 0 ? pool[ref.index % pool.length] : '00000000-0000-4000-8000-000000000000';
    switch (ref.twist) {
      case 'none':
        return value;
      case 'upper':
        return value.toUpperCase();
      case 'suffix':
        return `${value}x`;
      case 'prefix':
        return ` ${value}`;
      case 'no-dashes':
        return value.replace(/-/g, '');
      case 'braces':
        return `{${value}}`;
    }
  }

  private urlValue(v: UrlValue, maxText: number): string {
    if (v instanceof PoolRef) return encodeComponent(this.poolValue(v));
    if ('encoded' in v) return v.encoded;
    if ('join' in v) return v.join.map((part) => this.urlValue(part, 100)).join(',');
    return encodeComponent(v.text.length > maxText ? v.text.slice(0, maxText) : v.text);
  }

  /** JSON with PoolRefs replaced by real values; own "__proto__" keys survive the copy. */
  private resolveJson(value: unknown): unknown {
    if (value instanceof PoolRef) return this.poolValue(value);
    if (Array.isArray(value)) return value.map((v) => this.resolveJson(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        Object.defineProperty(out, key, { value: this.resolveJson((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  }

  private requestStrings(c: FuzzCase, req: RawRequest): string[] {
    const strings = this.rawRequestStrings(req);
    const texts = (v: UrlValue): string[] =>
      v instanceof PoolRef ? [] : 'text' in v ? [v.text] : 'join' in v ? v.join.flatMap(texts) : [v.encoded];
    for (const v of c.path) strings.push(...texts(v));
    for (const q of c.query) strings.push(q.name, ...texts(q.value));
    if (c.body && 'value' in c.body) strings.push(...stringsIn(this.resolveJson(c.body.value)));
    if (c.body?.kind === 'text') strings.push(c.body.text);
    return strings;
  }

  /** What a request carries, decoded the ways the app may decode it (and echo it back). */
  private rawRequestStrings(req: RawRequest): string[] {
    const strings = [req.path, ...Object.values(req.headers)];
    for (const part of [req.path, ...req.path.split(/[?&=/,]/)]) {
      try {
        strings.push(decodeURIComponent(part.replace(/\+/g, ' ')));
      } catch {
        // Broken percent-encoding on purpose.
      }
    }
    if (req.body && req.body.length < 300_000) {
      // The app decodes bodies as UTF-8 and may echo what it read, invalid bytes replaced.
      strings.push(req.body.toString('utf8'));
      try {
        strings.push(...stringsIn(JSON.parse(req.body.toString('utf8'))));
      } catch {
        // Not JSON on purpose.
      }
    }
    return strings;
  }
}

// ---------------------------------------------------------------------------------------------
// Path and query generation
// ---------------------------------------------------------------------------------------------

/** Which records a path parameter names, from the segment before it. */
export function poolForPath(path: string, param: string): PoolName {
  if (param === 'commentId') return 'comments';
  const before = path.split(`{${param}}`)[0].split('/').filter(Boolean).pop() ?? '';
  const pools: Record<string, PoolName> = {
    articles: 'articles',
    tags: 'tags',
    comments: 'comments',
    users: 'users',
    claims: 'claims',
    notes: 'notes',
    appeals: 'appeals',
    words: 'words',
  };
  return pools[before] ?? 'any';
}

function poolForField(field: string): PoolName {
  if (/comment|parent/i.test(field)) return 'comments';
  if (/article/i.test(field)) return 'articles';
  if (/actor|subject|author|user/i.test(field)) return 'users';
  return 'any';
}

const text = (s: string): UrlValue => ({ text: s });
const encoded = (s: string): UrlValue => ({ encoded: s });

function pathValue(path: string, param: Parameter): fc.Arbitrary<UrlValue> {
  const pool = poolForPath(path, param.name);
  const options: Array<fc.WeightedArbitrary<UrlValue>> = [
    { weight: 2, arbitrary: uuidLike.map(text) },
    { weight: 1, arbitrary: poolRef('any') },
    { weight: 3, arbitrary: nastyString.map(text) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BROKEN_SEGMENTS).map(encoded) },
    { weight: 1, arbitrary: fc.constantFrom('a'.repeat(300), 'a'.repeat(2_000), 'a'.repeat(8_000)).map(text) },
  ];
  if (param.schema.enum) {
    const values = param.schema.enum.map(String);
    options.push({ weight: 10, arbitrary: fc.constantFrom(...values).map(text) });
    options.push({ weight: 2, arbitrary: fc.constantFrom(...values.map((v) => v.toLowerCase()), ...values.map((v) => `${v} `), ...values.map((v) => v.toUpperCase())).map(text) });
  } else if (pool === 'articles') {
    options.push({ weight: 11, arbitrary: poolRef('articles') }, { weight: 5, arbitrary: poolRef('articleSlugs') });
  } else {
    options.push({ weight: 16, arbitrary: poolRef(pool) });
  }
  return fc.oneof(...options);
}

function queryValue(p: Parameter, route: string): fc.Arbitrary<UrlValue> {
  const name = p.name;
  const s = p.schema;
  if (name === 'cursor') return cursorFor(route).map((v) => (v instanceof PoolRef ? v : text(v)));
  if (name === 'articles') {
    return fc.oneof(
      fc.array(poolRef('articles'), { minLength: 1, maxLength: 5 }).map((refs) => ({ join: refs })),
      fc.array(fc.oneof(poolRef('any'), uuidLike.map(text)), { minLength: 1, maxLength: 120 }).map((parts) => ({ join: parts })),
      nastyString.map(text),
    );
  }
  if (name === 'month') return fc.constantFrom('2026-11', '2026-13', '0000-00', '99999-01', '2026-1', '-2026-01', '2026-11-01', '1969-12', '275760-09', 'abc').map(text);
  if (s.format === 'date-time' || name === 'from' || name === 'to') return dateLike.map((d) => text(String(d)));
  if (s.format === 'uuid' || ['actor', 'subject', 'author', 'article'].includes(name)) {
    return fc.oneof(poolRef(name === 'article' ? 'articles' : name === 'author' || name === 'actor' || name === 'subject' ? 'users' : 'any'), uuidLike.map(text));
  }
  if (s.enum) return fc.constantFrom(...s.enum.map(String)).map(text);
  if (s.type === 'number' || s.type === 'integer') {
    return fc.integer({ min: s.minimum ?? 1, max: s.maximum ?? 100 }).map((n) => text(String(n)));
  }
  if (name === 'tag') return poolRef('tags');
  return validValue(s, name, { poolForField }).map((v) => (v instanceof PoolRef ? v : text(String(v))));
}

function wrongQueryValue(p: Parameter): fc.Arbitrary<UrlValue> {
  return fc.oneof(
    fc.constantFrom(...WRONG_NUMBERS).map(text),
    nastyString.map(text),
    hugeString.map(text),
    fc.constantFrom(...RAW_BROKEN_SEGMENTS).map(encoded),
    p.schema.enum ? fc.constantFrom(...p.schema.enum.map((e) => String(e).toLowerCase())).map(text) : fc.constant(text('')),
  );
}

type QueryItems = Array<{ name: string; value: UrlValue }>;

/**
 * Mostly plausible query strings with one parameter broken, so that requests get past validation
 * to the code behind it; now and then every parameter is broken at once.
 */
function queryFor(op: Operation): fc.Arbitrary<QueryItems> {
  const plausible = op.queryParams.map((p) =>
    fc.oneof(
      { weight: p.required ? 1 : 4, arbitrary: fc.constant([] as QueryItems) },
      { weight: 6, arbitrary: queryValue(p, op.path).map((value): QueryItems => [{ name: encodeComponent(p.name), value }]) },
    ),
  );
  const broken = op.queryParams.map((p) => brokenQuery(p, op.path));
  const oneBroken =
    op.queryParams.length === 0
      ? fc.constant([] as QueryItems[])
      : fc.tuple(fc.tuple(...plausible), fc.nat(op.queryParams.length - 1)).chain(([items, i]) =>
          broken[i].map((bad) => items.map((item, j) => (j === i ? bad : item))),
        );
  const known = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(...plausible) },
    { weight: 4, arbitrary: oneBroken },
    { weight: 1, arbitrary: fc.tuple(...broken) },
  );
  const unknown = fc.array(
    fc.record({
      name: fc.oneof(fc.constantFrom('__proto__', 'constructor[prototype][x]', 'foo', 'limit', 'cursor', 'sort', 'a[b][c][d]', '', '%FF', '%C3%28'), fc.string({ maxLength: 6 }).map(encodeComponent)),
      value: fc.oneof(nastyString.map(text), fc.constantFrom(...RAW_BROKEN_SEGMENTS).map(encoded)),
    }),
    { maxLength: 2 },
  );
  return fc.tuple(known, fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: unknown })).map(([items, extra]) => [
    ...(items as QueryItems[]).flat(),
    ...extra,
  ]);
}

function brokenQuery(p: Parameter, route: string): fc.Arbitrary<QueryItems> {
  const name = encodeComponent(p.name);
  return fc.oneof(
    { weight: 5, arbitrary: wrongQueryValue(p).map((value): QueryItems => [{ name, value }]) },
    { weight: 2, arbitrary: fc.tuple(queryValue(p, route), fc.oneof(queryValue(p, route), wrongQueryValue(p))).map(([a, b]): QueryItems => [{ name, value: a }, { name, value: b }]) },
    { weight: 1, arbitrary: queryValue(p, route).map((value): QueryItems => [{ name: `${name}[]`, value }]) },
    { weight: 1, arbitrary: queryValue(p, route).map((value): QueryItems => [{ name: `${name}[x]`, value }]) },
    { weight: 1, arbitrary: queryValue(p, route).map((value): QueryItems => [{ name: `${name}%5B__proto__%5D`, value }]) },
  );
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function pushCapped(list: string[], value: string, cap = 200): void {
  if (list.includes(value)) return;
  list.push(value);
  if (list.length > cap) list.splice(0, list.length - cap);
}

export function describeRequest(req: RawRequest): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const headers = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${cut(JSON.stringify(v), 120)}`)
    .join('; ');
  const body = req.body ? ` body ${req.body.length} bytes: ${cut(JSON.stringify(req.body.subarray(0, 300).toString('latin1')), 320)}` : '';
  return `${req.method} ${cut(req.path, 300)} [${headers}]${body}`;
}

function summarize(r: FuzzReport): string {
  const lines: string[] = [];
  const total = [...r.byStatus.values()].reduce((a, b) => a + b, 0);
  const classes = new Map<string, number>();
  for (const [status, count] of r.byStatus) classes.set(statusClass(status), (classes.get(statusClass(status)) ?? 0) + count);
  lines.push('');
  lines.push(`Fuzzing summary — seed ${r.seed}${r.interrupted ? ' (stopped at the time limit)' : ''}`);
  lines.push(`  cases: ${r.cases}, responses: ${total}, duration: ${(r.ms / 1000).toFixed(1)} s, ${(r.cases / (r.ms / 1000)).toFixed(1)} requests/s`);
  lines.push(`  by status class: ${[...classes.entries()].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`  by status: ${[...r.byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`  by caller: ${[...r.byCaller.entries()].map(([k, m]) => `${k} ${[...m.values()].reduce((a, b) => a + b, 0)}`).join(', ')}`);
  lines.push(`  refused by Node's HTTP parser before reaching the app (raw non-ASCII bytes in the request line), answered with a problem document: ${r.parserRejections}`);
  lines.push('  by route (cases: 2xx/3xx/4xx/5xx):');
  for (const [route, m] of [...r.byRoute.entries()].sort()) {
    const n = [...m.values()].reduce((a, b) => a + b, 0);
    lines.push(`    ${route.padEnd(52)} ${String(n).padStart(5)}: ${['2xx', '3xx', '4xx', '5xx'].map((k) => m.get(k) ?? 0).join('/')}`);
  }
  if (r.violations.length === 0) lines.push('  violations: none');
  else {
    lines.push(`  violations: ${r.violations.length} (replay one: FUZZ_SEED=${r.seed} FUZZ_PATH=<case> npm run fuzz)`);
    for (const v of r.violations.slice(0, 50)) {
      lines.push(`    case ${v.index} ${v.caller} ${v.op}: [${v.violation.kind}] ${v.violation.message}`);
      lines.push(`      request:  ${v.request}`);
      lines.push(`      response: ${v.response}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
