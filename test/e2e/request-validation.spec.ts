import request from 'supertest';
import { Operation, operationsOf, Schema } from '../fuzz/openapi';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, TestUser } from '../helpers/factories';

/**
 * The request-body contract of every documented route, walked from the OpenAPI document: each
 * property alone is sent null, missing, of the wrong kind, empty and too long, and the field's
 * FIRST message must name that problem. A field accepts null exactly when the document says it
 * is nullable (null used to slip past validation into the database: a 500 on PATCH /api/tags).
 */

interface FieldError {
  field: string;
  message: string;
}

interface Probe {
  route: string;
  field: string;
  body: Record<string, unknown>;
}

function concretePath(op: Operation): string {
  let path = op.path;
  for (const p of op.pathParams) {
    // A well-formed id that names nothing: bodies are validated before any lookup.
    const value = p.schema.enum?.[0] ?? (p.name === 'slug' ? 'no-such-thing' : '00000000-0000-4000-8000-000000000000');
    path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
  }
  return path;
}

/** Each top-level property, and each property of objects inside arrays (verdict sources), as a field path and a body builder. */
function fieldsOf(schema: Schema): { field: string; schema: Schema; required: boolean; wrap: (v: unknown) => Record<string, unknown> }[] {
  const out: ReturnType<typeof fieldsOf> = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) ?? false;
    out.push({ field: name, schema: prop, required, wrap: (v) => ({ [name]: v }) });
    const item = prop.items;
    if (prop.type === 'array' && item?.properties) {
      for (const [inner, innerSchema] of Object.entries(item.properties)) {
        out.push({ field: `${name}.0.${inner}`, schema: innerSchema, required: item.required?.includes(inner) ?? false, wrap: (v) => ({ [name]: [{ [inner]: v }] }) });
      }
    }
  }
  return out;
}

/** A value of the wrong JSON kind for a schema, or undefined when every kind converts (none here). */
function wrongKind(schema: Schema): unknown {
  if (schema.format === 'date-time') return { not: 'a date' };
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'many';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not a list';
    default:
      return 'not an object';
  }
}

describe('request bodies: every field of every route', () => {
  let t: TestApp;
  let admin: TestUser;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp({ SSO_SECRET: 'request-validation-sso-secret-0123456789' });
    admin = await createUser(t.prisma, { role: 'ADMIN' });
    operations = operationsOf((await request(t.http).get('/api/openapi.json').expect(200)).body).filter((op) => op.body?.properties);
  });
  afterAll(() => t.close());

  /** Sends each probe and returns the messages given for its field (and any 5xx as a failure line). */
  async function firstMessages(probes: Probe[]): Promise<{ probe: Probe; status: number; messages: string[] }[]> {
    const out = [];
    for (const probe of probes) {
      const op = operations.find((o) => o.key === probe.route) as Operation;
      const res = await request(t.http)[op.method.toLowerCase() as 'post'](concretePath(op)).set(admin.auth).send(probe.body);
      const errors = ((res.body as { errors?: FieldError[] }).errors ?? []).filter((e) => e.field === probe.field);
      out.push({ probe, status: res.status, messages: errors.map((e) => e.message) });
    }
    return out;
  }

  function probesFor(build: (f: ReturnType<typeof fieldsOf>[number]) => unknown | typeof SKIP): Probe[] {
    return operations.flatMap((op) =>
      fieldsOf(op.body as Schema).flatMap((f) => {
        const value = build(f);
        return value === SKIP ? [] : [{ route: op.key, field: f.field, body: f.wrap(value) }];
      }),
    );
  }

  it('has bodies to check (the walk reads the document)', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.map((o) => o.key)).toContain('PATCH /api/tags/{slug}');
  });

  it('refuses null with "must not be null" wherever the document does not say nullable, and accepts it where it does', async () => {
    const results = await firstMessages(probesFor(() => null));
    const wrong = results.flatMap(({ probe, status, messages }) => {
      const f = fieldsOf(operations.find((o) => o.key === probe.route)?.body as Schema).find((x) => x.field === probe.field);
      if (status >= 500) return [`${probe.route} ${probe.field}: ${status}`];
      if (f?.schema.nullable) return messages.length === 0 ? [] : [`${probe.route} ${probe.field} is documented nullable but refused: ${messages[0]}`];
      return status === 400 && messages[0] === `${probe.field} must not be null` ? [] : [`${probe.route} ${probe.field}: ${status} ${messages[0] ?? '(no message for the field)'}`];
    });
    expect(wrong).toEqual([]);
  });

  it('says "is required" first for every missing required field', async () => {
    const results = await firstMessages(probesFor((f) => (f.required && !f.field.includes('.') ? undefined : SKIP)).map((p) => ({ ...p, body: {} })));
    expect(results.length).toBeGreaterThan(20);
    const wrong = results.filter((r) => r.status !== 400 || r.messages[0] !== `${r.probe.field} is required`);
    expect(wrong.map((r) => `${r.probe.route} ${r.probe.field}: ${r.status} ${r.messages[0]}`)).toEqual([]);
  });

  it('names the wrong kind of value first, never a length or a range', async () => {
    const results = await firstMessages(probesFor((f) => wrongKind(f.schema)));
    const wrong = results.filter(
      (r) => r.status !== 400 || !/must be|should be|should not exist/.test(r.messages[0] ?? '') || /shorter|longer|characters|less than|greater than|empty/.test(r.messages[0]),
    );
    expect(wrong.map((r) => `${r.probe.route} ${r.probe.field}: ${r.status} ${r.messages[0]}`)).toEqual([]);
  });

  it('names the documented maximum when a text is too long', async () => {
    const results = await firstMessages(
      probesFor((f) => (f.schema.type === 'string' && f.schema.maxLength !== undefined && !f.schema.enum && !f.schema.format ? 'x'.repeat(f.schema.maxLength + 1) : SKIP)),
    );
    expect(results.length).toBeGreaterThan(10);
    const wrong = results.filter((r) => {
      const max = (r.probe.body[Object.keys(r.probe.body)[0]] as string).length - 1;
      return r.status !== 400 || !(r.messages[0] ?? '').includes(String(max));
    });
    expect(wrong.map((r) => `${r.probe.route} ${r.probe.field}: ${r.status} ${r.messages[0]}`)).toEqual([]);
  });

  it('documents minLength on every text field that is refused when empty', async () => {
    const results = await firstMessages(probesFor((f) => (f.schema.type === 'string' && !f.schema.enum && !f.schema.format ? '' : SKIP)));
    const wrong = results.flatMap(({ probe, status, messages }) => {
      const f = fieldsOf(operations.find((o) => o.key === probe.route)?.body as Schema).find((x) => x.field === probe.field);
      const refused = messages.length > 0;
      const documented = (f?.schema.minLength ?? 0) > 0;
      if (status >= 500) return [`${probe.route} ${probe.field}: ${status}`];
      if (refused !== documented) return [`${probe.route} ${probe.field}: refused empty ${refused}, documents minLength ${documented} (${messages[0] ?? ''})`];
      return [];
    });
    expect(wrong).toEqual([]);
  });
});

const SKIP = Symbol('skip');
