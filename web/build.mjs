#!/usr/bin/env node
// Builds the front end into static files the service serves (default dist/web):
//   embed.js (+ .map)   the reader embed, one classic script with a stable name
//   assets/<name>-<hash>.<ext>   everything else, content-hashed for immutable caching
//   manifest.json       logical name → hashed path, read by the server to link pages to assets
// Usage: node web/build.mjs [outDir]   (prints each file's size, raw and gzipped)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const WEB = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WEB, '..');

// Browsers with constructable stylesheets and the rest of what Lit 3 needs.
const TARGET = ['chrome100', 'edge100', 'firefox100', 'safari16.4'];

export async function buildWeb(outDir = join(ROOT, 'dist', 'web'), { quiet = false } = {}) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    target: TARGET,
    tsconfig: join(WEB, 'tsconfig.json'),
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
    // Paths in the metafile are relative to this; the manifest below resolves them from ROOT.
    absWorkingDir: ROOT,
  };
  // The embed: an IIFE so a plain <script async> works and document.currentScript tells it where
  // Parley is; no chunks, so a host page's CSP needs only one script-src entry.
  await build({ ...common, entryPoints: [join(WEB, 'embed', 'index.ts')], outfile: join(outDir, 'embed.js'), format: 'iife', sourcemap: 'linked' });
  // Page assets, content-hashed: the demo page's style, the console's script and page style.
  const entries = { demo: join(WEB, 'demo', 'demo.css'), console: join(WEB, 'console', 'index.ts'), 'console-page': join(WEB, 'console', 'console.css') };
  const entryName = (entryPoint) => Object.keys(entries).find((k) => entries[k] === resolve(ROOT, entryPoint));
  const pages = await build({
    ...common,
    entryPoints: entries,
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
  });
  const manifest = {};
  for (const [file, meta] of Object.entries(pages.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const name = `${entryName(meta.entryPoint)}.${file.endsWith('.css') ? 'css' : 'js'}`;
    manifest[name] = relative(outDir, resolve(ROOT, file)).split('\\').join('/');
  }
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const sizes = await sizesOf(outDir, ['embed.js', ...Object.values(manifest)]);
  if (!quiet) for (const s of sizes) console.log(`web: ${s.file.padEnd(32)} ${kb(s.bytes)} (${kb(s.gzip)} gzipped)`);
  return { outDir, manifest, sizes };
}

async function sizesOf(outDir, files) {
  return Promise.all(
    files.map(async (file) => {
      const body = await readFile(join(outDir, file));
      return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
    }),
  );
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb(process.argv[2] ? resolve(process.argv[2]) : undefined).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
