import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docker-compose.yml and the Dockerfile are read by Docker, not by the test suite, so their
 * promises are checked here as text: no secret with a default value, nothing published beyond
 * the machine unless asked for, and the image on the Node line package.json targets.
 */
const ROOT = join(__dirname, '..', '..');
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const uncommented = (text: string) => text.replace(/^\s*#.*$/gm, '');

describe('deployment files', () => {
  it('give no secret a default: compose refuses to start until each is set', () => {
    const secrets = ['POSTGRES_PASSWORD', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'METRICS_TOKEN'];
    for (const name of secrets) {
      const uses = [...uncommented(compose).matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))].map((m) => m[1]);
      expect({ name, uses: uses.length > 0 && uses.every((u) => u.startsWith(':?')) }).toEqual({ name, uses: true });
    }
    // No literal password or token anywhere in the service definitions.
    expect(uncommented(compose)).not.toMatch(/^\s*\w*(PASSWORD|TOKEN|SECRET)\w*:\s*["']?[^$\s"']/m);
    expect(uncommented(compose)).not.toMatch(/postgres:\/\/\w+:[^$@]+@/);
  });

  it('publish ports on the loopback address unless told otherwise', () => {
    const section = uncommented(compose).match(/^\s*ports:\n((?:\s+-.*\n)+)/gm) ?? [];
    const ports = section.flatMap((s) => s.split('\n').slice(1)).map((l) => l.replace(/^\s*-\s*/, '').replace(/"/g, '').trim()).filter(Boolean);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^\$\{PARLEY_BIND:-127\.0\.0\.1\}:|^127\.0\.0\.1:/);
  });

  it('build the image on the LTS line that package.json engines names', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const major = /^>=(\d+)\./.exec(engines)?.[1];
    const images = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => m[1]);
    expect(images).toEqual([major, major]);
  });
});
