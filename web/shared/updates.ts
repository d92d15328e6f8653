/**
 * Where "something may have changed" comes from: polling on an interval and whenever the reader
 * comes back to the page (PollingSource), or a live stream with polling beside it (the embed's
 * web/embed/live.ts, the console's moderation-stream.ts); the views do not care which.
 */
export interface UpdateSource {
  start(onChange: () => void): void;
  stop(): void;
}

export class PollingSource implements UpdateSource {
  private timer: number | null = null;
  private onChange: (() => void) | null = null;

  constructor(private readonly intervalMs: number) {}

  start(onChange: () => void): void {
    this.stop();
    this.onChange = onChange;
    this.timer = window.setInterval(this.tick, this.intervalMs);
    window.addEventListener('focus', this.tick);
    document.addEventListener('visibilitychange', this.tick);
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
    window.removeEventListener('focus', this.tick);
    document.removeEventListener('visibilitychange', this.tick);
    this.onChange = null;
  }

  // A hidden tab does not poll; it catches up when it becomes visible or gets focus.
  private readonly tick = (): void => {
    if (document.visibilityState === 'hidden') return;
    this.onChange?.();
  };
}
