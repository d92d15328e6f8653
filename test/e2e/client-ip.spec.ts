import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';

/**
 * The client address that per-IP limits count, under each TRUST_PROXY mode, with X-Forwarded-For
 * headers a client forges. Observed through the per-IP sign-in limit (1 attempt per minute, every
 * attempt with a fresh email so only the address is counted): 'counted' means the attempt was the
 * first from the address the app derived (401), 'limited' that the address had already spent its
 * budget (429). supertest connects from loopback; each mode has its own app and counters.
 */

type Attempt = (forwardedFor?: string) => Promise<'counted' | 'limited'>;
const ip = (last: number) => `203.0.113.${last}`;

async function socketAddressOnly(attempt: Attempt): Promise<void> {
  expect(await attempt(ip(1))).toBe('counted');
  // A forged header neither dodges the limit nor spends someone else's budget.
  expect(await attempt(ip(2))).toBe('limited');
  expect(await attempt(`${ip(3)}, 10.0.0.1`)).toBe('limited');
  expect(await attempt()).toBe('limited');
}

const MODES: [string, Record<string, string>, (attempt: Attempt) => Promise<void>][] = [
  ['unset: the socket address, X-Forwarded-For ignored', {}, socketAddressOnly],
  [
    '1: the address the one trusted proxy saw, whatever the client put before it',
    { TRUST_PROXY: '1' },
    async (attempt) => {
      expect(await attempt(ip(1))).toBe('counted');
      // The client forged an earlier hop; the proxy appended the real address.
      expect(await attempt(`${ip(9)}, ${ip(1)}`)).toBe('limited');
      expect(await attempt(`${ip(1)}, ${ip(2)}`)).toBe('counted');
      // Without the header the proxy itself (loopback here) is the client.
      expect(await attempt()).toBe('counted');
      expect(await attempt()).toBe('limited');
    },
  ],
  [
    'a list: back through trusted proxies only, stopping at the first untrusted address',
    { TRUST_PROXY: 'loopback, 10.0.0.0/8' },
    async (attempt) => {
      expect(await attempt(ip(1))).toBe('counted');
      // ip(1) is not a trusted proxy, so what it claims to forward for is not believed.
      expect(await attempt(`${ip(9)}, ${ip(1)}`)).toBe('limited');
      // Through an internal proxy (10.x, trusted) the real client is still ip(1).
      expect(await attempt(`${ip(1)}, 10.1.2.3`)).toBe('limited');
      expect(await attempt(`${ip(1)}, ${ip(2)}, 10.1.2.3`)).toBe('counted');
      expect(await attempt('10.9.9.9')).toBe('counted');
    },
  ],
  ['a list without the connecting address: the socket address', { TRUST_PROXY: '10.0.0.0/8' }, socketAddressOnly],
];

describe.each(MODES)('client address with TRUST_PROXY %s', (_label, env, scenario) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_LOGIN: '1/60s', ...env });
  });
  afterAll(() => t.close());

  it('counts sign-in attempts against that address', async () => {
    await scenario(async (forwardedFor) => {
      const req = request(t.http).post('/api/auth/login');
      if (forwardedFor !== undefined) req.set('X-Forwarded-For', forwardedFor);
      const res = await req.send({ email: `${randomUUID()}@example.org`, password: 'not the password' });
      if (res.status === 401) return 'counted';
      if (res.status === 429) return 'limited';
      throw new Error(`unexpected ${res.status}`);
    });
  });
});
