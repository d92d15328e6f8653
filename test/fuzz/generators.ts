import fc from 'fast-check';
import type { Schema } from './openapi';

/*
 * fast-check arbitraries for hostile input: strings, numbers, dates, ids, cursors, JSON bodies
 * built from a schema and then broken. Everything that depends on the running application (real
 * ids, session tokens) is generated as a reference (PoolRef) and resolved when the request is
 * sent, so a case stays a small, printable, replayable value.
 */

/** A value taken from a pool of real things at send time: `pool[index % pool.length]`. */
export class PoolRef {
  constructor(
    readonly pool: PoolName,
    readonly index: number,
    /** Disguises of a real id: same record, different spelling. */
    readonly twist: 'none' | 'upper' | 'suffix' | 'prefix' | 'no-dashes' | 'braces' = 'none',
  ) {}

  toJSON(): string {
    return `<${this.pool}#${this.index}${this.twist === 'none' ? '' : `:${this.twist}`}>`;
  }
}

export type PoolName =
  | 'articles'
  | 'articleSlugs'
  | 'tags'
  | 'comments'
  /** Comments by the reader persona: the author-only routes act on these. */
  | 'ownComments'
  | 'users'
  | 'claims'
  | 'notes'
  | 'appeals'
  | 'words'
  | 'cursors'
  | 'any';

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

/** Hand-picked trouble: encodings, Unicode edge cases, type confusion, injection and template syntax. */
export const NASTY_STRINGS: string[] = [
  '',
  ' ',
  '   \t\n  ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(16),
  '\uD800',
  '\uDFFF',
  'lone \uD83D high',
  'lone \uDE00 low',
  '\uDE00\uD83D',
  '\u202Eevil.exe\u202C',
  '\u202B\u05E9\u05DC\u05D5\u05DD\u202C',
  'مرحبا بالعالم',
  'שלום עולם',
  '\u200B',
  '\u200B\u200C\u200D\u2060\uFEFF',
  'zero\u200Bwidth\u200Djoin',
  'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  'Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319\u0324\u031E\u0349\u035A\u032F\u031E\u0320\u034Da\u0357\u0364',
  '\u0300leading combining',
  '👨‍👩‍👧‍👦🏳️‍🌈🇺🇦',
  '\u{1F600}'.repeat(20),
  '\u{10FFFF}\u{E0001}\u{E007F}',
  '\uFFFD\uFFFE\uFFFF',
  '\r\n',
  'line\rbreak\nmixed\r\n',
  '\u2028\u2029',
  '\u0085\u000B\u000C',
  '\u001B[31mred\u001B[0m',
  'ＡＢＣ１２３',
  'İıŞşĞğ',
  'ß ﬃ ﬁ',
  'ǅ ǈ ǋ',
  '\u1E9E',
  'null',
  'undefined',
  'NaN',
  'true',
  'false',
  '-1',
  '0',
  '-0',
  '1e309',
  '9007199254740993',
  '0x1F',
  '{}',
  '[]',
  '{"a":1}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f',
  '%s%s%s%n',
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  '<%= 7*7 %>',
  "' OR '1'='1",
  '"; DROP TABLE articles; --',
  "1'; SELECT pg_sleep(5); --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '[x](javascript:alert(1))',
  '=cmd|/C calc!A0',
  'admin@example.org',
  'a@b',
  'https://news.example/a/1',
  'http://localhost:5432/',
  'file:///etc/passwd',
  'A'.repeat(256),
  '-'.repeat(61),
  'tag-with-trailing-',
];

/** Strings of arbitrary UTF-16 code units: lone surrogates and controls included. */
const codeUnitString = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength });

const HUGE_UNITS = ['a', 'é', '€', '😀', '\u0000', '\u200B', ' ', 'e\u0301', '\uD800'];
const HUGE_LENGTHS = [1001, 4097, 10_001, 65_537, 100_001];

/** A long run of one unit: above every field limit, sometimes above the body limit once encoded. */
export const hugeString = fc
  .record({ unit: fc.constantFrom(...HUGE_UNITS), length: fc.constantFrom(...HUGE_LENGTHS) })
  .map(({ unit, length }) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: codeUnitString(40) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: hugeString },
);

