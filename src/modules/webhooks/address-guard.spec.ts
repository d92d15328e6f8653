import { isInternalAddress, resolveTarget } from './address-guard';

describe('isInternalAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});

describe('resolveTarget', () => {
  it('refuses a literal loopback address unless private addresses are allowed', async () => {
    await expect(resolveTarget(new URL('http://127.0.0.1:8080/hook'), false)).resolves.toMatchObject({ ok: false, reason: 'internal' });
    await expect(resolveTarget(new URL('http://[::1]:8080/hook'), false)).resolves.toMatchObject({ ok: false, reason: 'internal' });
    await expect(resolveTarget(new URL('http://127.0.0.1:8080/hook'), true)).resolves.toEqual({ ok: true, target: { address: '127.0.0.1', family: 4 } });
  });

  it('checks what a name resolves to: localhost is internal', async () => {
    await expect(resolveTarget(new URL('http://localhost/hook'), false)).resolves.toMatchObject({ ok: false, reason: 'internal' });
  });

  it('reports a name that does not resolve', async () => {
    await expect(resolveTarget(new URL('http://no-such-host.invalid/hook'), false)).resolves.toMatchObject({ ok: false, reason: 'unresolvable' });
  });
});
