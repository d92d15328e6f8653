#!/usr/bin/env node
// `npm run build`: generates the Prisma client, compiles src/ into dist/ with tsc and bundles web/
// into dist/web with esbuild, then records
// a fingerprint of every input it compiled. `--if-stale` (npm start's prestart) skips all of that
// when the fingerprint still matches, so a second start does not wait for a full compile.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Everything the compiled output depends on; package-lock.json stands for the dependencies' types. */
const INPUTS = ['src', 'web', 'prisma/schema.prisma', 'prisma/seed', 'prisma.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
/** Generated from prisma/schema.prisma, which is an input itself. */
const GENERATED = 'src/generated';
/** Missing outputs mean a rebuild whatever the fingerprint says. */
const OUTPUTS = ['dist/src/main.js', 'dist/web/manifest.json', 'src/generated/prisma/client.ts'];
const STAMP = 'dist/.build-fingerprint';

function files(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .map((entry) => relative(ROOT, join(full, entry.name)))
    .filter((child) => child !== GENERATED)
    .flatMap((child) => files(child));
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`build failed: ${command} ${args.join(' ')} exited with ${result.status ?? result.signal ?? result.error?.message}`);
    process.exit(result.status || 1);
  }
}

const onlyIfStale = process.argv.includes('--if-stale');
const current = fingerprint();
const built = existsSync(join(ROOT, STAMP)) ? readFileSync(join(ROOT, STAMP), 'utf8').trim() : null;
const complete = OUTPUTS.every((file) => existsSync(join(ROOT, file)));
if (onlyIfStale && built === current && complete) {
  console.log('dist/ is up to date with the sources: not rebuilding');
  process.exit(0);
}
if (onlyIfStale) console.log(built === null ? 'no build yet: building' : 'sources changed since the last build: rebuilding');
const started = Date.now();
run('npm', ['run', '--silent', 'prisma:generate']);
rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
// The front end (embed, demo page) into dist/web: esbuild, well under a second.
run(process.execPath, [join(ROOT, 'web', 'build.mjs')]);
// The fingerprint taken before compiling: a file saved during the build makes the next start rebuild.
writeFileSync(join(ROOT, STAMP), `${current}\n`);
console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