// ---------------------------------------------------------------------------------------------
// Ids, numbers, dates, cursors
// ---------------------------------------------------------------------------------------------

export const poolRef = (pool: PoolName) =>
  fc.tuple(fc.nat(), fc.constantFrom<PoolRef['twist']>('none', 'none', 'none', 'none', 'none', 'upper', 'suffix', 'prefix', 'no-dashes', 'braces')).map(
    ([index, twist]) => new PoolRef(pool, index, twist),
  );

export const uuidLike: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '00000000-0000-4000-8000-00000000000g',
    '00000000000040008000000000000000',
    '{00000000-0000-4000-8000-000000000000}',
    'urn:uuid:00000000-0000-4000-8000-000000000000',
    '00000000-0000-4000-8000-0000000000000',
    '0-0-0-0-0',
  ),
);

export const WRONG_NUMBERS = ['abc', '-1', '0', '1.5', '1e3', '1e400', '-1e400', '0x10', ' 5', '5abc', '', 'NaN', 'Infinity', '-0', '+1', '99999999999999999999', '2147483648', '9007199254740993', '1,2', '٣'];

/** Date-time strings (and epoch numbers) from valid to beyond what PostgreSQL can store. */
export const dateLike: fc.Arbitrary<string | number> = fc.oneof(
  { weight: 3, arbitrary: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<string | number>(
      '-271821-04-20T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '-010000-01-01T00:00:00.000Z',
      '-004714-11-23T00:00:00.000Z',
      '+294277-01-01T00:00:00.000Z',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '1970-01-01',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-20T25:61:61Z',
      '2026-11-20T12:00:00+99:00',
      'not a date',
      'Tue, 1 Jan 2030 00:00:00 GMT',
      '',
      '0',
      8.64e15,
      -8.64e15,
      -6e14,
      1e20,
    ),
  },
);

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const idLike = fc.oneof(fc.uuid(), uuidLike, fc.constantFrom('1', '0', '-1', '01', '9223372036854775807', '9223372036854775808', '9999999999999999999', '99999999999999999999'));
const countLike = fc.oneof(fc.nat(1000), fc.constantFrom<number | string>(-1, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 1e20, 1e308, -1e308, '1'));
const dateText = dateLike.map((d) => (typeof d === 'number' ? new Date(Math.max(-8.64e15, Math.min(8.64e15, d))).toISOString() : d));

/** The key shapes of Parley's cursors, and the routes that issue each. */
const CURSOR_SHAPES: Array<{ routes: RegExp; shape: fc.Arbitrary<Record<string, unknown>> }> = [
  { routes: /^\/api\/(articles|tags\/\{slug\})$/, shape: fc.record({ p: dateText, i: idLike }) },
  {
    routes: /^\/api\/articles\/\{id\}\/comments$/,
    shape: fc.record(
      { s: fc.constantFrom('newest', 'newest', 'newest', 'oldest', 'replies', 'respect'), c: dateText, i: idLike, n: countLike },
      { requiredKeys: ['s', 'c', 'i'] },
    ),
  },
  { routes: /^\/api\/moderation\/queues\/\{queue\}$/, shape: fc.record({ c: dateText, i: idLike, w: countLike }, { requiredKeys: ['c', 'i'] }) },
  { routes: /^\/api\/(users|audit|desk\/claims)$/, shape: fc.record({ id: idLike }) },
  {
    routes: /^\/api\/comments\/\{id\}\/replies$/,
    shape: fc.record({ p: fc.oneof(fc.stringMatching(/^[0-9a-f]{1,40}$/), fc.constantFrom('f'.repeat(400), 'f'.repeat(401), '', 'zz')) }),
  },
];

/** Forged cursors with exactly the keys Parley's cursors use (mostly those of the route's own), carrying hostile values. */
function shapedCursor(route: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(...CURSOR_SHAPES.map(({ routes, shape }) => ({ weight: routes.test(route) ? 3 * CURSOR_SHAPES.length : 1, arbitrary: shape })));
}

