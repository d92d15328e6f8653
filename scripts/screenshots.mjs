#!/usr/bin/env node
// Screenshots of the reader embed for the README (docs/screenshots/*.png): starts the built
// service on a throw-away embedded PostgreSQL with the demo data, opens /demo in Debian's Chromium
// (light, dark, Arabic) and captures the comment section. Run `npm run build` first.
//   node scripts/screenshots.mjs [outDir]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'docs', 'screenshots'));
const SHOTS = [
  { file: 'embed-light.png', query: '', colorScheme: 'light' },
  { file: 'embed-dark.png', query: '?theme=dark', colorScheme: 'dark' },
  { file: 'embed-arabic.png', query: '?lang=ar', colorScheme: 'light' },
];

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

async function startParley(dataDir) {
  const [port, pgPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_PG_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  await new Promise((res, rej) => {
    child.stdout.on('data', (text) => text.includes('Demo page:') && res());
    child.once('exit', (code) => rej(new Error(`Parley exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const dataDir = await mkdtemp(join(tmpdir(), 'parley-shots-'));
const parley = await startParley(join(dataDir, 'pg'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage({ viewport: { width: 820, height: 1200 }, deviceScaleFactor: 1, colorScheme: shot.colorScheme });
    await page.goto(`${parley.url}/demo${shot.query}`);
    await page.locator('parley-comments .list').waitFor();
    await page.locator('parley-comments').screenshot({ path: join(OUT, shot.file) });
    console.log(`wrote ${join(OUT, shot.file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  parley.child.kill('SIGTERM');
  await new Promise((res) => parley.child.once('exit', res));
  await rm(dataDir, { recursive: true, force: true });
}
