import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` builds first (prestart: scripts/build.mjs --if-stale), but only when an input
 * changed since the last build. The real script runs here in a small project of its own, whose
 * Prisma generator, tsc and front-end bundler are stand-ins that only record that they ran and write their outputs:
 * the decision to build or not is what is under test (a real tsc run takes 15–40 s).
 */
describe('npm start rebuilds only when the sources changed', () => {
  let dir: string;
  const calls = () => (readFileSync(join(dir, 'calls.log'), 'utf8').match(/\S+/g) ?? []).length;
  const prestart = () => execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: dir, encoding: 'utf8' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-build-'));
    mkdirSync(join(dir, 'scripts'));
    cpSync(join(__dirname, '..', '..', 'scripts', 'build.mjs'), join(dir, 'scripts', 'build.mjs'));
    const record = (name: string, output: string) =>
      `const fs = require('fs'); fs.appendFileSync('calls.log', '${name} '); fs.mkdirSync(require('path').dirname('${output}'), { recursive: true }); fs.writeFileSync('${output}', '');`;
    writeFileSync(join(dir, 'generate.js'), record('generate', 'src/generated/prisma/client.ts'));
    mkdirSync(join(dir, 'node_modules', 'typescript', 'bin'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), record('tsc', 'dist/src/main.js'));
    mkdirSync(join(dir, 'web'));
    writeFileSync(
      join(dir, 'web', 'build.mjs'),
      `import fs from 'node:fs'; fs.appendFileSync('calls.log', 'web '); fs.mkdirSync('dist/web', { recursive: true }); fs.writeFileSync('dist/web/manifest.json', '{}');`,
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts: { 'prisma:generate': 'node generate.js' } }));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'prisma'));
    for (const file of ['src/main.ts', 'prisma/schema.prisma', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) writeFileSync(join(dir, file), `// ${file}\n`);
    writeFileSync(join(dir, 'calls.log'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds when there is no build yet, then not again while nothing changed', () => {
    expect(prestart()).toContain('no build yet: building');
    expect(calls()).toBe(3);
    expect(prestart()).toContain('dist/ is up to date with the sources: not rebuilding');
    expect(calls()).toBe(3);
  });

  it('rebuilds after a source or the schema changed, not after a file was only touched', () => {
    const before = calls();
    utimesSync(join(dir, 'src', 'main.ts'), new Date(), new Date());
    expect(prestart()).toContain('not rebuilding');
    writeFileSync(join(dir, 'src', 'main.ts'), '// changed\n');
    expect(prestart()).toContain('sources changed since the last build: rebuilding');
    writeFileSync(join(dir, 'prisma', 'schema.prisma'), '// changed\n');
    prestart();
    writeFileSync(join(dir, 'src', 'new-feature.ts'), '// added\n');
    prestart();
    writeFileSync(join(dir, 'web', 'embed.ts'), '// the front end changed\n');
    expect(prestart()).toContain('sources changed since the last build: rebuilding');
    expect(calls()).toBe(before + 12);
  });

  it('rebuilds when an output is missing, whatever the record says', () => {
    const before = calls();
    rmSync(join(dir, 'src', 'generated'), { recursive: true });
    prestart();
    expect(calls()).toBe(before + 3);
    expect(prestart()).toContain('not rebuilding');
  });
});