/** Cursors for a route: real ones seen in responses, forged ones with plausible keys and hostile values, and junk. */
export const cursorFor = (route: string): fc.Arbitrary<string | PoolRef> =>
  fc.oneof(
    { weight: 3, arbitrary: poolRef('cursors').map((r) => new PoolRef(r.pool, r.index)) },
    { weight: 8, arbitrary: shapedCursor(route).map((o) => base64url(JSON.stringify(o))) },
    { weight: 2, arbitrary: cursorLike },
  );

/** Cursors: real ones seen in responses, forged ones with arbitrary keys and hostile values, and junk. */
export const cursorLike: fc.Arbitrary<string | PoolRef> = fc.oneof(
  { weight: 3, arbitrary: poolRef('cursors').map((r) => new PoolRef(r.pool, r.index)) },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(
        fc.constantFrom('p', 'i', 'c', 's', 'n', 'w', 'id'),
        fc.oneof(
          dateLike,
          uuidLike,
          fc.constantFrom('newest', 'oldest', 'replies', 'respect', 'ff', 'zz', '0'.repeat(400), 'f'.repeat(401), '12345678901234567890', '-1'),
          fc.constantFrom(1e20, 2 ** 31, -1, 1.5, 0, Number.MAX_SAFE_INTEGER, -(2 ** 63)),
          fc.constantFrom(null, true, [], {}),
          nastyString,
        ),
        { minKeys: 1, maxKeys: 5 },
      )
      .map((o) => base64url(JSON.stringify(o))),
  },
  { weight: 1, arbitrary: fc.constantFrom(base64url('1e400'), base64url('[1,2]'), base64url('"x"'), base64url('null'), base64url('{'), '====', '%%%', 'eyJ') },
  { weight: 2, arbitrary: nastyString },
);

// ---------------------------------------------------------------------------------------------
// Values from a schema
// ---------------------------------------------------------------------------------------------

export interface ValueHints {
  /** The pool a uuid field named like this refers to. */
  poolForField(field: string): PoolName;
}

