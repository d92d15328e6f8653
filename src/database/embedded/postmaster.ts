import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres.error';
import { RunAs } from './run-as';

/**
 * Runs PostgreSQL's own programs (initdb, postgres) as child processes, keeping the tail of what
 * they print so a failure can be reported with its real cause.
 */

export interface SpawnOptions {
  runAs: RunAs | null;
  /** Own process group: a Ctrl-C in the terminal reaches Node, which drains before stopping it. */
  detached: boolean;
}

/** No secrets from our environment reach PostgreSQL; messages in English so they can be read back. */
const CHILD_ENV = { LC_MESSAGES: 'C', LANG: 'C.UTF-8' };

function spawnAs(program: string, args: string[], cwd: string, options: SpawnOptions): { child: ChildProcess; output: () => string[] } {
  const child = spawn(program, args, {
    cwd,
    env: { ...CHILD_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
    ...(options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {}),
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) tail.push(line.trim());
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  // Always drained: a full pipe would block the server.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => [...tail] };
}

/** The lines that say why PostgreSQL gave up, without log prefixes. */
export function causeOf(lines: string[]): string {
  const relevant = lines
    .map((l) => /(?:^|\s)(FATAL|PANIC|ERROR|HINT|DETAIL):\s+(.*)$/.exec(l) ?? /^(initdb): (?:error: )?(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[2].trim());
  return (relevant.length > 0 ? relevant : lines.slice(-3)).join(' ');
}

export async function runInitdb(initdb: string, dataDir: string, passwordFile: string, user: string, options: SpawnOptions): Promise<void> {
  const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'];
  const { child, output } = spawnAs(initdb, args, dirname(dataDir), { ...options, detached: false });
  const code = await new Promise<number | string>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    child.once('close', (c, signal) => resolve(c ?? signal ?? 'unknown'));
  });
  if (code !== 0) {
    throw new EmbeddedPostgresError(`initdb could not create the PostgreSQL cluster in ${dataDir} (${code}): ${causeOf(output())}`);
  }
}

export interface Postmaster {
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  isRunning(): boolean;
}

/** Starts the server and resolves once it accepts connections; rejects with what it printed otherwise. */
export async function startPostmaster(
  postgres: string,
  dataDir: string,
  port: number,
  flags: string[],
  options: SpawnOptions & { readyTimeoutMs: number },
): Promise<Postmaster> {
  // Loopback TCP only: no Unix socket in /tmp whose lock file could outlive us and block a restart.
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...flags];
  const { child, output } = spawnAs(postgres, args, dataDir, options);
  let running = true;
  // Last resort when Node exits without stopping it (an uncaught error, process.exit): a signal can
  // still be sent synchronously then. Only SIGKILL and power loss escape this; the next start
  // clears up after those (leftover.ts).
  const onNodeExit = () => {
    if (running && child.pid) child.kill('SIGINT');
  };
  process.on('exit', onNodeExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.removeListener('exit', onNodeExit);
      resolve();
    }),
  );
  const failure = new Promise<never>((_, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      running = false;
      process.removeListener('exit', onNodeExit);
      reject(new EmbeddedPostgresError(`could not run ${postgres}: ${err.code ?? err.message}`));
    });
    void exited.then(() => {
      running = false;
      reject(startFailure(output(), port, child.exitCode ?? child.signalCode));
    });
  });
  const ready = waitUntilReady(dataDir, () => child.pid, () => running, options.readyTimeoutMs);
  try {
    await Promise.race([ready, failure]);
  } catch (err) {
    if (running && child.pid) child.kill('SIGQUIT');
    throw err;
  }
  // From here on an exit is the server stopping, not a failed start.
  failure.catch(() => undefined);
  return { pid: child.pid as number, exited, isRunning: () => running };
}

function startFailure(lines: string[], port: number, code: number | string | null): EmbeddedPostgresError {
  const cause = causeOf(lines);
  if (/could not bind|Address already in use/i.test(lines.join('\n'))) {
    return new EmbeddedPostgresError(
      `PostgreSQL could not listen on port ${port}, which another program is using: set EMBEDDED_PG_PORT to a free port, or stop that program (${cause}).`,
    );
  }
  return new EmbeddedPostgresError(`PostgreSQL stopped while starting (exit ${code ?? 'unknown'}): ${cause || 'it printed nothing'}`);
}

/**
 * postmaster.pid's eighth line turns to "ready" (or "standby") once connections are accepted; it is written in
 * every locale, unlike the log line saying so.
 */
async function waitUntilReady(dataDir: string, pid: () => number | undefined, running: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (running()) {
    try {
      const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
      // "standby" is a hot standby's ready: it accepts read-only connections (a replica in tests).
      if (Number(lines[0]) === pid() && ['ready', 'standby'].includes(lines[7]?.trim() ?? '')) return;
    } catch {
      // Not written yet, or not readable yet.
    }
    if (Date.now() > deadline) throw new EmbeddedPostgresError(`PostgreSQL did not become ready within ${Math.round(timeoutMs / 1000)} s.`);
    await new Promise((r) => setTimeout(r, 25));
  }
  // Exited: the failure promise carries the reason.
  await new Promise(() => undefined);
}
