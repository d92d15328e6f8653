/**
 * A circuit breaker per provider: after `failures` consecutive failures (timeouts or errors) it
 * opens, and calls are skipped (recorded as `skipped`, costing nothing) for `cooldownMs`. Then one
 * trial call goes through (half-open): success closes it, failure opens it for another cooldown.
 *
 * The state is per instance, in memory: each instance learns on its own that a provider is down,
 * after at most `failures` slow comments. Sharing it through PostgreSQL would put a write on the
 * posting path for a gain of a few comments per instance.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openUntil = 0;
  private trialRunning = false;

  constructor(
    private readonly failures: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openUntil === 0) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** Whether a call may go ahead now; in half-open state, only one at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialRunning) return false;
    this.trialRunning = true;
    return true;
  }

  record(ok: boolean): void {
    this.trialRunning = false;
    if (ok) {
      this.consecutiveFailures = 0;
      this.openUntil = 0;
      return;
    }
    this.consecutiveFailures++;
    if (this.openUntil !== 0 || this.consecutiveFailures >= this.failures) this.openUntil = this.now() + this.cooldownMs;
  }
}
