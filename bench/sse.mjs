#!/usr/bin/env node
// Live updates benchmark. (1) Memory: opens --idle (10,000) idle SSE streams on one instance and
// reads its RSS and V8 heap before and after (from /proc and GET /metrics), per stream. (2) Fan-out:
// --subscribers (1,000) streams on one article, then --posts (20) comments posted one at a time;
// for every subscriber, the time from sending the POST to receiving its comment.posted message;
// p50 and p99 over all deliveries, and of the slowest subscriber per post.
// Needs a build (`npm run build`). With DATABASE_URL the instance uses that database; without it,
// the embedded server (as `npm start`).
// Usage: [DATABASE_URL=…] node bench/sse.mjs [--idle 10000] [--subscribers 1000] [--posts 20] [--heap 512]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const IDLE = arg('idle', 10_000);
const SUBSCRIBERS = arg('subscribers', 1000);
const POSTS = arg('posts', 20);
// npm start caps V8's old generation at 192 MB; 10,000 streams do not fit under it (bench/README.md).
const HEAP_MB = arg('heap', 512);
const PORT = 3110;
const BASE = `http://127.0.0.1:${PORT}`;
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const ADMIN = { email: 'bench-admin@example.org', password: 'Quartz-lantern-rivulet-9047' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not come up`);
}

async function api(path, token, body) {
  const res = await fetch(`${BASE}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** One stream on a raw socket (an EventSource costs far more on the client side than on the server). */
function openStream(path, onData) {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, '127.0.0.1');
    let head = true;
    socket.setEncoding('utf8');
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      if (head) {
        if (!chunk.startsWith('HTTP/1.1 200')) return reject(new Error(chunk.slice(chunk.indexOf('\r\n\r\n'), chunk.indexOf('\r\n\r\n') + 400)));
        head = false;
        resolve(socket);
      }
      onData?.(chunk);
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
  });
}

async function openMany(n, path, onData) {
  const sockets = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Math.min(50, n - i);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => openStream(path, onData)))));
  }
  return sockets;
}

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

async function heapBytes() {
  const text = await (await fetch(`${BASE}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(/^parley_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? NaN);
}

async function settle(pid) {
  // Let V8 collect what the connection burst left behind before reading memory.
  await sleep(3000);
  return { rss: rssKiB(pid), heap: await heapBytes() };
}

async function main() {
  const env = {
    ...process.env,
    PORT: String(PORT),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    METRICS_TOKEN,
    SEED_DEMO_DATA: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_POST: '100000/1s',
    LIVE_MAX_STREAMS_PER_IP: '100000',
    LIVE_MAX_STREAMS: '100000',
  };
  const parley = spawn('node', [`--max-old-space-size=${HEAP_MB}`, 'dist/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  parley.once('exit', (code) => code && process.exit(1));
  try {
    await waitFor(`${BASE}/health/ready`);
    const { token } = await api('/api/auth/login', null, ADMIN);
    const stamp = Date.now();
    const idleArticle = await api('/api/articles', token, { title: `Idle ${stamp}`, slug: `sse-idle-${stamp}`, url: `https://news.example/sse-idle-${stamp}` });
    const hotArticle = await api('/api/articles', token, { title: `Hot ${stamp}`, slug: `sse-hot-${stamp}`, url: `https://news.example/sse-hot-${stamp}` });

    const before = await settle(parley.pid);
    const idle = await openMany(IDLE, `/api/articles/${idleArticle.id}/events`);
    const after = await settle(parley.pid);
    const memory = {
      streams: idle.length,
      rssBeforeMiB: +(before.rss / 1024).toFixed(1),
      rssAfterMiB: +(after.rss / 1024).toFixed(1),
      rssPerStreamKiB: +((after.rss - before.rss) / idle.length).toFixed(2),
      heapPerStreamKiB: +((after.heap - before.heap) / 1024 / idle.length).toFixed(2),
    };
    console.log('idle streams', memory);

    // Fan-out: each subscriber records when it saw each comment id.
    const seen = new Map(); // commentId -> array of arrival times
    const onData = (chunk) => {
      const at = performance.now();
      for (const m of chunk.matchAll(/"commentId":"([0-9a-f-]{36})"/g)) {
        if (!seen.has(m[1])) seen.set(m[1], []);
        seen.get(m[1]).push(at);
      }
    };
    const subscribers = await openMany(SUBSCRIBERS, `/api/articles/${hotArticle.id}/events`, onData);
    const all = [];
    const slowest = [];
    for (let i = 0; i < POSTS; i++) {
      const sent = performance.now();
      // Arrivals may precede the POST's answer: onData keeps every id it sees.
      const comment = await api(`/api/articles/${hotArticle.id}/comments`, token, { body: `Fan-out ${i} at ${stamp}.` });
      for (let w = 0; w < 200 && (seen.get(comment.id)?.length ?? 0) < subscribers.length; w++) await sleep(25);
      const times = (seen.get(comment.id) ?? []).map((t) => t - sent);
      if (times.length < subscribers.length) console.warn(`post ${i}: ${times.length} of ${subscribers.length} subscribers got it`);
      all.push(...times);
      slowest.push(Math.max(...times));
      seen.delete(comment.id);
      await sleep(100);
    }
    const fanOut = {
      subscribers: subscribers.length,
      posts: POSTS,
      deliveryP50ms: +quantile(all, 0.5).toFixed(1),
      deliveryP99ms: +quantile(all, 0.99).toFixed(1),
      lastSubscriberP50ms: +quantile(slowest, 0.5).toFixed(1),
      lastSubscriberP99ms: +quantile(slowest, 0.99).toFixed(1),
    };
    console.log('fan-out', fanOut);
    for (const s of [...idle, ...subscribers]) s.destroy();
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/sse.json', import.meta.url), JSON.stringify({ memory, fanOut }, null, 2));
  } finally {
    parley.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
