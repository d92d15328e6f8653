#!/usr/bin/env node
// Summarizes a V8 CPU profile (node --cpu-prof, e.g. from `bench/page.mjs --profile`): self time
// grouped by where the code lives (Parley's own modules, pg, Express and Nest, Node's internals,
// the garbage collector), then the heaviest functions.
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [--top 25] [--skip-ms 0] (leave out the first
// milliseconds of samples: start-up, module loading, model loading)
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = process.argv.includes('--top') ? Number(process.argv[process.argv.indexOf('--top') + 1]) : 25;
const skipMs = process.argv.includes('--skip-ms') ? Number(process.argv[process.argv.indexOf('--skip-ms') + 1]) : 0;
const profile = JSON.parse(readFileSync(file, 'utf8'));

/** Microseconds of self time per node id, from the sample stream. */
const selfUs = new Map();
let at = 0;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  if (at < skipMs * 1000) continue;
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

function place(frame) {
  const u = frame.url ?? '';
  const name = frame.functionName;
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)' || name === '(program)') return name;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (pkg) {
    if (['pg', 'pg-protocol', 'pg-types', 'postgres-date', 'pg-pool'].includes(pkg[1])) return 'pg (protocol, row parsing)';
    if (pkg[1].startsWith('@nestjs') || ['express', 'router', 'body-parser', 'finalhandler', 'send', 'on-finished'].includes(pkg[1])) return 'Nest + Express';
    if (['class-validator', 'class-transformer'].includes(pkg[1])) return 'validation';
    if (pkg[1].startsWith('pino')) return 'logging';
    return `other package: ${pkg[1]}`;
  }
  if (u.includes('/dist/src/')) return `Parley: ${u.split('/dist/src/')[1].split('/').slice(0, 2).join('/')}`;
  if (u.startsWith('node:')) return `Node: ${u.slice(5).split('/')[0]}`;
  if (u === '') return name.startsWith('(') ? name : `native: ${name}`;
  return u;
}

const byPlace = new Map();
const byFn = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const p = place(node.callFrame);
  if (p === '(idle)') continue;
  total += us;
  byPlace.set(p, (byPlace.get(p) ?? 0) + us);
  const key = `${node.callFrame.functionName || '(anonymous)'}  ${p}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
}
const pct = (us) => `${((100 * us) / total).toFixed(1)}%`;
console.log(`busy time ${(total / 1000).toFixed(0)} ms (idle left out)\n`);
for (const [p, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us).padStart(6)}  ${p}`);
console.log('');
for (const [f, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us).padStart(6)}  ${f}`);
