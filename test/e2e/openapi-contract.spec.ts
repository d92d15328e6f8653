import request from 'supertest';
import { checkConformance, schemaMismatches } from '../fuzz/conformance';
import { operationsOf } from '../fuzz/openapi';
import { startTestApp, TestApp } from '../helpers/app';

interface RawOp {
  parameters?: { name: string; in: string; schema?: { type?: string } }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, RawOp>> };

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.http).get('/api/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })));

  it('types every limit, hour count and revision as an integer', () => {
    const wrong = operations().flatMap(({ key, op }) =>
      (op.parameters ?? []).filter((p) => ['limit', 'hours', 'minAccounts'].includes(p.name) && p.schema?.type !== 'integer').map((p) => `${key} ${p.name}: ${p.schema?.type}`),
    );
    expect(wrong).toEqual([]);
    expect(operations().filter(({ op }) => op.parameters?.some((p) => p.name === 'limit')).length).toBeGreaterThan(5);
  });

  it('documents 503 with Retry-After on every route that touches the database, and 413/415 on every route that takes a body', () => {
    const missing = operations().flatMap(({ key, path, method, op }) => {
      const out: string[] = [];
      if (path !== '/health/live' && !op.responses['503']?.headers?.['Retry-After']) out.push(`${key}: 503 with Retry-After`);
      if (method !== 'get' && !(op.responses['413'] && op.responses['415'])) out.push(`${key}: 413/415`);
      if (op.responses['429'] && !op.responses['429'].headers?.['Retry-After']) out.push(`${key}: 429 without Retry-After`);
      return out;
    });
    expect(missing).toEqual([]);
  });

  it('gives the fuzzer what it needs to hold responses to the document', () => {
    const ops = operationsOf(doc);
    const tag = ops.find((o) => o.key === 'GET /api/tags/{slug}');
    expect(tag?.responses['200']).toMatchObject({ type: 'object', required: expect.arrayContaining(['slug', 'name']) });
    expect(checkConformance(tag!, { status: 418, headers: {}, text: '{}' })).toMatchObject([{ kind: 'undocumented-status' }]);
    expect(checkConformance(tag!, { status: 200, headers: {}, text: JSON.stringify({ items: [] }) })).toMatchObject([{ kind: 'schema-mismatch' }]);
    expect(checkConformance(tag!, { status: 404, headers: {}, text: JSON.stringify({ code: 'ROUTE_NOT_FOUND' }) })).toEqual([]);
    expect(schemaMismatches({ a: 1, b: null, c: ['x', 2] }, { type: 'object', required: ['a', 'd'], properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'array', items: { type: 'string' } } } })).toEqual([
      '$: required property "d" is missing',
      '$.a: a string expected, got 1',
      '$.b: null where string is expected',
      '$.c[1]: a string expected, got 2',
    ]);
  });
});
