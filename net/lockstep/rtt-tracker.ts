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
 * - `longLoss` / `longResolved` are the same share over a long memory (counts halved once they pass
 *   LONG_OUTCOMES, about 10 minutes of pings): a loss of 0.1 % shows as one lost ping now and then,
 *   which moves a 120-ping share for 30 s and then vanishes; the delay vote needs the rate.
 * - `stragglers` is the share of the samples beyond the spread that `jitter` describes (more than
 *   3 deviations, and 2 ms, past the centre: where a uniform spread of one-way trips ends): reordered or
 *   held-back packets, which arrive too late to count and are not lost either.
 * - `ewma` smooths for display; `p90` is kept for the overlay and older readers of the stats.
 */

const WINDOW = 32;
/** Ping outcomes remembered: at 4 pings a second, the last 30 s. */
const OUTCOME_WINDOW = 120;
const EWMA_WEIGHT = 0.125;
/** Resolved pings past which the long counts are halved: at 4 a second, about 10 minutes. */
const LONG_OUTCOMES = 2400;
/**
 * Deviations past the centre beyond which a sample straggles (see `stragglers`): a uniform spread
 * of one-way trips ends 3 deviations of the RTT past the centre; a third more leaves room for a
 * deviation measured from 32 samples, so that the spread's own tail is not counted.
 */
const STRAGGLER_DEVIATIONS = 4;
const MIN_SAMPLES_TO_JUDGE = 16;
/** But at least this far past it (ms): below, it is clock and rounding noise, not a held packet. */
const STRAGGLER_MIN_MS = 2;

/** RTT samples and ping outcomes of one peer. */
export class RttTracker {
  private readonly samples: number[] = [];
  private readonly outcomes: boolean[] = [];
  private smoothed: number | undefined;
  private longLost = 0;
  private longCount = 0;
  private longStragglers = 0;
  private longSamples = 0;

  /** Record one RTT sample (ms): a ping was answered. */
  add(rttMs: number): void {
    this.countStraggler(rttMs);
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

  /** Unanswered pings over resolved pings, over the long memory (0 before any). */
  get longLoss(): number {
    return this.longCount === 0 ? 0 : this.longLost / this.longCount;
  }

  /** The weight of `longLoss` (halved with it, so not a whole number). */
  get longResolved(): number {
    return this.longCount;
  }

  /** The share of the samples that straggled (see above), over the long memory (0 before any). */
  get stragglers(): number {
    return this.longSamples === 0 ? 0 : this.longStragglers / this.longSamples;
  }

  /** How many recent pings were resolved (answered or lost): the weight of `lossRate`. */
  get resolved(): number {
    return this.outcomes.length;
  }

  /** Judged against the samples before it, once there are enough to say where the spread ends. */
  private countStraggler(rttMs: number): void {
    const centre = this.median;
    const jitter = this.jitter;
    if (centre === undefined || jitter === undefined || this.samples.length < MIN_SAMPLES_TO_JUDGE) return;
    this.longSamples += 1;
    if (rttMs > centre + Math.max(STRAGGLER_DEVIATIONS * jitter, STRAGGLER_MIN_MS)) this.longStragglers += 1;
    if (this.longSamples > LONG_OUTCOMES) {
      this.longSamples /= 2;
      this.longStragglers /= 2;
    }
  }

  private record(answered: boolean): void {
    this.outcomes.push(answered);
    if (this.outcomes.length > OUTCOME_WINDOW) this.outcomes.shift();
    this.longCount += 1;
    if (!answered) this.longLost += 1;
    if (this.longCount > LONG_OUTCOMES) {
      this.longCount /= 2;
      this.longLost /= 2;
    }
  }
}
