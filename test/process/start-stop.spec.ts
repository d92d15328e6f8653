import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { isRunning } from '../../src/database/embedded/leftover';
import { eventually, freePort, nodeUnder, postmasterPid, Processes, sleep } from './helpers/app-process';
import { Install, installApp } from './helpers/installed-app';

/**
 * The real entry point in a process of its own, started, stopped, killed and restarted the way
 * people and process managers do it, with the embedded PostgreSQL (DATABASE_URL unset).
 */
describe('starting and stopping the service with its embedded PostgreSQL', () => {
  const processes = new Processes();
  let install: Install;
  let env: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    install = await installApp({ private: false });
    env = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
    dataDir = join(install.dir, '.data', 'postgres');
  }, 60_000);

  // A failed test must not leave its server running into the next one.
  afterEach(() => processes.cleanUp());
  afterAll(() => rm(install.home, { recursive: true, force: true }));

  it('prints the banner last, under a few lines of start-up, and every address in it answers 200', async () => {
    const run = processes.start(install.dir, env);
    const urls = await run.listening();
    await sleep(500);
    expect(run.output.trimEnd().split('\n').at(-1)).toMatch(/Console: +http:\/\/\S+\/console$/);
    expect(run.output).not.toMatch(/Mapped \{|dependencies initialized|Nest application successfully started/);
    // A first start also lists each migration it applied (one line each, a number that grows with
    // the schema's history); everything else before the banner stays a few lines.
    expect(run.output.trim().split('\n').filter((line) => !line.startsWith('applied migration ')).length).toBeLessThan(16);
    const base = `http://localhost:${env.PORT}`;
    expect(urls).toEqual([`${base}/api`, `${base}/docs`, `${base}/api/openapi.json`, `${base}/health/ready`, `${base}/demo`, `${base}/console`]);
    for (const url of urls) expect({ url, status: (await fetch(url)).status }).toEqual({ url, status: 200 });
    // The process's own metrics come from the entry point (the tests' in-process apps do without).
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^parley_process_resident_memory_bytes \d+$/m);
    expect(metrics).toMatch(/^parley_nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('recovers on its own after Node was killed with SIGKILL: the orphaned PostgreSQL is stopped and a new one serves', async () => {
    const first = processes.start(install.dir, env);
    await first.listening();
    const orphan = postmasterPid(dataDir) as number;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isRunning(orphan)).toBe(true);

    const second = processes.start(install.dir, env);
    await second.listening();
    expect(second.output).toContain(`PostgreSQL (pid ${orphan}) was left running`);
    expect(isRunning(orphan)).toBe(false);
    expect((await fetch(`http://127.0.0.1:${env.PORT}/health/ready`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('starts when postmaster.pid names a pid that now belongs to another program, as after a reboot, and leaves that program alone', async () => {
    const stranger = spawn('sleep', ['120'], { stdio: 'ignore' });
    processes.track(stranger);
    const lines = ['', dataDir, '1700000000', env.EMBEDDED_PG_PORT, '', '127.0.0.1', '  1234567     98304', 'ready', ''];
    lines[0] = String(stranger.pid);
    await writeFile(join(dataDir, 'postmaster.pid'), lines.join('\n'));

    const run = processes.start(install.dir, env);
    await run.listening();
    expect(run.output).toContain(`removed a stale postmaster.pid: pid ${stranger.pid} now belongs to another program (sleep)`);
    expect(isRunning(stranger.pid as number)).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    stranger.kill('SIGKILL');
  }, 60_000);

  it('stops Node and PostgreSQL when SIGTERM is sent to the npm start process, after draining', async () => {
    const run = processes.start(install.dir, env, { npm: true });
    await run.listening();
    const postgres = postmasterPid(dataDir) as number;
    const node = nodeUnder(run.child.pid as number);
    expect(node).not.toBeNull();

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output).toContain('SIGTERM: draining in-flight requests');
    expect(await eventually(() => !isRunning(node as number) && !isRunning(postgres))).toBe(true);
  }, 60_000);

  it('stops everything, draining first, on a Ctrl-C to npm start in a terminal (SIGINT to npm and Node at once)', async () => {
    const run = processes.start(install.dir, env, { npm: true, ownGroup: true });
    await run.listening();
    const postgres = postmasterPid(dataDir) as number;
    const node = nodeUnder(run.child.pid as number) as number;

    process.kill(-(run.child.pid as number), 'SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output).toContain('SIGINT: draining in-flight requests');
    expect(await eventually(() => !isRunning(node) && !isRunning(postgres))).toBe(true);
    expect(run.output).not.toMatch(/shutdown failed|cut off/);
  }, 60_000);

  it('says why a start failed, in one line without a stack trace, and exits non-zero', async () => {
    const squatter = await listenOn(Number(env.EMBEDDED_PG_PORT));
    try {
      const run = processes.start(install.dir, env);
      const exit = await run.exited;
      expect(exit.code).toBe(1);
      expect(run.output).toMatch(
        new RegExp(`Parley failed to start: PostgreSQL could not listen on port ${env.EMBEDDED_PG_PORT}, which another program is using: set EMBEDDED_PG_PORT`),
      );
      expect(run.output).not.toMatch(/undefined|\n\s+at /);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  }, 60_000);

  it('refuses to start in production without METRICS_TOKEN: one line, exit code 78 like every configuration error', async () => {
    const run = processes.start(install.dir, { ...env, NODE_ENV: 'production' });
    expect((await run.exited).code).toBe(78);
    expect(run.output).toBe(
      'Invalid configuration: METRICS_TOKEN must be set when NODE_ENV=production (without it GET /metrics is open to anyone who can reach the service)\n',
    );
  }, 30_000);

  it('refuses, saying so, to share its data directory with another running Parley, which keeps serving', async () => {
    const first = processes.start(install.dir, env);
    await first.listening();
    const second = processes.start(install.dir, { ...env, PORT: String(await freePort()) });
    expect((await second.exited).code).toBe(1);
    expect(second.output).toMatch(/Parley failed to start: The embedded PostgreSQL in .* is in use by another running Parley \(process \d+\)/);
    expect((await fetch(`http://127.0.0.1:${env.PORT}/health/ready`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
