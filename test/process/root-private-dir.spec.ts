import { lstat, mkdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, Processes } from './helpers/app-process';
import { Install, installApp } from './helpers/installed-app';

/**
 * Root runs PostgreSQL as the unprivileged user "postgres", which cannot enter a checkout under
 * /root or a `mktemp -d` folder (mode 0700): neither the binaries in node_modules nor a data
 * directory there. Only root can be in that situation.
 */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

(asRoot ? describe : describe.skip)('[needs root] npm start as root in a directory only root may enter', () => {
  const processes = new Processes();
  let install: Install;
  let env: Record<string, string>;
  let relocated: string | null = null;

  beforeAll(async () => {
    install = await installApp({ private: true });
    env = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
  }, 60_000);

  afterEach(() => processes.cleanUp());
  afterAll(async () => {
    if (relocated) await rm(relocated, { recursive: true, force: true });
    await rm(install.home, { recursive: true, force: true });
  });

  it('starts, serves, stops, and starts again on the same data, without opening up the directory', async () => {
    expect((await stat(install.home)).mode & 0o777).toBe(0o700);
    const first = processes.start(install.dir, env);
    await first.listening();
    expect((await fetch(`http://127.0.0.1:${env.PORT}/health/ready`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const link = join(install.dir, '.data', 'postgres');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    relocated = await readlink(link);
    expect(relocated).toMatch(/^\/var\/lib\/parley\/embedded-postgres\//);
    expect((await stat(install.home)).mode & 0o777).toBe(0o700);

    const second = processes.start(install.dir, env);
    await second.listening();
    expect(second.output).toContain('0 migration(s) applied');
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('says in one sentence what to do when the data directory it is given holds files PostgreSQL cannot reach', async () => {
    const dataDir = join(install.home, 'kept-data');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'not a cluster');
    const run = processes.start(install.dir, { ...env, EMBEDDED_PG_DIR: dataDir });
    expect((await run.exited).code).toBe(1);
    expect(run.output).toContain(
      `Parley failed to start: ${dataDir} holds files, but PostgreSQL runs as the user "postgres", which cannot enter ${install.home}: ` +
        'move that directory somewhere others may enter and set EMBEDDED_PG_DIR to it, or set DATABASE_URL.',
    );
    expect(run.output).not.toMatch(/\n\s+at /);
  }, 60_000);
});
