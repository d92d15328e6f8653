import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker(3, 1000, () => now);
  beforeEach(() => (now = 0));
  const fail = (b: CircuitBreaker, times: number) => {
    for (let i = 0; i < times; i++) {
      expect(b.allow()).toBe(true);
      b.record(false);
    }
  };

  it('stays closed through fewer consecutive failures than the limit, and a success resets the count', () => {
    const b = breaker();
    for (const ok of [false, false, true, false, false]) {
      expect(b.allow()).toBe(true);
      b.record(ok);
    }
    expect(b.state).toBe('closed');
  });

  it('opens after the limit of consecutive failures and refuses calls until the cooldown ends', () => {
    const b = breaker();
    fail(b, 3);
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    now = 999;
    expect(b.allow()).toBe(false);
  });

  it('lets one trial call through after the cooldown; success closes it', () => {
    const b = breaker();
    fail(b, 3);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false); // one trial at a time
    b.record(true);
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('reopens for a whole cooldown when the trial call fails', () => {
    const b = breaker();
    fail(b, 3);
    now = 1500;
    expect(b.allow()).toBe(true);
    b.record(false);
    expect(b.state).toBe('open');
    now = 2499;
    expect(b.allow()).toBe(false);
    now = 2500;
    expect(b.allow()).toBe(true);
  });
});
