import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../../../net/lockstep/engine-types';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES, type NetProfile } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import { mixGame } from '../../simnet/test-games';

const slow = (latencyMs: number): NetProfile => ({ ...PROFILES.clean!, name: `slow-${latencyMs}`, latencyMs, jitterMs: 10 });
const delayChanges = (events: readonly LockstepEvent[]): LockstepEvent[] => events.filter((e) => e.type === 'delay-changed');

function run(profile: NetProfile, options = {}) {
  return runMatch({ peers: 4, frames: 1500, seed: 21, profile, setup: { slots: 4, seed: 1 }, gameFor: () => mixGame, options, driftPpm: 500 });
}

describe('adaptive input delay', () => {
  it('grows with the RTT (bounded by maxDelay), and every peer switches at the same frames to the same delay', () => {
    const outcome = run(slow(60));
    const delays = outcome.peers.map((p) => p.engine.stats().delay);
    // One-way 60-70 ms: half the p90 RTT plus the 20 ms margin is about 90 ms, i.e. 6 frames.
    expect(delays[0]).toBeGreaterThanOrEqual(5);
    expect(delays[0]).toBeLessThanOrEqual(7);
    const reference = delayChanges(outcome.peers[0]!.events);
    expect(reference.length).toBeGreaterThan(0);
    for (const peer of outcome.peers) expect(delayChanges(peer.events)).toEqual(reference);
    expectAgreement(outcome, 50);
  });

  it('is capped at maxDelay on a very slow network, and still agrees', () => {
    const outcome = run(slow(400), { maxDelay: 12 });
    for (const peer of outcome.peers) expect(peer.engine.stats().delay).toBe(12);
    expectAgreement(outcome, 50);
  });

  it('stays small on a fast LAN', () => {
    const outcome = run(PROFILES.lan!);
    for (const peer of outcome.peers) expect(peer.engine.stats().delay).toBeLessThanOrEqual(3);
    expect(outcome.peers[0]!.engine.stats().stalls).toBeLessThan(10);
  });

  it('keeps the initial delay when adaptation is off', () => {
    const outcome = run(slow(60), { adaptDelay: false, initialDelay: 4 });
    for (const peer of outcome.peers) {
      expect(peer.engine.stats().delay).toBe(4);
      expect(delayChanges(peer.events)).toEqual([]);
    }
  });

  it('gives every slot exactly one input per frame while the delay changes', () => {
    const outcome = run(slow(60));
    for (const peer of outcome.peers) {
      const log = peer.engine.inputLog().inputs;
      expect(log).toHaveLength(1500);
      expect(log.every((row) => row.length === 4)).toBe(true);
      expect(log).toEqual(outcome.peers[0]!.engine.inputLog().inputs);
    }
  });
});

describe('adaptive input delay when the network changes', () => {
  it('shrinks again when the RTT falls, with one input per slot per frame and every peer switching together', () => {
    const outcome = runMatch({
      peers: 4, frames: 2400, seed: 23, profile: slow(60), setup: { slots: 4, seed: 1 }, gameFor: () => mixGame, driftPpm: 500,
      schedule: [{ atMs: 20_000, run: (net) => net.setProfile(PROFILES.lan!) }],
    });
    const changes = delayChanges(outcome.peers[0]!.events).map((e) => (e.type === 'delay-changed' ? e.delay : 0));
    const peak = Math.max(...changes);
    expect(peak).toBeGreaterThanOrEqual(5);
    expect(changes[changes.length - 1]).toBeLessThan(peak);
    for (const peer of outcome.peers) {
      expect(delayChanges(peer.events)).toEqual(delayChanges(outcome.peers[0]!.events));
      expect(peer.engine.inputLog().inputs).toEqual(outcome.peers[0]!.engine.inputLog().inputs);
    }
    expectAgreement(outcome, 80);
  });
});
