#!/usr/bin/env node
// The reader embed's size and speed: embed.js gzipped, and the time from the moment the page
// starts loading embed.js to the first comments on screen, for the 1,000 / 10,000 / 100,000-comment
// articles of bench/generate.mjs, in headless Chromium (cold cache: a new browser context per run).
// The news page is served from another origin than Parley, as on a real site (CORS).
//   npm run build
//   node bench/embed.mjs                      # own throw-away PostgreSQL, generates 100,000 comments (~2 min)
//   DATABASE_URL=… node bench/embed.mjs       # a database already filled by bench/generate.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as httpServer } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 9);
// generate.mjs's three fixed-size articles: 100,000, 10,000 and 1,000 comments (each at most a
// tenth of --comments, so a 100,000-comment run has 10,000, 10,000 and 1,000).
const ARTICLES = ['bench-article-3', 'bench-article-2', 'bench-article-1'];

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function ownDatabase() {
  const { startEmbeddedPostgres } = await import(join(ROOT, 'dist/src/database/embedded-postgres.js'));
  const { migrate } = await import(join(ROOT, 'dist/src/database/migration-runner.js'));
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-embed-'));
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), database: 'parley_bench', postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] });
  await migrate(server.url, join(ROOT, 'prisma', 'migrations'));
  console.log('generating 100,000 comments (one article each with 10,000 and 1,000; the largest gets 10,000 too)…');
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--comments', '100000'], { env: { ...process.env, DATABASE_URL: server.url }, stdio: 'inherit' });
  return { url: server.url, stop: async () => { await server.stop(); await rm(dir, { recursive: true, force: true }); } };
}

async function startParley(databaseUrl, corsOrigin) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=192', join(ROOT, 'dist', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', CORS_ORIGINS: corsOrigin, SEED_DEMO_DATA: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn', METRICS_TOKEN: process.env.METRICS_TOKEN ?? 'bench-embed-metrics' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  await new Promise((res, rej) => {
    child.stdout.on('data', (t) => /Demo( page)?:/.test(t) && res());
    child.once('exit', (code) => rej(new Error(`Parley exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((res) => { child.once('exit', res); child.kill('SIGTERM'); }) };
}

function hostSite(pages) {
  const server = httpServer((req, res) => {
    const html = pages.get(req.url);
    if (!html) return void res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const db = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop: async () => undefined } : await ownDatabase();
const pages = new Map();
const host = await hostSite(pages);
const parley = await startParley(db.url, host.origin);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = { date: new Date().toISOString(), loadavg: loadavg().map((l) => l.toFixed(2)), runs: RUNS, articles: {} };
try {
  const script = Buffer.from(await (await fetch(`${parley.url}/embed.js`, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer());
  results.embedJs = { bytes: script.length, gzip: gzipSync(script, { level: 9 }).length };
  console.log(`embed.js: ${(script.length / 1024).toFixed(1)} KB, ${(results.embedJs.gzip / 1024).toFixed(1)} KB gzipped`);
  for (const slug of ARTICLES) {
    const article = await (await fetch(`${parley.url}/api/articles/${slug}`)).json();
    const label = `${article.comments.count.toLocaleString('en')} (${slug})`;
    const articleUrl = article.url;
    const path = `/${slug}`;
    pages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title><script async src="${parley.url}/embed.js"></script></head><body><h1>Bench article</h1><parley-comments article-url="${articleUrl}"></parley-comments></body></html>`);
    const shown = [];
    const scriptLoaded = [];
    const threadCall = [];
    const resolveCall = [];
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        document.addEventListener('parley:ready', () => requestAnimationFrame(() => ((window).__shown = performance.now())), { once: true });
      });
      await page.goto(`${host.origin}${path}`);
      await page.waitForFunction(() => (window).__shown !== undefined, null, { timeout: 30_000 });
      const m = await page.evaluate(() => {
        const entries = performance.getEntriesByType('resource');
        const js = entries.find((e) => e.name.endsWith('/embed.js'));
        const thread = entries.find((e) => e.name.includes('/comments?'));
        const resolved = entries.find((e) => e.name.endsWith('/api/articles/resolve'));
        const items = document.querySelector('parley-comments').shadowRoot.querySelectorAll('.list > li').length;
        return { start: js.startTime, jsEnd: js.responseEnd, shown: window.__shown, thread: thread ? thread.duration : NaN, resolve: resolved ? resolved.duration : NaN, items };
      });
      if (m.items === 0) throw new Error(`no comments shown for ${label}`);
      if (run > 0) {
        // The first run warms Parley and PostgreSQL up; it is not counted.
        shown.push(m.shown - m.start);
        scriptLoaded.push(m.jsEnd - m.start);
        threadCall.push(m.thread);
        resolveCall.push(m.resolve);
      }
      await context.close();
    }
    results.articles[label] = { shownMs: median(shown), minMs: Math.min(...shown), maxMs: Math.max(...shown), scriptMs: median(scriptLoaded), resolveRequestMs: median(resolveCall), threadRequestMs: median(threadCall) };
    console.log(`${label} comments: first comments shown ${fmt(shown)} after embed.js started loading; embed.js loaded in ${fmt(scriptLoaded)}; resolve request ${fmt(resolveCall)} (includes CORS preflight); thread request ${fmt(threadCall)}`);
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'embed.json'), JSON.stringify(results, null, 2));
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  await browser.close();
  await parley.stop();
  host.server.close();
  await db.stop();
}
