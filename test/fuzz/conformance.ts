import type { ResponseLike, Violation } from './invariants';
import type { Operation, Schema } from './openapi';

/*
 * What an independent OpenAPI fuzzer (schemathesis and the like) checks: every status a route
 * answers is one its operation documents, and a body matches the documented schema where one is
 * declared. Extra properties are allowed (OpenAPI's default); missing required ones, wrong
 * types, values outside an enum and nulls where the schema is not nullable are not.
 */

/** Where `value` departs from `schema`, as "path: what" lines (empty when it conforms). */
export function schemaMismatches(value: unknown, schema: Schema, path = '$', out: string[] = []): string[] {
  if (out.length >= 5) return out;
  if (value === null) {
    if (!schema.nullable && schema.type !== undefined) out.push(`${path}: null where ${schema.type} is expected`);
    return out;
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    if (!alternatives.some((s) => schemaMismatches(value, s, path).length === 0)) out.push(`${path}: matches none of ${alternatives.length} alternatives`);
    return out;
  }
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  switch (schema.type) {
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return push(out, path, 'an object', value);
      for (const name of schema.required ?? []) if (!(name in value)) out.push(`${path}: required property "${name}" is missing`);
      for (const [name, inner] of Object.entries(schema.properties ?? {})) {
        if (name in value) schemaMismatches((value as Record<string, unknown>)[name], inner, `${path}.${name}`, out);
      }
      return out;
    case 'array':
      if (!Array.isArray(value)) return push(out, path, 'an array', value);
      if (schema.items) value.slice(0, 50).forEach((v, i) => schemaMismatches(v, schema.items as Schema, `${path}[${i}]`, out));
      return out;
    case 'string':
      return typeof value === 'string' ? out : push(out, path, 'a string', value);
    case 'integer':
      return Number.isInteger(value) ? out : push(out, path, 'an integer', value);
    case 'number':
      return typeof value === 'number' ? out : push(out, path, 'a number', value);
    case 'boolean':
      return typeof value === 'boolean' ? out : push(out, path, 'a boolean', value);
    default:
      return out;
  }
}

function push(out: string[], path: string, expected: string, value: unknown): string[] {
  out.push(`${path}: ${expected} expected, got ${JSON.stringify(value)?.slice(0, 80)}`);
  return out;
}

/**
 * The response to a request for `op` (sent with its documented method): its status documented,
 * its body as documented. A 404 ROUTE_NOT_FOUND means the request never reached the route (a
 * path parameter holding "/" or "..") and is not the route's answer.
 */
export function checkConformance(op: Operation, res: ResponseLike): Violation[] {
  let body: unknown;
  try {
    body = res.text.length > 0 ? JSON.parse(res.text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.status === 404 && (body as { code?: unknown } | undefined)?.code === 'ROUTE_NOT_FOUND') return [];
  const status = String(res.status);
  if (!(status in op.responses) && !('default' in op.responses)) {
    return [{ kind: 'undocumented-status', message: `${op.key} answered ${status}, documented: ${Object.keys(op.responses).join(', ')}` }];
  }
  const schema = op.responses[status] ?? op.responses.default ?? null;
  if (!schema || body === undefined) return [];
  const mismatches = schemaMismatches(body, schema);
  return mismatches.length === 0 ? [] : [{ kind: 'schema-mismatch', message: `${op.key} ${status}: ${mismatches.join('; ')}` }];
}
