import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readdir, readlink, rmdir, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres.error';
import { firstBlockedDirectory, makeTraversableDirs, RunAs } from './run-as';

/**
 * Where the cluster's files live. Normally exactly the configured directory. When PostgreSQL's
 * user cannot reach it (root running a checkout under /root, or under a `mktemp -d` folder), the
 * cluster lives under a root-owned 0755 state directory instead, and the configured path becomes a
 * symbolic link to it: that link is the record every later start follows to the same data.
 */

const STATE_BASE = '/var/lib/parley/embedded-postgres';

export interface PlacedDataDir {
  /** The directory PostgreSQL is given (the link's target when relocated). */
  dir: string;
  /** The configured path, when it is a link to `dir`. */
  linkedFrom: string | null;
}

export async function placeDataDir(requested: string, runAs: RunAs | null, log: (line: string) => void): Promise<PlacedDataDir> {
  const wanted = resolve(requested);
  if (!runAs) {
    await mkdir(dirname(wanted), { recursive: true });
    return { dir: wanted, linkedFrom: null };
  }
  const link = await lstat(wanted).catch(() => null);
  if (link?.isSymbolicLink()) {
    const target = resolve(dirname(wanted), await readlink(wanted));
    await makeTraversableDirs(dirname(target));
    await ensureOwnedDir(target, runAs);
    return { dir: target, linkedFrom: wanted };
  }
  await makeTraversableDirs(dirname(wanted));
  const blocked = firstBlockedDirectory(dirname(wanted), runAs);
  if (!blocked) {
    await ensureOwnedDir(wanted, runAs);
    return { dir: wanted, linkedFrom: null };
  }
  if (link) await removeIfEmptyLeftover(wanted, runAs, blocked);
  const target = join(STATE_BASE, `${basename(dirname(dirname(wanted))) || 'parley'}-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
  try {
    await makeTraversableDirs(STATE_BASE);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the user "${runAs.name}", which cannot enter ${blocked}, and ${STATE_BASE} could not be created for its data ` +
        `(${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): set EMBEDDED_PG_DIR to a directory others may enter, or set DATABASE_URL.`,
    );
  }
  await ensureOwnedDir(target, runAs);
  await symlink(target, wanted);
  log(`PostgreSQL runs as "${runAs.name}", which cannot enter ${blocked}: its data lives in ${target} (linked from ${wanted})`);
  return { dir: target, linkedFrom: wanted };
}

/** PostgreSQL wants its data directory owned by itself and closed to others. */
async function ensureOwnedDir(dir: string, runAs: RunAs): Promise<void> {
  if (!existsSync(dir)) {
    await mkdir(dir, { recursive: true });
    await chown(dir, runAs.uid, runAs.gid);
    await chmod(dir, 0o700);
  }
}

/**
 * A data directory PostgreSQL's user cannot reach is only replaced by a link when it holds
 * nothing (earlier versions left an empty one behind when initdb failed with EACCES). A cluster
 * there is the user's data: never moved or removed behind their back.
 */
async function removeIfEmptyLeftover(dir: string, runAs: RunAs, blocked: string): Promise<void> {
  const entries = await readdir(dir).catch(() => null);
  if (entries !== null && entries.length === 0) {
    await rmdir(dir);
    return;
  }
  throw new EmbeddedPostgresError(
    `${dir} holds files, but PostgreSQL runs as the user "${runAs.name}", which cannot enter ${blocked}: ` +
      `move that directory somewhere others may enter and set EMBEDDED_PG_DIR to it, or set DATABASE_URL.`,
  );
}
