/**
 * This peer's delay vote, from what it measured on its links (rtt-tracker.ts): the smallest input
 * delay that keeps stalls under about one per thousand frames.
 *
 * An input for frame f + d leaves at this peer's poll of frame f and must be at every peer before
 * that peer steps frame f + d, d frames later on its own clock. Three things eat those d frames:
 * - the one-way trip, at its latest: RTT/2 (the samples' median, halved) plus the jitter
 *   (JITTER_COVER mean absolute deviations of the samples: the latest arrival of a uniform spread
 *   sits 1.5 deviations past the centre);
 * - one frame for the phase: the peers' 60 Hz ticks are not aligned, so the receiver may step
 *   up to a frame earlier than the sender;
 * so the limit is ceil((RTT/2 + jitter + 16.7 ms) / 16.7 ms) frames. On top of it come
 * - the frames that loss costs: every packet repeats the unacknowledged inputs, so a lost packet
 *   makes the input wait for the next one, a frame later, and a stall needs every packet that
 *   could still arrive in time to miss. Which ones can is a matter of slack: packet j leaves j
 *   frames after the input and has (d - j) frames, less the receiver's lead (-1..1 frame), for a
 *   trip spread uniformly over RTT/2 +- 1.5 deviations; one that arrives within the slack of the
 *   ceil above needs no whole extra frame. A packet misses if lost or late (missChance), and a
 *   miss share q counts lost pings and stragglers (missShare). The stalls a frame are the larger
 *   of the links' misses averaged over the lead (many links: their leads spread) and the worst
 *   link at the worst lead (one link may have it); d is the smallest that keeps this at most
 *   LOSS_BUDGET (one stall per thousand frames). This counts the spare time that the old
 *   "links x q^(k+1)" ignored: on Wi-Fi most second packets still make it.
 * A vote below the delay in force must also hold with HYSTERESIS_MS more reach and
 * HYSTERESIS_BUDGET of the loss budget: near a frame boundary, or with the loss estimate a little
 * off, the vote would otherwise flip every vote interval, and each change repeats or drops inputs.
 * The loss figures have a long memory (rtt-tracker.ts), so one lost ping on a LAN raises the
 * delay for good instead of for the 30 s it stays in the recent window.
 * The vote is then bounded (and the agreed delay is the median of the live peers' votes,
 * bounded again: see advance.ts), so no single peer's measurements decide alone.
 */
import { FRAME_MS } from './engine-types';
import type { LinkFigures } from './peers';

/** Deviations past the median RTT/2 that the delay covers. */
export const JITTER_COVER = 1.5;
/** Stalls per frame that loss may cost: the target of one per thousand frames. */
export const LOSS_BUDGET = 0.001;
/** How much clearer than the threshold a measurement must be to lower the delay (see above). */
export const HYSTERESIS_MS = 4;
/** ... and this share of the loss budget (the loss figures are long-memory now, so they move slowly). */
export const HYSTERESIS_BUDGET = 0.7;
/** Most frames loss may add: past this the network is broken, and maxDelay caps the vote anyway. */
const MAX_LOSS_FRAMES = 6;
/** Steps of the phase average (see `missChance`). */
const PHASE_STEPS = 16;

/** The latest one-way arrival of a link's packets that the delay covers (ms). */
export function oneWayReachMs(link: LinkFigures): number {
  return link.medianRttMs / 2 + JITTER_COVER * link.jitterMs;
}

/** Frames for the trip and the phase: ceil((RTT/2 + jitter + 1 frame) / 1 frame). */
export function latencyFrames(reachMs: number, marginMs = 0): number {
  // A hair below a whole frame stays that frame: float noise must not add one.
  return Math.ceil((reachMs + marginMs + FRAME_MS) / FRAME_MS - 1e-9);
}

/**
 * The one-way share of packets that miss, pooled over `links`: half of what missed a round trip
 * (two chances to miss), that is the pings lost (the worse of the recent and the long-memory
 * share, so that a rare loss is not forgotten 30 s after its one lost ping) and the stragglers
 * (late past the spread the jitter describes: as good as lost for a deadline).
 */
