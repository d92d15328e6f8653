import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';

describe('GET /api: the index the start banner links to', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 with links to the docs, the OpenAPI document and the health check, each of which answers 200', async () => {
    const res = await request(t.http).get('/api').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ name: 'Parley API', links: { docs: '/docs', openapi: '/api/openapi.json', health: '/health/ready' } });
    for (const link of Object.values(res.body.links as Record<string, string>)) {
      expect({ link, status: (await request(t.http).get(link)).status }).toEqual({ link, status: 200 });
    }
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as { paths: Record<string, { get?: unknown }> };
    expect(doc.paths['/api']?.get).toBeDefined();
  });
});
