import { describe, expect, it } from 'vitest';
import { createLockstep } from '../../../net/lockstep/lockstep';
import { FRAME_MS, type LockstepEngine } from '../../../net/lockstep/engine-types';
import { HYSTERESIS_MS, chooseDelay, latencyFrames, missChance, missShare, stallRate, voteDelay } from '../../../net/lockstep/delay-choice';
import { RttTracker } from '../../../net/lockstep/rtt-tracker';
import type { LinkFigures } from '../../../net/lockstep/peers';
import type { Transport } from '../../../net/lockstep/transport';
import { encodeEngine } from '../../../net/protocol/engine-codec';
import { PROFILES, type NetProfile } from '../../simnet/profiles';
import { profileRtt } from '../../simnet/profile-limit';
import { createSimNetwork } from '../../simnet/sim-network';
import { mixGame, type MixState } from '../../simnet/test-games';

/**
 * Two peers polling at `hz` on the virtual clock, peer 1 a third of a poll behind peer 0 (so a
 * ping always waits at the other end before its pong), for `seconds`. Returns peer 0's engine.
 */
function measure(profile: NetProfile, hz: number, seconds = 20, wrap = (t: Transport): Transport => t): LockstepEngine<MixState> {
  const net = createSimNetwork(2, profile, 5);
  const engines = [0, 1].map((i) =>
    createLockstep({ game: mixGame, transport: i === 0 ? net.transport(0) : wrap(net.transport(1)), setup: { slots: 2, seed: 1 }, slotOwners: net.peers, localSlots: [i] }),
  );
  const period = 1000 / hz;
  const next = [0, period / 3];
  while (Math.min(...next) < seconds * 1000) {
    const i = next[0]! <= next[1]! ? 0 : 1;
    const t = next[i]!;
    net.advanceTo(t);
    const engine = engines[i]!;
    engine.poll(t);
    while (engine.frame() < Math.floor(t / FRAME_MS) && engine.advance(t).kind === 'advanced');
    next[i] = t + period;
  }
  return engines[0]!;
}

describe('RTT measured on the simulated network', () => {
  it.each([60, 240])('is the link\'s exact round trip on a jitter-free link, polled at %i Hz (not the poll period)', (hz) => {
    const profile: NetProfile = { ...PROFILES.clean!, name: 'fixed-3ms', latencyMs: 3 };
    const stats = measure(profile, hz).stats();
    // Exact but for the hold time, which travels in whole microseconds.
    expect(stats.rttMedianByPeer.p1).toBeCloseTo(6, 2);
    expect(stats.rttByPeer.p1).toBeCloseTo(6, 2);
    expect(stats.jitterByPeer.p1).toBeCloseTo(0, 6);
    expect(stats.pingLossByPeer.p1).toBe(0);
  });

  it('reads a 0.4 ms LAN round trip as 0.4 ms, where a poll-time stamp read 17 to 33', () => {
    expect(measure(PROFILES.clean!, 60).stats().rttMedianByPeer.p1).toBeCloseTo(0.4, 2);
  });

  it.each(['lan', 'wifi'])('on %s, is within 15 percent of the configured RTT, and the same (within 20 percent) at 60 and 240 Hz', (name) => {
    const profile = PROFILES[name]!;
    const at60 = measure(profile, 60, 30).stats();
    const at240 = measure(profile, 240, 30).stats();
    for (const stats of [at60, at240]) expect(Math.abs(stats.rttMedianByPeer.p1! - profileRtt(profile))).toBeLessThan(0.15 * profileRtt(profile));
    expect(Math.abs(at60.rttMedianByPeer.p1! - at240.rttMedianByPeer.p1!)).toBeLessThan(0.2 * profileRtt(profile));
  });

  it('measures the jitter as the spread of the samples: a third of the one-way spread for two uniform legs', () => {
    const profile: NetProfile = { ...PROFILES.clean!, name: 'spread-12', latencyMs: 5, jitterMs: 12 };
    const jitter = measure(profile, 60, 60).stats().jitterByPeer.p1!;
    expect(jitter).toBeGreaterThan(12 / 3 - 1.2);
    expect(jitter).toBeLessThan(12 / 3 + 1.2);
  });

  it('counts lost pings: about twice the one-way loss', () => {
    const profile: NetProfile = { ...PROFILES.clean!, name: 'lossy-10', latencyMs: 2, loss: 0.1 };
    const loss = measure(profile, 60, 40).stats().pingLossByPeer.p1!;
    expect(loss).toBeGreaterThan(0.1);
    expect(loss).toBeLessThan(0.32);
  });

  it('refuses pongs that claim a hold longer than the round trip, and keeps measuring the honest ones', () => {
    // Peer 1 answers every ping twice: first with a lie (a 9 s hold), then honestly.
    const liar = (t: Transport): Transport => ({
      ...t,
      send(to, data, channel) {
        if (data[1] === 9) t.send(to, encodeEngine({ kind: 'pong', time: new DataView(data.buffer, data.byteOffset + 2, 4).getUint32(0, true), holdUs: 9_000_000 }), channel);
        t.send(to, data, channel);
      },
    });
    const stats = measure({ ...PROFILES.clean!, latencyMs: 3 }, 60, 10, liar).stats();
    expect(stats.rejected.invalid).toBeGreaterThan(30);
    expect(stats.rttMedianByPeer.p1).toBeCloseTo(6, 2);
  });
});

