/*
 * The application's own OpenAPI document, reduced to what the fuzzer needs: every operation with
 * its path, query and header parameters and its request body schema, all $refs resolved.
 */

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. /api/comments/{id}/reactions/{kind}. */
  path: string;
  /** `GET /api/comments/{id}`: the key used for the permission map and the summary. */
  key: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  body: Schema | null;
  bodyRequired: boolean;
  /** Documented responses by status ('200', '404', 'default'): the JSON body schema, or null when none is declared. */
  responses: Record<string, Schema | null>;
}

interface RawDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  parameters?: Array<{ name: string; in: Parameter['in']; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, in document order. */
export function operationsOf(document: unknown): Operation[] {
  const doc = document as RawDocument;
  const resolve = resolver(doc.components?.schemas ?? {});
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const params = (raw.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: resolve(p.schema ?? { type: 'string' }),
      }));
      const content = raw.requestBody?.content ?? {};
      const json = content['application/json'] ?? Object.values(content)[0];
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        body: json?.schema ? resolve(json.schema) : null,
        bodyRequired: raw.requestBody?.required === true,
        responses: Object.fromEntries(
          Object.entries(raw.responses ?? {}).map(([status, r]) => {
            const schema = r.content?.['application/json']?.schema ?? r.content?.['application/problem+json']?.schema;
            return [status, schema ? resolve(schema) : null];
          }),
        ),
      });
    }
  }
  return operations;
}

/** Inlines $refs (and allOf), stopping at a cycle so recursive schemas stay finite. */
function resolver(components: Record<string, Schema>): (schema: Schema) => Schema {
  const resolve = (schema: Schema, seen: ReadonlySet<string>): Schema => {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return { type: 'object' };
      const target = components[name];
      if (!target) return { type: 'object' };
      return resolve(target, new Set([...seen, name]));
    }
    const out: Schema = { ...schema };
    if (schema.allOf) {
      const parts = schema.allOf.map((s) => resolve(s, seen));
      Object.assign(out, ...parts.map((p) => ({ ...p, properties: undefined, required: undefined })));
      out.properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
      out.required = parts.flatMap((p) => p.required ?? []);
      delete out.allOf;
    }
    if (out.items) out.items = resolve(out.items, seen);
    if (out.properties) {
      out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, resolve(v, seen)]));
    }
    return out;
  };
  return (schema) => resolve(schema, new Set());
}
