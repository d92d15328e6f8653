import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres.error';

/**
 * What an earlier start may have left behind in the data directory, and how to clear it.
 *
 * postmaster.pid names the server that holds the directory. After Node was killed hard (kill -9,
 * the OOM killer) its PostgreSQL keeps running, orphaned: it is stopped cleanly before a new one
 * starts. After a reboot the file can name a pid that now belongs to an unrelated process, which
 * PostgreSQL itself would take for a live server and refuse to start: such a file is removed.
 * (A pid that is not running at all PostgreSQL handles by itself.)
 */

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Kernel command name (15 characters at most; Node 24 names its main thread "MainThread"). */
  comm: string;
  /** The program file; null when we may not read it. */
  exe: string | null;
  state: string;
  cmdline: string[];
  /** Working directory; null when we may not read it. A postmaster works in its data directory. */
  cwd: string | null;
}

export function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may itself hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(ppid), comm, exe: readLink(`/proc/${pid}/exe`), state, cmdline, cwd: readLink(`/proc/${pid}/cwd`) };
  } catch {
    return null;
  }
}

function readLink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

/** A Node.js process, whatever its thread name: by its program file, else by its argv[0]. */
export function isNode(info: ProcessInfo): boolean {
  return /^node(js)?(\d+)?$/.test(basename((info.exe ?? info.cmdline[0] ?? '').replace(/ \(deleted\)$/, '')));
}

/** Running, and not a zombie waiting to be reaped (it holds nothing any more). */
export function isRunning(pid: number): boolean {
  const info = readProcess(pid);
  return info !== null && info.state !== 'Z' && info.state !== 'X';
}

function lockedBy(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isPostmasterOf(info: ProcessInfo, dataDir: string): boolean {
  if (info.comm !== 'postgres') return false;
  const real = realpathSync(dataDir);
  if (info.cwd !== null) return info.cwd === real;
  const d = info.cmdline.indexOf('-D');
  return d >= 0 && info.cmdline[d + 1] !== undefined && resolve(info.cmdline[d + 1]) === real;
}

/** Stops an orphaned server of this data directory, or removes a pid file left by a reboot. */
export async function clearLeftovers(dataDir: string, log: (line: string) => void): Promise<void> {
  const pid = lockedBy(dataDir);
  if (pid === null || !isRunning(pid)) return;
  const info = readProcess(pid);
  if (info === null) return;
  if (!isPostmasterOf(info, dataDir)) {
    await unlink(join(dataDir, 'postmaster.pid')).catch(() => undefined);
    log(`removed a stale postmaster.pid: pid ${pid} now belongs to another program (${info.comm})`);
    return;
  }
  const parent = readProcess(info.ppid);
  if (parent !== null && parent.pid !== 1 && parent.pid !== process.pid && isNode(parent)) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDir} is in use by another running Parley (process ${parent.pid}): ` +
        'stop that one first, or give this one its own EMBEDDED_PG_DIR and EMBEDDED_PG_PORT.',
    );
  }
  log(`PostgreSQL (pid ${pid}) was left running by an earlier start that ended without stopping it: stopping it`);
  await stopProcess(pid);
}

/** Fast shutdown (SIGINT: clients disconnected, data flushed), then immediate shutdown if it hangs. */
export async function stopProcess(pid: number, timeoutMs = 30_000): Promise<void> {
  for (const [signal, wait] of [['SIGINT', timeoutMs], ['SIGQUIT', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await exited(pid, wait)) return;
  }
  throw new EmbeddedPostgresError(`PostgreSQL (pid ${pid}) did not stop after SIGINT and SIGQUIT: stop it by hand (kill ${pid}).`);
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isRunning(pid);
}
