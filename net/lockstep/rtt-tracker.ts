/**
 * Round-trip times of one peer's link, and how many of its pings went unanswered. Samples are the
 * network's alone: the pinger stamps a pong when it arrives (the transport's `atMs`), not at the
 * next poll, and subtracts the time the ping waited at the other end (the pong's hold time).
 *
 * - `median` is the centre of the recent samples, so that a reordered or retransmitted
 *   straggler does not drag it (Wi-Fi has those); halved, the one-way latency the delay must cover.
 * - `jitter` is their mean absolute deviation from that centre: the spread a delay must also cover
 *   (robust to one outlier, unlike a standard deviation; a p90 needs many more samples to settle).
 * - `lossRate` is the share of the recent pings that got no pong (a round trip: about twice the
 *   one-way loss); a ping counts as lost when it is forgotten unanswered (see peers.ts).
 * - `ewma` smooths for display; `p90` is kept for the overlay and older readers of the stats.
 */

const WINDOW = 32;
/** Ping outcomes remembered: at 4 pings a second, the last 30 s. */
const OUTCOME_WINDOW = 120;
const EWMA_WEIGHT = 0.125;

/** RTT samples and ping outcomes of one peer. */
export class RttTracker {
  private readonly samples: number[] = [];
  private readonly outcomes: boolean[] = [];
  private smoothed: number | undefined;

  /** Record one RTT sample (ms): a ping was answered. */
  add(rttMs: number): void {
    this.samples.push(rttMs);
    if (this.samples.length > WINDOW) this.samples.shift();
    this.smoothed = this.smoothed === undefined ? rttMs : this.smoothed + EWMA_WEIGHT * (rttMs - this.smoothed);
    this.record(true);
  }

  /** A ping got no answer in time. */
  lost(): void {
    this.record(false);
  }

  /** The EWMA, or undefined before the first sample. */
  get ewma(): number | undefined {
    return this.smoothed;
  }

  /** The centre (median) of the recent samples, or undefined before the first sample. */
  get median(): number | undefined {
    const n = this.samples.length;
    if (n === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  }

  /** The mean absolute deviation of the recent samples from their centre (ms), or undefined. */
  get jitter(): number | undefined {
    const centre = this.median;
    if (centre === undefined) return undefined;
    return this.samples.reduce((sum, x) => sum + Math.abs(x - centre), 0) / this.samples.length;
  }

  /** The 90th percentile of the recent samples, or undefined before the first sample. */
  get p90(): number | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
  }

  /** Unanswered pings over resolved pings, recently (0 before any). */
  get lossRate(): number {
    if (this.outcomes.length === 0) return 0;
    return this.outcomes.filter((answered) => !answered).length / this.outcomes.length;
  }

  /** How many recent pings were resolved (answered or lost): the weight of `lossRate`. */
  get resolved(): number {
    return this.outcomes.length;
  }

  private record(answered: boolean): void {
    this.outcomes.push(answered);
    if (this.outcomes.length > OUTCOME_WINDOW) this.outcomes.shift();
  }
}
