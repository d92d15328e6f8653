/**
 * A one-line progress bar on stderr, redrawn at most ten times a second, and only when stderr is
 * a terminal (a log file or a pipe gets the summary alone).
 */
export class ProgressBar {
  private last = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(label: string, done: number, total: number, format: (n: number) => string = String): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(ratio * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    this.stream.write(`\r${label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${format(done)} / ${format(total)}\u001b[K`);
    this.drawn = true;
  }

  /** Ends the bar's line so the next output starts on a fresh one. */
  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
