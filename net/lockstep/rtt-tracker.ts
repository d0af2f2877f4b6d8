/**
 * Round-trip times of one peer: an EWMA for display and the p90 of the recent samples, which is
 * what the delay adapts to (it covers jitter, where a mean would not).
 */

const WINDOW = 32;
const EWMA_WEIGHT = 0.125;

/** RTT samples of one peer. */
export class RttTracker {
  private readonly samples: number[] = [];
  private smoothed: number | undefined;

  /** Record one RTT sample (ms). */
  add(rttMs: number): void {
    this.samples.push(rttMs);
    if (this.samples.length > WINDOW) this.samples.shift();
    this.smoothed = this.smoothed === undefined ? rttMs : this.smoothed + EWMA_WEIGHT * (rttMs - this.smoothed);
  }

  /** The EWMA, or undefined before the first sample. */
  get ewma(): number | undefined {
    return this.smoothed;
  }

  /** The 90th percentile of the recent samples, or undefined before the first sample. */
  get p90(): number | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
  }
}