export function missShare(links: readonly LinkFigures[]): number {
  const pooled = (rate: (l: LinkFigures) => number, weight: (l: LinkFigures) => number): number => {
    const total = links.reduce((sum, l) => sum + weight(l), 0);
    return total === 0 ? 0 : links.reduce((sum, l) => sum + rate(l) * weight(l), 0) / total;
  };
  const recent = pooled((l) => l.lossRate, (l) => l.resolved);
  const long = pooled((l) => l.longLoss ?? l.lossRate, (l) => l.longResolved ?? l.resolved);
  const stragglers = pooled((l) => l.stragglers ?? 0, () => 1);
  return Math.min(1, (Math.max(recent, long) + stragglers) / 2);
}

/** Share of a uniform spread of trips over [lo, hi] that arrives after `deadlineMs`. */
function lateShare(lo: number, hi: number, deadlineMs: number): number {
  if (deadlineMs >= hi) return 0;
  if (deadlineMs < lo || hi <= lo) return 1;
  return (hi - deadlineMs) / (hi - lo);
}

/**
 * The chance that an input misses its frame on `link` with `delay` frames, when the receiver's
 * tick leads the sender's by `leadMs` (-1..1 frame): the packets sent j = 0, 1, ... frames after
 * it all carry it, and packet j has (delay - j) frames minus the lead to arrive; it misses if
 * lost (`miss`) or if its trip, uniform over RTT/2 ± JITTER_COVER deviations, is longer.
 */
export function missChance(link: LinkFigures, miss: number, delay: number, leadMs: number, marginMs = 0): number {
  const centre = link.medianRttMs / 2 + marginMs;
  const half = JITTER_COVER * link.jitterMs;
  let chance = 1;
  for (let j = 0; j < delay && chance > 0; j++) {
    chance *= miss + (1 - miss) * lateShare(Math.max(0, centre - half), centre + half, (delay - j) * FRAME_MS - leadMs);
  }
  return chance;
}

/**
 * Stalls per frame that `links` cost with `delay` frames. A link's lead is fixed but unknown:
 * each of many links stands for the average over leads (two uniform phases: a triangle over
 * -1..1 frame), and a single link may have the worst one (a whole frame), so the larger of the
 * sum of the averages and the worst link at the worst lead.
 */
export function stallRate(links: readonly LinkFigures[], miss: number, delay: number, marginMs = 0): number {
  let average = 0;
  let worst = 0;
  for (const link of links) {
    let sum = 0;
    let weights = 0;
    for (let i = 0; i < PHASE_STEPS; i++) {
      const lead = FRAME_MS * ((2 * (i + 0.5)) / PHASE_STEPS - 1);
      const weight = FRAME_MS - Math.abs(lead);
      sum += weight * missChance(link, miss, delay, lead, marginMs);
      weights += weight;
    }
    average += sum / weights;
    worst = Math.max(worst, missChance(link, miss, delay, FRAME_MS, marginMs));
  }
  return Math.max(average, worst);
}

/** The limit plus the frames loss needs, for the live links' figures, unbounded; undefined before any link answered a ping. */
export function chooseDelay(links: readonly LinkFigures[], marginMs = 0, lossBudget = LOSS_BUDGET): number | undefined {
  if (links.length === 0) return undefined;
  const limit = latencyFrames(Math.max(...links.map(oneWayReachMs)), marginMs);
  const miss = missShare(links);
  let delay = limit;
  while (delay < limit + MAX_LOSS_FRAMES && stallRate(links, miss, delay, marginMs) > lossBudget) delay += 1;
  return delay;
}

/** The vote, given the delay in force: lower only if the measurements are clearly lower (see above). */
export function voteDelay(links: readonly LinkFigures[], current: number, marginMs = 0): number | undefined {
  const vote = chooseDelay(links, marginMs);
  if (vote === undefined || vote >= current) return vote;
  return Math.min(current, chooseDelay(links, marginMs + HYSTERESIS_MS, LOSS_BUDGET * HYSTERESIS_BUDGET) as number);
}
