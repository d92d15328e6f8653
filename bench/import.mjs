#!/usr/bin/env node
// Import benchmark: writes a WordPress export (WXR) with --comments comments (default 1,000,000)
// to bench/results/, imports it with the built CLI (`node dist/src/cli/import.cli.js`, the same
// --max-old-space-size as the service), samples the import process's RSS every 250 ms, then runs
// the import a second time (it must change nothing) and bench/check-invariants.sql.
// Usage: npm run build && DATABASE_URL=… node bench/import.mjs [--comments 1000000] [--reuse-file]
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import pg from 'pg';

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const COMMENTS = arg('comments', 1_000_000);
const PER_ARTICLE = 200;
const AUTHORS = 50_000;
const results = new URL('./results/', import.meta.url);
const FILE = new URL(`import-${COMMENTS}.wxr.xml`, results).pathname;

/** mulberry32: the same file on every run. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'Has this been independently verified, or is it another report nobody can check?',
  'The observatory counted far fewer casualties than the outlet claims.',
  'They are reporting that the town was retaken overnight, but the footage only shows a road sign.',
  'A difference of four to one is not a rounding error; <em>both</em> numbers are claims.',
  'Local pages say the bridge is still standing: <a href="https://maps.example/bridge">see the map</a>.',
  'قالت مصادر محلية إن عدد القتلى أقل بكثير مما أعلن',
  'Это уже третий раз, когда они объявляют о взятии города.',
  'The lone pawn is my favourite piece on this board &amp; always has been.',
  'Who has <strong>actually</strong> been there?',
];

function body(next) {
  const paragraphs = 1 + Math.floor(next() * 3);
  const out = [];
  for (let p = 0; p < paragraphs; p++) {
    const n = 1 + Math.floor(next() * 3);
    out.push(Array.from({ length: n }, () => SENTENCES[Math.floor(next() * SENTENCES.length)]).join(' '));
  }
  return out.join('\n\n');
}

const pad = (n) => String(n).padStart(2, '0');
const wpDate = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

function commentXml(c) {
  const author = c.author % 5 === 0 ? { name: `Guest ${c.author}`, email: '' } : { name: `Reader ${c.author}`, email: `reader${c.author}@mail.example` };
  return `		<wp:comment>
			<wp:comment_id>${c.id}</wp:comment_id>
			<wp:comment_author><![CDATA[${author.name}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[${author.email}]]></wp:comment_author_email>
			<wp:comment_date_gmt><![CDATA[${wpDate(c.at)}]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[${c.body}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[${c.approved}]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>${c.parent}</wp:comment_parent>
		</wp:comment>
`;
}

/** Streams the file: one article's comments in memory at a time. */
async function generate() {
  const next = random(15);
  const out = createWriteStream(FILE);
  const put = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await put(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Bench Monitor</title>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://bench-monitor.example</wp:base_site_url>
`);
  let id = 0;
  const articles = Math.ceil(COMMENTS / PER_ARTICLE);
  for (let a = 1; a <= articles; a++) {
    const published = new Date(Date.UTC(2016, 0, 1) + a * 3_600_000);
    await put(`	<item>
		<title>Report ${a}: claims from the front that cannot be verified</title>
		<link>https://bench-monitor.example/${published.getUTCFullYear()}/report-${a}/</link>
		<wp:post_id>${a}</wp:post_id>
		<wp:post_date_gmt><![CDATA[${wpDate(published)}]]></wp:post_date_gmt>
		<wp:post_type><![CDATA[post]]></wp:post_type>
`);
    const list = [];
    const count = Math.min(PER_ARTICLE, COMMENTS - id);
    for (let i = 0; i < count; i++) {
      id++;
      // 60% top-level; the rest answer an earlier comment of the article.
      const parent = i > 0 && next() >= 0.6 ? list[Math.floor(next() * i)].id : 0;
      const roll = next();
      const approved = roll < 0.96 ? '1' : roll < 0.98 ? '0' : roll < 0.99 ? 'spam' : 'trash';
      list.push({ id, parent, at: new Date(published.getTime() + (i + 1) * 60_000), author: 1 + Math.floor(next() * AUTHORS), body: body(next), approved });
    }
    // Exports do not promise parents first: swap every tenth pair so some replies come before them.
    for (let k = 0; k + 1 < list.length; k += 10) [list[k], list[k + 1]] = [list[k + 1], list[k]];
    for (const c of list) await put(commentXml(c));
    await put('\t</item>\n');
  }
  await put('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
}

/** Runs the import CLI, sampling its resident memory. */
async function importOnce() {
  const started = Date.now();
  const child = spawn('node', ['--max-old-space-size=192', 'dist/src/cli/import.cli.js', 'wxr', FILE], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      // exited between samples
    }
  }, 250);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  const [code] = await once(child, 'exit');
  clearInterval(sample);
  if (code !== 0) throw new Error(`import exited with ${code}`);
  return { seconds: (Date.now() - started) / 1000, peakRssMb: Math.round(peakKb / 1024), summary: output.trim() };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to an empty, migrated database');
  mkdirSync(results, { recursive: true });
  if (!(process.argv.includes('--reuse-file') && existsSync(FILE))) {
    const t0 = Date.now();
    await generate();
    console.log(`generated ${COMMENTS} comments, ${(statSync(FILE).size / 1024 / 1024).toFixed(0)} MB, in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const first = await importOnce();
  console.log(first.summary);
  console.log(`first run: ${first.seconds.toFixed(0)} s, ${Math.round(COMMENTS / first.seconds)} comments/s, peak RSS ${first.peakRssMb} MB`);
  const second = await importOnce();
  console.log(`second run (nothing to do): ${second.seconds.toFixed(0)} s, peak RSS ${second.peakRssMb} MB`);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(readFileSync(new URL('./check-invariants.sql', import.meta.url), 'utf8'));
  await client.end();
  console.log(rows.map((r) => `${r.check}: ${r.ok}`).join('\n'));
  const fileMb = Math.round(statSync(FILE).size / 1024 / 1024);
  writeFileSync(new URL('import.json', results), JSON.stringify({ comments: COMMENTS, fileMb, first, second, invariants: rows }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
