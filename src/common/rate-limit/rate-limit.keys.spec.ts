import { clientIp, emailTracker, loginEmail, userOrIp } from './rate-limit.keys';

describe('rate-limit keys', () => {
  it('tracks signed-in callers by user id, anonymous ones by address', () => {
    expect(userOrIp({ user: { id: 'u1' }, ip: '10.0.0.1' })).toBe('user:u1');
    expect(userOrIp({ user: undefined, ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
    expect(userOrIp({})).toBe('ip:unknown');
  });

  it('counts an IPv6 /64 as one address, and IPv4-mapped addresses as IPv4', () => {
    expect(clientIp({ ip: '2001:db8:1:2:aaaa::1' })).toBe(clientIp({ ip: '2001:db8:1:2:bbbb::2' }));
    expect(clientIp({ ip: '2001:db8:1:2:aaaa::1' })).not.toBe(clientIp({ ip: '2001:db8:1:3::1' }));
    expect(clientIp({ ip: '::ffff:10.1.2.3' })).toBe('ip:10.1.2.3');
  });

  it('reads the login email trimmed and lowercased, and nothing else', () => {
    expect(loginEmail({ body: { email: '  Reader@Example.ORG ' } })).toBe('reader@example.org');
    expect(loginEmail({ body: { email: '   ' } })).toBeNull();
    expect(loginEmail({ body: { email: 42 } })).toBeNull();
    expect(loginEmail({ body: 'email=x' })).toBeNull();
    expect(loginEmail({})).toBeNull();
  });

  it('keys emails by a hash that is the same for every spelling and never contains the address', () => {
    const key = emailTracker({ body: { email: 'reader@example.org' } });
    expect(key).toMatch(/^email:[A-Za-z0-9_-]{27}$/);
    expect(emailTracker({ body: { email: ' READER@example.org' } })).toBe(key);
    expect(emailTracker({ body: { email: 'other@example.org' } })).not.toBe(key);
    expect(key).not.toContain('reader');
  });
});
