import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, parse, resolve, sep } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres.error';

/**
 * PostgreSQL refuses to run as root. Started by root, the embedded server runs as the unprivileged
 * user "postgres" (created when missing, as the embedded-postgres package does), and that user must
 * be able to walk every directory above its binaries and its data.
 */

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const USER = 'postgres';

/** The user to run PostgreSQL as, or null when this process is not root (it runs as us). */
export function postgresRunAs(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const existing = lookupUser(USER);
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--system', '--force', USER], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { stdio: 'pipe' });
  } catch (err) {
    const reason = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    throw new EmbeddedPostgresError(
      `Running as root, Parley runs PostgreSQL as the user "${USER}", which does not exist and could not be created (${reason}): ` +
        `create it (useradd --system ${USER}), run Parley as a normal user, or set DATABASE_URL.`,
    );
  }
  const created = lookupUser(USER);
  if (!created) throw new EmbeddedPostgresError(`The user "${USER}" was created but cannot be looked up (getent passwd ${USER}).`);
  return created;
}

function lookupUser(name: string): RunAs | null {
  try {
    const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const [, , uid, gid] = line.split(':');
    return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * The first directory on the way to `path` that `user` may not enter (no search permission for it
 * by owner, group or others), or null when every one can be entered. Reads mode bits only: an ACL
 * that grants more is not seen, which at worst makes the caller choose a reachable place it did
 * not strictly need.
 */
export function firstBlockedDirectory(path: string, user: RunAs): string | null {
  const absolute = resolve(path);
  const { root } = parse(absolute);
  let current = root;
  for (const part of absolute.slice(root.length).split(sep).filter(Boolean)) {
    if (!isDirectory(current)) return null; // not there yet: whoever creates it decides its mode
    if (!canEnter(current, user)) return current;
    current = current === root ? `${root}${part}` : `${current}${sep}${part}`;
  }
  if (isDirectory(current) && !canEnter(current, user)) return current;
  return null;
}

function canEnter(dir: string, user: RunAs): boolean {
  const { mode, uid, gid } = statSync(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/**
 * mkdir -p, giving only the directories it creates mode 0755 whatever the umask, so another user
 * can walk through them. Directories that already exist keep their mode: the user's own
 * directories (a home directory, a project checkout) are never opened up.
 */
export async function makeTraversableDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); !exists(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    await mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await chmod(d, 0o755);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
