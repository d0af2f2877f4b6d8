import { describe, expect, it } from 'vitest';
import { expectAgreement } from '../../simnet/agreement';
import { profileLimit, profileLossFrames } from '../../simnet/profile-limit';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import { mixGame } from '../../simnet/test-games';

// The first 600 frames (10 s) are the warm-up: the delay starts at 3 and the pings need a few
// seconds to measure a link; the stall budget is counted over the 10,000 frames after it.
const WARM_UP = 600;
const FRAMES = 10_000;

const cases = ['clean', 'lan', 'wifi', 'bad-wifi'].flatMap((name) => [2, 4, 8].map((peers) => [name, peers] as const));

describe('the input delay at the physical limit', () => {
  it.each(cases)('on %s with %i peers: the limit (plus what loss needs), at most 1 stall per 1000 frames, every peer agreeing', (name, peers) => {
    const profile = PROFILES[name]!;
    const outcome = runMatch({ peers, frames: WARM_UP + FRAMES, seed: 77 + peers, profile, setup: { slots: peers, seed: 1 }, gameFor: () => mixGame, statsAtFrame: WARM_UP });
    const limit = profileLimit(profile);
    const delays = outcome.peers.map((p) => p.engine.stats().delay);
    expect(new Set(delays).size).toBe(1);
    // Never under the limit; over it by the frames the configured loss needs (delay-choice.ts), give or take the
    // one frame that a loss estimate from a few hundred pings may be off by.
    expect(delays[0]).toBeGreaterThanOrEqual(limit);
    expect(delays[0]).toBeLessThanOrEqual(limit + profileLossFrames(profile, peers) + 1);
    if (profile.loss === 0) expect(delays[0]).toBe(limit);
    for (const peer of outcome.peers) {
      expect(peer.engine.frame()).toBe(WARM_UP + FRAMES);
      expect(peer.engine.stats().stalls - peer.statsAtFrame!.stalls).toBeLessThanOrEqual(FRAMES / 1000);
    }
    expectAgreement(outcome, Math.floor((WARM_UP + FRAMES) / 30));
  });

  it('puts the limits of the profiles where the formula does: 2 frames on clean, LAN and Wi-Fi, 5 on bad Wi-Fi', () => {
    expect(['clean', 'lan', 'wifi', 'bad-wifi'].map((name) => profileLimit(PROFILES[name]!))).toEqual([2, 2, 2, 5]);
  });
});
