import { parseDelays } from '../../config/webhooks.config';
import { isSuccess, nextAttemptDelay } from './retry-schedule';

describe('nextAttemptDelay', () => {
  const delays = parseDelays('5s,30s,2m,10m,30m,1h,2h,4h,8h,8h') as number[];

  it('follows the schedule, one wait per retry, then stops', () => {
    const mid = () => 0.5;
    expect(delays.map((_, i) => nextAttemptDelay(i + 1, delays, mid))).toEqual(delays);
    expect(nextAttemptDelay(delays.length + 1, delays, mid)).toBeNull();
    expect(nextAttemptDelay(0, delays, mid)).toBeNull();
  });

  it('keeps the default schedule to about a day', () => {
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20 * 3_600_000);
    expect(total).toBeLessThan(28 * 3_600_000);
  });

  it('jitters by at most 20 % either way', () => {
    expect(nextAttemptDelay(2, delays, () => 0)).toBe(24_000);
    expect(nextAttemptDelay(2, delays, () => 0.999999)).toBe(36_000);
  });
});

describe('parseDelays', () => {
  it('reads units and refuses anything else', () => {
    expect(parseDelays('100ms, 2s,3m,1h')).toEqual([100, 2000, 180_000, 3_600_000]);
    expect(parseDelays('5')).toBeNull();
    expect(parseDelays('5s,,1m')).toBeNull();
    expect(parseDelays('-1s')).toBeNull();
  });
});

describe('isSuccess', () => {
  it('takes 2xx only', () => {
    expect([200, 201, 204, 299].every(isSuccess)).toBe(true);
    expect([199, 301, 302, 400, 410, 500].some(isSuccess)).toBe(false);
  });
});