const link = (medianRttMs: number, jitterMs = 0, lossRate = 0, resolved = 100): LinkFigures => ({ medianRttMs, jitterMs, lossRate, resolved });

describe('the delay vote (delay-choice.ts)', () => {
  it('is ceil((RTT/2 + 1.5 x jitter + 1 frame) / 1 frame) with no loss, for the worst live link', () => {
    expect(latencyFrames(FRAME_MS)).toBe(2);
    expect(chooseDelay([link(0.4)])).toBe(2);
    expect(chooseDelay([link(26, 2)])).toBe(2); // 13 + 3 + 16.7 = 32.7 ms: 1.96 frames
    expect(chooseDelay([link(30, 2)])).toBe(3); // 15 + 3 + 16.7 = 34.7 ms: 2.08 frames
    expect(chooseDelay([link(0.4), link(30, 2)])).toBe(3);
    expect(chooseDelay([])).toBeUndefined();
  });

  it('adds the frames loss needs: a stall needs every packet that could still arrive in time to miss', () => {
    // 0.4 ms round trip: at 2 frames, only the first packet can make it at the worst lead.
    expect(missChance(link(0.4), 0.01, 2, FRAME_MS)).toBeCloseTo(0.01, 6);
    expect(missChance(link(0.4), 0.01, 3, FRAME_MS)).toBeCloseTo(0.0001, 8);
    // Wi-Fi-like, 16 ms RTT and 2.7 ms jitter: at 3 frames the third packet is too late at the
    // worst lead, but in time at a middling one, so the average over leads is well under q^2.
    const wifi = link(16, 2.7);
    expect(missChance(wifi, 0.015, 3, FRAME_MS)).toBeCloseTo(0.015 ** 2, 8);
    expect(stallRate([wifi], 0.015, 3)).toBeCloseTo(0.015 ** 2, 8); // one link: the worst lead decides
    const seven = Array.from({ length: 7 }, () => wifi);
    expect(stallRate(seven, 0.015, 3)).toBeLessThan(7 * 0.015 ** 2 * 0.3);
    expect(chooseDelay(seven.map((l) => ({ ...l, lossRate: 0.03 })))).toBe(3); // the old model: 4
    expect(chooseDelay([link(0.4)])).toBe(2);
    expect(chooseDelay([link(0.4, 0, 0.002)])).toBe(2); // 1/1000 one way, one link: at the budget
    expect(chooseDelay([link(0.4, 0, 0.004)])).toBe(3);
    // Bad Wi-Fi as measured: 70 ms RTT, 15 ms jitter, 17 % of pings lost and 3 % of samples
    // straggling: two frames over its 5-frame latency; with less loss and fewer stragglers, one.
    const bad = { ...link(70, 15, 0.17), stragglers: 0.03 };
    expect(chooseDelay([bad])).toBe(7);
    expect(chooseDelay([{ ...bad, lossRate: 0.15, stragglers: 0.02 }])).toBe(6);
    expect(chooseDelay(Array.from({ length: 7 }, () => bad))).toBe(7);
  });

  it('pools the miss share: half the round-trip loss (the worse of recent and long memory) and stragglers', () => {
    expect(missShare([link(1, 0, 0.02)])).toBeCloseTo(0.01, 9);
    expect(missShare([{ ...link(1, 0, 0), longLoss: 0.004, longResolved: 500 }])).toBeCloseTo(0.002, 9);
    expect(missShare([{ ...link(1, 0, 0.01), stragglers: 0.02 }])).toBeCloseTo(0.015, 9);
    expect(missShare([link(1, 0, 0.04, 100), link(1, 0, 0, 300)])).toBeCloseTo(0.005, 9);
  });

  it('remembers a rare lost ping long after the recent window forgot it, and counts stragglers past the spread', () => {
    const tracker = new RttTracker();
    tracker.lost();
    for (let i = 0; i < 300; i++) tracker.add(10 + (i % 5));
    expect(tracker.lossRate).toBe(0); // 120 pings later the recent window forgot it
    expect(tracker.longLoss).toBeCloseTo(1 / 301, 9);
    expect(tracker.stragglers).toBe(0); // the spread itself never straggles
    for (let i = 0; i < 10; i++) tracker.add(60);
    expect(tracker.stragglers).toBeGreaterThan(0.02);
  });

  it('lowers the delay only when the measurements are clearly below the threshold, and raises it at once', () => {
    expect(HYSTERESIS_MS).toBeGreaterThan(0);
    expect(voteDelay([link(26, 2)], 3)).toBe(3); // 2 frames, but not with HYSTERESIS_MS more reach
    expect(voteDelay([link(10)], 3)).toBe(2);
    expect(voteDelay([link(40)], 2)).toBe(3);
    expect(voteDelay([link(0.4, 0, 0.0018)], 3)).toBe(3); // 0.0009 one way: under the budget, not under HYSTERESIS_BUDGET of it
    expect(voteDelay([link(0.4, 0, 0.001)], 3)).toBe(2);
    expect(voteDelay([], 3)).toBeUndefined();
  });
});
