import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle } from '../helpers/factories';

/**
 * The front end beside the API: the embed script and hashed assets (caching, compression, a
 * resource policy that lets news sites load them) and the demo page (its own content policy,
 * every article field escaped). The API keeps its own policy.
 */
describe('web assets and pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('/embed.js', () => {
    it('is JavaScript that other origins may load, revalidated by ETag', async () => {
      const res = await request(t.http).get('/embed.js').expect(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=3600');
      expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
      expect(res.text).toContain('parley-comments');
      await request(t.http).get('/embed.js').set('If-None-Match', res.headers.etag).expect(304);
      await request(t.http).get('/embed.js').set('If-None-Match', '"something-else"').expect(200);
    });

    it('is sent gzipped to clients that accept it, and whole to the others', async () => {
      const plain = await request(t.http).get('/embed.js').set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const gz = await request(t.http).get('/embed.js').set('Accept-Encoding', 'br, gzip').expect(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toContain('Accept-Encoding');
      expect(gz.text).toBe(plain.text);
      const refused = await request(t.http).get('/embed.js').set('Accept-Encoding', 'gzip;q=0').expect(200);
      expect(refused.headers['content-encoding']).toBeUndefined();
    });

    it('answers HEAD without a body', async () => {
      const res = await request(t.http).head('/embed.js').expect(200);
      expect(Number(res.headers['content-length'])).toBeGreaterThan(1000);
      expect(res.text).toBeUndefined();
    });
  });

  it('serves content-hashed assets with a year of immutable caching', async () => {
    const page = await request(t.http).get('/demo').expect(200);
    const css = /href="(\/assets\/demo-[A-Z0-9]+\.css)"/.exec(page.text)?.[1];
    expect(css).toBeDefined();
    const res = await request(t.http).get(css as string).expect(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('does not serve files outside the build, nor the build manifest', async () => {
    for (const path of ['/manifest.json', '/assets/../manifest.json', '/package.json', '/assets/nope.js', '/embed.ts']) {
      const res = await request(t.http).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  describe('/demo', () => {
    it('is the article page with the two lines a newsroom adds, under a policy of its own', async () => {
      await createArticle(t.prisma, {
        slug: 'river-crossing-contested-claims',
        url: 'https://news.example/middle-east/river-crossing',
        title: 'Both sides claim the crossing',
        authorName: 'Mara Quint',
        authorBio: 'Covers the Levant.',
        section: 'Middle East',
        body: 'First paragraph.\n\nSecond paragraph.',
      });
      const res = await request(t.http).get('/demo').expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.text).toContain('<script async src="/embed.js"></script>');
      expect(res.text).toContain('<parley-comments article-url="https://news.example/middle-east/river-crossing" theme="light"></parley-comments>');
      expect(res.text).toContain('<h1>Both sides claim the crossing</h1>');
      expect(res.text).toContain('<p>Second paragraph.</p>');
      expect(res.text).toContain('Covers the Levant.');
      expect(res.text).not.toMatch(/<script>|<style>| style=| on[a-z]+=/i);
    });

    it('passes the interface language and theme to the embed', async () => {
      const res = await request(t.http).get('/demo?lang=ar&theme=dark').expect(200);
      expect(res.text).toMatch(/<parley-comments article-url="[^"]+" lang="ar" theme="dark">/);
      expect(res.text).toContain('<body class="theme-dark">');
    });

    it('escapes every article field it shows', async () => {
      const evil = '"><script>alert(1)</script><img src=x onerror=alert(1)>';
      await createArticle(t.prisma, { slug: 'evil', url: 'https://news.example/evil?x="><b>', title: evil, standfirst: evil, authorName: evil, authorBio: evil, section: evil, body: evil });
      const res = await request(t.http).get('/demo?article=evil').expect(200);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<img');
      expect(res.text).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.text).toContain('article-url="https://news.example/evil?x=&quot;&gt;&lt;b&gt;"');
    });

    it('explains how to get the demo article when there is none', async () => {
      const res = await request(t.http).get('/demo?article=no-such-article').expect(200);
      expect(res.text).toContain('No demo article');
      expect(res.text).toContain('SEED_DEMO_DATA');
      expect(res.text).not.toContain('<parley-comments');
    });
  });

  describe('/console', () => {
    it('is a shell that loads the console script and style, under the page policy, nothing inline', async () => {
      const res = await request(t.http).get('/console').expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.text).toContain('<parley-console></parley-console>');
      expect(res.text).not.toMatch(/<script>|<style>| style=| on[a-z]+=/i);
      const script = /<script defer src="(\/assets\/console-[A-Z0-9]+\.js)"><\/script>/.exec(res.text)?.[1];
      const css = /<link rel="stylesheet" href="(\/assets\/console-page-[A-Z0-9]+\.css)">/.exec(res.text)?.[1];
      const js = await request(t.http).get(script as string).expect(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(js.text).toContain('parley-console');
      await request(t.http).get(css as string).expect(200);
    });
  });

  it('leaves the API its own policy', async () => {
    const res = await request(t.http).get('/api/articles').expect(200);
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
