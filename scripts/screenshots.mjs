#!/usr/bin/env node
// Screenshots for the README (docs/screenshots/*.png): starts the built service on a throw-away
// embedded PostgreSQL with the demo data, opens /demo in Debian's Chromium (light, dark, Arabic)
// and captures the comment section; then gives the console some work (two readers report seeded
// comments through the API), signs in as the first admin and captures the queues and the desk.
// Run `npm run build` first.
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
const ADMIN = { email: 'admin@parley.example', password: 'screenshots only, thrown away' };
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
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ADMIN_DISPLAY_NAME: 'Desk Editor',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  await new Promise((res, rej) => {
    child.stdout.on('data', (text) => text.includes('Console:') && res());
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
/** Parley's API as a reader would call it; fails loudly on anything but success. */
async function api(method, path, body, token) {
  const res = await fetch(`${parley.url}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/** Readers report seeded comments, so the queues and the desk have something to show. */
async function giveTheConsoleWork() {
  const readers = [];
  for (const [name, email] of [['Lena Brandt', 'lena@readers.example'], ['Yusuf Demir', 'yusuf@readers.example']]) {
    readers.push((await api('POST', '/auth/register', { email, password: 'reading the river report', displayName: name })).token);
  }
  const article = await api('GET', '/articles/river-crossing-contested-claims');
  const thread = await api('GET', `/articles/${article.id}/comments?limit=50&sort=oldest`);
  const all = thread.items.flatMap((c) => [c, ...c.replies]);
  const find = (text) => all.find((c) => c.html.includes(text));
  const reports = [
    [find('independently verified'), { reason: 'OFF_TOPIC' }],
    [find('Which channel'), { reason: 'SPAM' }],
    [all.find((c) => c.depth === 0 && !c.label && !c.html.includes('independently verified')), { reason: 'REVEALS_POSITIONS', details: 'Names the street where the unit is billeted.' }],
    [all.find((c) => c.label), { reason: 'MISINFORMATION', details: 'The silos story comes from one anonymous channel.', sourceUrl: 'https://observatory.example/daily' }],
  ];
  for (const [i, [comment, report]] of reports.entries()) if (comment) await api('POST', `/comments/${comment.id}/flags`, report, readers[i % readers.length]);
  if (reports[0][0]) await api('POST', `/comments/${reports[0][0].id}/flags`, { reason: 'ABUSE' }, readers[1]);
}

async function consoleShots() {
  await giveTheConsoleWork();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
  await page.goto(`${parley.url}/console`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Each page: where to go, then what to click (if anything), then what must show before the shot.
  for (const [file, hash, click, ready] of [
    ['console-queue.png', '#/queues/reported', null, 'parley-queue-view article.card'],
    ['console-desk.png', '#/desk', null, 'parley-desk-view article.card'],
    ['console-claim.png', '#/desk/claims', 'parley-desk-view table a', 'parley-claim-detail h2'],
  ]) {
    await page.goto(`${parley.url}/console${hash}`);
    if (click) await page.locator(click).first().click();
    await page.locator(ready).first().waitFor();
    await page.screenshot({ path: join(OUT, file) });
    console.log(`wrote ${join(OUT, file)}`);
  }
  await page.close();
}

try {
  for (const shot of SHOTS) {
    const page = await browser.newPage({ viewport: { width: 820, height: 1200 }, deviceScaleFactor: 1, colorScheme: shot.colorScheme });
    await page.goto(`${parley.url}/demo${shot.query}`);
    await page.locator('parley-comments .list').waitFor();
    await page.locator('parley-comments').screenshot({ path: join(OUT, shot.file) });
    console.log(`wrote ${join(OUT, shot.file)}`);
    await page.close();
  }
  await consoleShots();
} finally {
  await browser.close();
  parley.child.kill('SIGTERM');
  await new Promise((res) => parley.child.once('exit', res));
  await rm(dataDir, { recursive: true, force: true });
}
