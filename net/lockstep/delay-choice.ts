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
 *   makes the input wait for the next one, a frame later. With k more frames an input has k + 1
 *   packets to arrive in, and a stall needs all of them lost: about links x q^(k+1) stalls a
 *   frame for a one-way loss q (half the pings' round-trip loss, pooled over the live links).
 *   k is the smallest that keeps this at most LOSS_BUDGET (one stall per thousand frames).
 * A vote below the delay in force must also hold with HYSTERESIS_MS more reach and half the
 * loss budget: near a frame boundary, or with one ping lost more or less in the window, the vote
 * would otherwise flip every vote interval, and each change repeats or drops inputs.
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
/** Most frames loss may add: past this the network is broken, and maxDelay caps the vote anyway. */
const MAX_LOSS_FRAMES = 6;

/** The latest one-way arrival of a link's packets that the delay covers (ms). */
export function oneWayReachMs(link: LinkFigures): number {
  return link.medianRttMs / 2 + JITTER_COVER * link.jitterMs;
}

/** Frames for the trip and the phase: ceil((RTT/2 + jitter + 1 frame) / 1 frame). */
export function latencyFrames(reachMs: number, marginMs = 0): number {
  // A hair below a whole frame stays that frame: float noise must not add one.
  return Math.ceil((reachMs + marginMs + FRAME_MS) / FRAME_MS - 1e-9);
}

/** Extra frames so that `links` links, each losing a share `oneWayLoss` of packets, stall rarely enough. */
export function lossFrames(oneWayLoss: number, links: number, budget = LOSS_BUDGET): number {
  if (oneWayLoss <= 0 || links <= 0) return 0;
  let k = 0;
  while (k < MAX_LOSS_FRAMES && links * oneWayLoss ** (k + 1) > budget) k += 1;
  return k;
}

/** The pooled one-way loss of `links`: lost pings over resolved pings, halved (a ping is a round trip). */
export function oneWayLoss(links: readonly LinkFigures[]): number {
  const resolved = links.reduce((sum, l) => sum + l.resolved, 0);
  if (resolved === 0) return 0;
  const lost = links.reduce((sum, l) => sum + l.lossRate * l.resolved, 0);
  return lost / resolved / 2;
}

/** The limit plus the loss frames for the live links' figures, unbounded; undefined before any link answered a ping. */
export function chooseDelay(links: readonly LinkFigures[], marginMs = 0, lossBudget = LOSS_BUDGET): number | undefined {
  if (links.length === 0) return undefined;
  const reach = Math.max(...links.map(oneWayReachMs));
  return latencyFrames(reach, marginMs) + lossFrames(oneWayLoss(links), links.length, lossBudget);
}

/** The vote, given the delay in force: lower only if the measurements are clearly lower (see above). */
export function voteDelay(links: readonly LinkFigures[], current: number, marginMs = 0): number | undefined {
  const vote = chooseDelay(links, marginMs);
  if (vote === undefined || vote >= current) return vote;
  return Math.min(current, chooseDelay(links, marginMs + HYSTERESIS_MS, LOSS_BUDGET / 2) as number);
}
