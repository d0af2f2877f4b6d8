/**
 * The physical limit of a simulated profile's input delay, from its configured figures (what the
 * engine must find by measuring): see net/lockstep/delay-choice.ts for the formula.
 * On a profile, RTT/2 + jitter is the latest one-way arrival: `latencyMs + jitterMs` (the spread
 * is uniform in [0, jitterMs)), and the one-way loss is `loss`.
 */
import { latencyFrames } from '../../net/lockstep/delay-choice';
import type { NetProfile } from './profiles';

/** ceil((RTT/2 + jitter + 16.7 ms) / 16.7 ms) for `profile`. */
export function profileLimit(profile: NetProfile): number {
  return latencyFrames(profile.latencyMs + profile.jitterMs);
}

/**
 * The limit as issue #12 defines it: the latency frames, plus one frame where the profile loses
 * packets (a lost packet makes an input wait for the next one, a frame later).
 */
export function profileLimitWithLoss(profile: NetProfile): number {
  return profileLimit(profile) + (profile.loss > 0 ? 1 : 0);
}

/** The profile's configured mean RTT (ms): two latencies and two mean spreads. */
export function profileRtt(profile: NetProfile): number {
  return 2 * profile.latencyMs + profile.jitterMs;
}