const SAFE_WORDS = ['river', 'crossing', 'report', 'town', 'held', 'sources', 'ministry', 'claim', 'figures', 'night'];
const plainText = fc.array(fc.constantFrom(...SAFE_WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

/**
 * A value that satisfies the schema most of the time (so requests get past validation). `clean`:
 * no far-off dates, and optional fields mostly left out, so that more requests get through.
 */
export function validValue(schema: Schema, field: string, hints: ValueHints, depth = 0, clean = false): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (/revision/i.test(field) ? 1 : 1);
      const max = schema.maximum ?? (/revision/i.test(field) ? 3 : 50);
      return fc.integer({ min, max: Math.max(min, Math.min(max, min + 50)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = schema.items ?? { type: 'string' };
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
      return fc.array(validValue(items, field, hints, depth + 1, clean), { minLength, maxLength });
    }
    case 'object': {
      if (!schema.properties || depth > 4) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties);
      if (clean) {
        const optional = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
        return fc
          .record(Object.fromEntries(entries.map(([k, s]) => [k, required.has(k) ? validValue(s, k, hints, depth + 1, true) : optional(validValue(s, k, hints, depth + 1, true))])))
          .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
      }
      return fc.record(
        Object.fromEntries(entries.map(([k, s]) => [k, validValue(s, k, hints, depth + 1)])),
        { requiredKeys: entries.map(([k]) => k).filter((k) => required.has(k)) },
      );
    }
    default:
      return validString(schema, field, hints, clean);
  }
}

function validString(schema: Schema, field: string, hints: ValueHints, clean: boolean): fc.Arbitrary<unknown> {
  if (schema.format === 'date-time') {
    if (clean) return fc.date({ min: new Date('2024-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    return fc.oneof(
      { weight: 4, arbitrary: fc.date({ min: new Date('2024-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) },
      { weight: 1, arbitrary: dateLike },
    );
  }
  if (schema.format === 'uuid' || /(^id$|Id$|Ids$)/.test(field)) return poolRef(hints.poolForField(field)).map((r) => new PoolRef(r.pool, r.index));
  if (/url/i.test(field)) return fc.nat(1_000_000).map((n) => `https://news.example/fuzz/${n}`);
  if (/email/i.test(field)) return fc.nat(1_000_000).map((n) => `fuzz-${n}@example.org`);
  if (/password/i.test(field)) return fc.constantFrom('correct horse battery staple 42', 'a-much-longer-passphrase-9');
  if (/slug/i.test(field)) return fc.nat(1_000_000).map((n) => `fuzz-${n}`);
  if (/phrase/i.test(field)) return fc.nat(1_000_000).map((n) => `fuzzword${n}`);
  const max = schema.maxLength ?? 200;
  const base = schema.example !== undefined && typeof schema.example === 'string' ? fc.oneof(fc.constant(schema.example), plainText) : plainText;
  return base.map((s) => s.slice(0, max) || 'x');
}

/** A value of the wrong kind for a field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], { length: 1 }, '', '0'),
  fc.constantFrom({ __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  nastyString,
  dateLike,
);

export const UNKNOWN_FIELDS = ['__proto__', 'constructor', 'prototype', 'id', 'role', 'status', 'authorId', 'isAdmin', 'createdAt', 'deletedAt', 'revision', '$where', '$gt', 'x'.repeat(300), '', ' ', '\u0000'];

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

/** How a body goes on the wire. Large or raw bodies are built at send time from a small recipe. */
export type BodyPlan =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'deep'; depth: number; shape: 'array' | 'object'; field?: string }
  | { kind: 'oversize'; overBy: number; shape: 'string-field' | 'array' }
  | { kind: 'invalid-utf8'; value: unknown; bytes: number[] }
  | { kind: 'truncated'; value: unknown; keep: number }
  | { kind: 'bom'; value: unknown };

export type Mutation =
  | { kind: 'none' }
  | { kind: 'wrong-type'; field: string; value: unknown }
  | { kind: 'drop'; field: string }
  | { kind: 'extra'; field: string; value: unknown }
  | { kind: 'nasty'; field: string; value: string }
  | { kind: 'null-field'; field: string }
  | { kind: 'replace'; value: unknown };

export function mutationFor(schema: Schema): fc.Arbitrary<Mutation> {
  const fields = Object.keys(schema.properties ?? {});
  const stringFields = fields.filter((f) => (schema.properties?.[f].type ?? 'string') === 'string' && !schema.properties?.[f].enum);
  const field = fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x');
  const options: Array<fc.WeightedArbitrary<Mutation>> = [
    { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), field, value: wrongValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), field }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), field: fc.oneof(fc.constantFrom(...UNKNOWN_FIELDS), fc.string({ maxLength: 8 })), value: wrongValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('null-field' as const), field }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), value: fc.constantFrom(null, [], 'string', 123, true, [{}], { 0: 1 }) }) },
  ];
  if (stringFields.length > 0) {
    options.push({ weight: 5, arbitrary: fc.record({ kind: fc.constant('nasty' as const), field: fc.constantFrom(...stringFields), value: nastyString }) });
  }
  return fc.oneof(...options);
}

export function applyMutation(value: unknown, m: Mutation): unknown {
  if (m.kind === 'none') return value;
  if (m.kind === 'replace') return m.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  switch (m.kind) {
    case 'wrong-type':
      copy[m.field] = m.value;
      break;
    case 'drop':
      delete copy[m.field];
      break;
    case 'extra':
      Object.defineProperty(copy, m.field, { value: m.value, enumerable: true, writable: true, configurable: true });
      break;
    case 'nasty':
      copy[m.field] = m.value;
      break;
    case 'null-field':
      copy[m.field] = null;
      break;
  }
  return copy;
}

const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xf0, 0x9f, 0x98],
];

