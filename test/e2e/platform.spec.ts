import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';

describe('platform: health, docs, errors', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports live and ready when the database answers', async () => {
    await request(t.http).get('/health/live').expect(200);
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('serves the OpenAPI document and interactive docs', async () => {
    const doc = await request(t.http).get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/articles', '/api/articles/{idOrSlug}', '/api/tags/{slug}']));
    expect(doc.body.components.schemas.ProblemDto).toBeDefined();
    const html = await request(t.http).get('/docs').expect(200);
    expect(html.text).toContain('swagger');
  });

  it('documents the error responses of every write route', async () => {
    const doc = (await request(t.http).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (['post', 'patch', 'put', 'delete'].includes(method)) {
          const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
          expect({ route: `${method} ${path}`, documented: errors.length > 0 }).toEqual({ route: `${method} ${path}`, documented: true });
        }
      }
    }
  });

  it('documents the Idempotency-Key header of a comment post once, as optional', async () => {
    const doc = (await request(t.http).get('/api/openapi.json')).body;
    const headers = doc.paths['/api/articles/{id}/comments'].post.parameters.filter((p: { in: string }) => p.in === 'header');
    expect(headers).toEqual([expect.objectContaining({ name: 'idempotency-key', required: false })]);
  });

  it('answers a wrong method on a known path as a 404 problem, never a 500', async () => {
    const res = await request(t.http).put('/api/tags').send({}).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
