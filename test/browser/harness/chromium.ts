import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download does not work on
 * these machines). The flags keep Chromium from opening background connections to Google services
 * that a closed network refuses, many at a time.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox', // root cannot use Chromium's sandbox
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * `describe` for browser tests. Without Chromium they are skipped with a one-line reason, except
 * in CI (CI=true), where a missing browser is a failure: `.ci/run` installs it.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumAvailable()) return describe(name, body);
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has Chromium to run in', () => {
        throw new Error(`No Chromium at ${CHROMIUM_PATH}: CI must install it (apt-get install -y chromium) before npm test`);
      });
    });
    return;
  }
  process.stderr.write(`Skipping browser tests "${name}": no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)\n`);
  describe.skip(name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}
