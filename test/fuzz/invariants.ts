import type { IncomingHttpHeaders } from 'node:http';

/*
 * What must hold for every response, whatever was sent: no 5xx; every error is a complete
 * problem document; nothing in the body or headers reveals internals (stack frames, file paths,
 * SQL, database or Prisma error names and codes, JavaScript error names).
 */

export interface ResponseLike {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface Violation {
  kind: 'server-error' | 'problem-shape' | 'leak' | 'content-type' | 'db-changed' | 'transport' | 'slow' | 'undocumented-status' | 'schema-mismatch';
  message: string;
}

/** Internals a response must never show. Each pattern names what it found. */
export const LEAK_PATTERNS: Array<{ name: string; pattern: RegExp }> = [
  // Stack frames: "at Foo.bar (/srv/app/x.ts:12:3)", "at /x.js:1:2", "at node:internal/..:1:2".
  { name: 'stack frame', pattern: /\bat\s+(?:[\w$.<>[\]]+\s+)?\(?(?:\/|[A-Za-z]:\\|file:|node:)[^\s()]*:\d+(?::\d+)?\)?/ },
  { name: 'source position', pattern: /\.(?:ts|js|mjs|cjs):\d+:\d+/ },
  { name: 'file path', pattern: /\/work\/|\/home\/|\/usr\/(?:src|lib)\/|\bnode_modules\b|(?:^|[\s"'(/])dist\/|\/src\/(?:modules|common|database|config)\// },
  { name: 'SQL text', pattern: /\b(?:SELECT\s[\s\S]{1,200}?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+"?\w+"?\s+SET\s|DELETE\s+FROM\s|WITH\s+\w+\s+AS\s*\()/i },
  {
    name: 'PostgreSQL error text',
    pattern:
      /syntax error at or near|relation "[^"]*" does not exist|column "[^"]*" (?:does not exist|of relation)|violates (?:foreign key|unique|check|not-null|exclusion) constraint|invalid input syntax for|duplicate key value|out of range for type|current transaction is aborted|invalid byte sequence for encoding|value too long for type|division by zero|\bSQLSTATE\b|\bpg_catalog\b|\bpg_sleep\b/i,
  },
  { name: 'PostgreSQL error code', pattern: /\b(?:22P02|22003|22007|22008|22021|22001|23505|23503|23502|23514|42601|42P01|42703|42883|25P02|40P01|57014)\b/ },
  {
    name: 'Prisma or driver internals',
    pattern: /\bPrisma(?:Client)?[A-Z]\w*Error\b|Invalid `[^`]*prisma|\bprisma\.\w+\.\w+\(|\bDriverAdapterError\b|\bpg-protocol\b|\bDatabaseError\b|\bP[1-6]\d{3}\b|\bECONN(?:REFUSED|RESET)\b/,
  },
  {
    name: 'JavaScript error',
    pattern: /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|URIError|EvalError)\b|Cannot read propert|is not a function|is not defined\b|Maximum call stack|Unexpected token .* in JSON|undefined is not/,
  },
];

/**
 * Strings the fuzzer sent that would themselves trip a leak pattern. A response that merely
 * echoes one of them (a detail quoting a bad value, a stored comment read back) is not a leak.
 */
export class EchoRegistry {
  private readonly sent = new Set<string>();

  note(strings: Iterable<string>): void {
    for (const s of strings) {
      if (s.length === 0) continue;
      const capped = s.length > 20_000 ? s.slice(0, 20_000) : s;
      if (LEAK_PATTERNS.some(({ pattern }) => pattern.test(capped))) this.sent.add(capped);
    }
  }

  isEcho(found: string): boolean {
    for (const s of this.sent) if (s.includes(found)) return true;
    return false;
  }
}

export interface CheckOptions {
  /** Request path without the query, to know which content types are expected. */
  path: string;
  method: string;
  echoes?: EchoRegistry;
}

export function checkResponse(res: ResponseLike, options: CheckOptions): Violation[] {
  const violations: Violation[] = [];
  if (res.status >= 500) violations.push({ kind: 'server-error', message: `status ${res.status}: ${res.text.slice(0, 500)}` });
  if (res.status >= 400) violations.push(...problemShape(res, options.method));
  violations.push(...contentType(res, options));
  violations.push(...leaks(res, options.echoes));
  return violations;
}

function problemShape(res: ResponseLike, method: string): Violation[] {
  if (method === 'HEAD') return [];
  const type = String(res.headers['content-type'] ?? '');
  const out: Violation[] = [];
  if (!/^application\/problem\+json\b/i.test(type)) {
    out.push({ kind: 'problem-shape', message: `status ${res.status} served as "${type}", not application/problem+json` });
  }
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    out.push({ kind: 'problem-shape', message: `status ${res.status} body is not JSON: ${res.text.slice(0, 200)}` });
    return out;
  }
  const p = body as Record<string, unknown>;
  const missing = ['type', 'title', 'detail', 'code'].filter((k) => typeof p?.[k] !== 'string' || (p[k] as string).length === 0);
  if (missing.length > 0) out.push({ kind: 'problem-shape', message: `problem without ${missing.join(', ')}: ${res.text.slice(0, 300)}` });
  if (p?.status !== res.status) out.push({ kind: 'problem-shape', message: `problem status ${String(p?.status)} ≠ HTTP status ${res.status}` });
  return out;
}

/** JSON for the API (never HTML anywhere but the interactive docs), and never sniffed as anything else. */
function contentType(res: ResponseLike, { path }: CheckOptions): Violation[] {
  if (res.headers['x-content-type-options'] !== 'nosniff') {
    return [{ kind: 'content-type', message: `status ${res.status} without X-Content-Type-Options: nosniff` }];
  }
  if (res.status === 204 || res.status === 304 || res.text.length === 0) return [];
  const type = String(res.headers['content-type'] ?? '');
  if (path.startsWith('/docs')) return [];
  if (path === '/metrics' && res.status < 400) return /^text\/plain\b/.test(type) ? [] : [{ kind: 'content-type', message: `metrics served as "${type}"` }];
  if (/^application\/(?:problem\+)?json\b/i.test(type)) return [];
  return [{ kind: 'content-type', message: `status ${res.status} served as "${type}"` }];
}

function leaks(res: ResponseLike, echoes?: EchoRegistry): Violation[] {
  const texts: Array<{ where: string; text: string }> = [];
  for (const [name, value] of Object.entries(res.headers)) {
    // A hash and a clock: random characters that cannot carry internals.
    if (name === 'etag' || name === 'date') continue;
    for (const v of Array.isArray(value) ? value : [value ?? '']) texts.push({ where: `header ${name}`, text: v });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined) texts.push({ where: 'body', text: res.text });
  else for (const s of stringsIn(parsed)) texts.push({ where: 'body', text: s });

  const out: Violation[] = [];
  for (const { where, text } of texts) {
    for (const { name, pattern } of LEAK_PATTERNS) {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      for (const m of text.matchAll(global)) {
        if (echoes?.isEcho(m[0])) continue;
        out.push({ kind: 'leak', message: `${name} in ${where}: ${JSON.stringify(m[0])} in ${JSON.stringify(text.slice(0, 300))}` });
        break;
      }
    }
  }
  return out;
}

/** Every string in a JSON value: keys and values. */
export function* stringsIn(value: unknown): Generator<string> {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') yield v;
    else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        yield k;
        stack.push(inner);
      }
    }
  }
}
