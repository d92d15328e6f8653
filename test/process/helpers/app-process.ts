import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { isNode, isRunning, readProcess } from '../../../src/database/embedded/leftover';

/**
 * Starts the installed app as a user would (`node dist/src/main.js`, or `npm start`), reads what
 * it prints, and remembers every process involved so that `cleanUp()` leaves none behind, whatever
 * a test did or failed to do.
 */

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class AppRun {
  private text = '';
  readonly exited: Promise<Exit>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.text += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.text += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  }

  get output(): string {
    return this.text;
  }

  /** Resolves when the output matches; rejects with the output so far if the process ends first. */
  async waitFor(pattern: RegExp, timeoutMs = 45_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exited.then(() => (ended = true));
    for (;;) {
      const match = pattern.exec(this.text);
      if (match) return match;
      if (ended || Date.now() > deadline) {
        throw new Error(`${ended ? 'exited' : 'timed out'} before printing ${pattern}; output:\n${this.text}`);
      }
      await sleep(50);
    }
  }

  /** Waits for the start banner; the URLs it printed. */
  async listening(): Promise<string[]> {
    const banner = await this.waitFor(/Parley is listening on .*\n((?: {2}\w+: +\S+\n)+)\n/);
    return banner[1].trim().split('\n').map((line) => line.trim().split(/\s+/)[1]);
  }
}

export class Processes {
  private readonly children: ChildProcess[] = [];
  private readonly dataDirs = new Set<string>();

  /**
   * `node dist/src/main.js` in the install, or `npm start` when `npm` is set. `ownGroup` makes it
   * lead a process group of its own, like a shell's foreground job, for a Ctrl-C to the group.
   */
  start(cwd: string, env: Record<string, string>, options: { npm?: boolean; ownGroup?: boolean } = {}): AppRun {
    const command = options.npm ? ['npm', ['start']] : [process.execPath, ['--max-old-space-size=192', 'dist/src/main.js']];
    const child = spawn(command[0] as string, command[1] as string[], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownGroup ?? false,
    });
    this.children.push(child);
    this.dataDirs.add(join(cwd, env.EMBEDDED_PG_DIR ?? '.data/postgres'));
    return new AppRun(child);
  }

  /** Another process of the test's own, to be killed at clean-up if it is still running. */
  track(child: ChildProcess): void {
    this.children.push(child);
  }

  /**
   * Kills what a test left running: children still running (and their descendants), and the
   * PostgreSQL serving a data directory used here, found by its postmaster.pid and checked to be
   * working in that directory (a pid alone may by now belong to someone else).
   */
  async cleanUp(): Promise<void> {
    const pids = new Set<number>();
    for (const child of this.children) {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        pids.add(child.pid);
        for (const p of descendants(child.pid)) pids.add(p);
      }
    }
    for (const dir of this.dataDirs) {
      const pid = postmasterPid(dir);
      const info = pid === null ? null : readProcess(pid);
      if (info?.comm === 'postgres' && info.cwd === realDir(dir)) pids.add(info.pid);
    }
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const deadline = Date.now() + 10_000;
    while ([...pids].some(isRunning) && Date.now() < deadline) await sleep(50);
  }
}

function realDir(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** The node process under `pid` (npm runs it directly, or under the shell that runs the script). */
export function nodeUnder(pid: number): number | null {
  for (const child of childrenOf(pid)) {
    const info = readProcess(child);
    if (info && isNode(info)) return child;
    const deeper = nodeUnder(child);
    if (deeper !== null) return deeper;
  }
  return null;
}

/** The pid in a data directory's postmaster.pid, if there is one. */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  return childrenOf(pid).flatMap((c) => [c, ...descendants(c)]);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` holds; false when it still does not after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}
