import { describe, expect, it } from 'vitest';
import { expectAgreement } from '../../simnet/agreement';
import { profileLimit, profileLimitWithLoss } from '../../simnet/profile-limit';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import { mixGame } from '../../simnet/test-games';

// The first 600 frames (10 s) are the warm-up: the delay starts at 3 and the pings need a few
// seconds to measure a link; the stall budget is counted over the 10,000 frames after it.
const WARM_UP = 600;
const FRAMES = 10_000;

/**
 * The delay each profile must settle at: the limit as issue #12 defines it (the latency frames,
 * plus one where the profile loses packets), except bad Wi-Fi. There the least delay that keeps
 * under 1 stall per 1000 frames is one more (limit + 2 = 7): with a fixed 6 frames the same seeds
 * stall 1.1, 1.6 and 2.6 times per 1000 frames at 2, 4 and 8 peers (its 5 % reordering holds
 * packets back 15 to 60 ms, as good as lost for a deadline; the test below pins it at 8 peers).
 */
const target = (name: string): number => profileLimitWithLoss(PROFILES[name]!) + (name === 'bad-wifi' ? 1 : 0);

const cases = ['clean', 'lan', 'wifi', 'bad-wifi'].flatMap((name) => [2, 4, 8].map((peers) => [name, peers] as const));

const run = (name: string, peers: number, options = {}) =>
  runMatch({ peers, frames: WARM_UP + FRAMES, seed: 77 + peers, profile: PROFILES[name]!, setup: { slots: peers, seed: 1 }, gameFor: () => mixGame, statsAtFrame: WARM_UP, options });

describe('the input delay at the physical limit', () => {
  it.each(cases)('on %s with %i peers: the limit (plus a frame where it loses packets), at most 1 stall per 1000 frames, every peer agreeing', (name, peers) => {
    const outcome = run(name, peers);
    const delays = outcome.peers.map((p) => p.engine.stats().delay);
    expect(new Set(delays).size).toBe(1);
    expect(delays[0]).toBe(target(name));
    for (const peer of outcome.peers) {
      expect(peer.engine.frame()).toBe(WARM_UP + FRAMES);
      expect(peer.engine.stats().stalls - peer.statsAtFrame!.stalls).toBeLessThanOrEqual(FRAMES / 1000);
    }
    expectAgreement(outcome, Math.floor((WARM_UP + FRAMES) / 30));
  });

  it('cannot go lower on bad Wi-Fi: a fixed limit + 1 (6 frames) stalls more than once per 1000 frames with 8 peers', () => {
    const outcome = run('bad-wifi', 8, { adaptDelay: false, initialDelay: profileLimitWithLoss(PROFILES['bad-wifi']!) });
    const stalls = Math.max(...outcome.peers.map((p) => p.engine.stats().stalls - p.statsAtFrame!.stalls));
    expect(stalls).toBeGreaterThan(FRAMES / 1000);
  });

  it('puts the limits of the profiles where the formula does: 2 frames on clean, LAN and Wi-Fi, 5 on bad Wi-Fi; 3 and 6 with the loss frame', () => {
    const names = ['clean', 'lan', 'wifi', 'bad-wifi'];
    expect(names.map((name) => profileLimit(PROFILES[name]!))).toEqual([2, 2, 2, 5]);
    expect(names.map((name) => profileLimitWithLoss(PROFILES[name]!))).toEqual([2, 3, 3, 6]);
  });
});