/** A body for a schema: valid, mutated, or one of the raw hostile shapes. */
export function bodyPlanFor(schema: Schema | null, hints: ValueHints): fc.Arbitrary<BodyPlan | null> {
  const base = schema ? validValue(schema, '', hints) : fc.constant({});
  const field = Object.keys(schema?.properties ?? {})[0];
  const mutated = fc.tuple(base, schema ? mutationFor(schema) : fc.constant<Mutation>({ kind: 'none' })).map(([v, m]) => applyMutation(v, m));
  const options: Array<fc.WeightedArbitrary<BodyPlan | null>> = [
    { weight: 14, arbitrary: mutated.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('deep' as const), depth: fc.constantFrom(5_000, 20_000, 100_000), shape: fc.constantFrom<'array' | 'object'>('array', 'object'), field: fc.constant(field) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('oversize' as const), overBy: fc.constantFrom(1, 1024, 1_000_000), shape: fc.constantFrom<'string-field' | 'array'>('string-field', 'array') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('invalid-utf8' as const), value: mutated, bytes: fc.constantFrom(...INVALID_UTF8) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncated' as const), value: mutated, keep: fc.nat(60) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('bom' as const), value: mutated }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        text: fc.constantFrom('', ' ', 'null', '"just a string"', '{"a":', '{"a":1}{"b":2}', "{'single':'quotes'}", '{"a":NaN}', '{"a":Infinity}', '[1,2,]', '{"__proto__":{"x":1}}', '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}', 'a=1&b=2', '<xml/>'),
      }),
    },
  ];
  return fc.oneof(...options);
}

/** Serializes a body plan into bytes (with PoolRefs already resolved by `resolve`). */
export function bodyBytes(plan: BodyPlan, resolve: (v: unknown) => unknown, bodyLimit: number): Buffer {
  switch (plan.kind) {
    case 'json':
      return Buffer.from(JSON.stringify(resolve(plan.value)) ?? 'null', 'utf8');
    case 'text':
      return Buffer.from(plan.text, 'utf8');
    case 'deep': {
      const open = plan.shape === 'array' ? '['.repeat(plan.depth) : '{"a":'.repeat(plan.depth);
      const close = plan.shape === 'array' ? ']'.repeat(plan.depth) : '}'.repeat(plan.depth);
      const inner = `${open}1${close}`;
      return Buffer.from(plan.field ? `{${JSON.stringify(plan.field)}:${inner}}` : inner, 'utf8');
    }
    case 'oversize': {
      const size = bodyLimit + plan.overBy;
      return plan.shape === 'string-field'
        ? Buffer.from(`{"body":"${'x'.repeat(size)}"}`, 'utf8')
        : Buffer.from(`[${'0,'.repeat(Math.ceil(size / 2))}0]`, 'utf8');
    }
    case 'invalid-utf8': {
      const json = JSON.stringify(resolve(plan.value)) ?? '{}';
      // Inside the first string value when there is one, else at the start of the document.
      const at = json.indexOf('"', json.indexOf(':') + 1);
      const cut = at > 0 ? at + 1 : 0;
      return Buffer.concat([Buffer.from(json.slice(0, cut), 'utf8'), Buffer.from(plan.bytes), Buffer.from(json.slice(cut), 'utf8')]);
    }
    case 'truncated': {
      const json = JSON.stringify(resolve(plan.value)) ?? '{}';
      return Buffer.from(json.slice(0, Math.min(plan.keep, Math.max(0, json.length - 1))), 'utf8');
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(resolve(plan.value)) ?? '{}', 'utf8')]);
  }
}

// ---------------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------------

/**
 * Percent-encodes like encodeURIComponent, but never throws: a lone surrogate is written as the
 * (invalid) UTF-8 bytes of its code unit, the way a careless client would send it.
 */
export function encodeComponent(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

/** Path segments and query values as they go on the request line: some raw and broken on purpose. */
export const RAW_BROKEN_SEGMENTS = [
  '%C3%28',
  '%FF',
  '%FE%FF',
  '%',
  '%zz',
  '%2',
  '%00',
  '%E0%80%80',
  '%ED%A0%80',
  '%C0%AF',
  '%F4%90%80%80',
  '%25',
  '%2F',
  '..',
  '.',
  '%2e%2e',
  '\u00ff\u00fe',
  '\u00c3\u0028',
  'a%20b',
  '%u0041',
  ';',
  ';jsessionid=1',
  '*',
  '~',
];

/** A literal value for a segment or query value, already encoded for the request line. */
export type Literal = { encoded: string };

export const literal = (encoded: string): Literal => ({ encoded });
