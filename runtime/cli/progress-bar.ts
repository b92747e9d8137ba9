/**
 * A progress bar on stderr for dry runs longer than a second, and only on a
 * terminal: pipes and CI logs stay clean.
 */
export class ProgressBar {
  private readonly startedAt = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly from: number, private readonly to: number, private readonly stream = process.stderr) {}

  update(virtualNow: number): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.startedAt < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const share = Math.min(1, Math.max(0, (virtualNow - this.from) / Math.max(1, this.to - this.from)));
    const width = 30;
    const filled = Math.round(share * width);
    this.stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% simulated to ${new Date(virtualNow).toISOString().slice(0, 10)}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
  }
}
