import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../../../net/lockstep/engine-types';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type MatchPlan, type PeerOutcome } from '../../simnet/run-match';
import { mixGame, type MixSetup, type MixState } from '../../simnet/test-games';

type Ev<T extends LockstepEvent['type']> = Extract<LockstepEvent, { type: T }>;
const eventsOf = <T extends LockstepEvent['type']>(peer: PeerOutcome<unknown>, type: T): Ev<T>[] => peer.events.filter((e): e is Ev<T> => e.type === type);

/** The largest lag (frames its clock asked for minus frames stepped) of each peer, and when the others were last far from `peer`. */
function watch(peers: number) {
  const worstLag = Array.from({ length: peers }, () => 0);
  const frames: number[][] = Array.from({ length: peers }, () => []);
  return {
    worstLag,
    frames,
    onTick: (peer: number, engine: { frame(): number }, target: number) => {
      worstLag[peer] = Math.max(worstLag[peer] as number, target - engine.frame());
      (frames[peer] as number[]).push(engine.frame());
    },
  };
}

const base = (profile: string, seed: number): MatchPlan<MixState, MixSetup> => ({
  peers: 3, frames: 2400, seed, profile: PROFILES[profile]!, setup: { slots: 3, seed }, gameFor: () => mixGame,
});

describe('away and back', () => {
  it.each(['clean', 'lan', 'wifi', 'bad-wifi'])('a page frozen for 10 s over %s is away, then back and caught up; all agree', (profile) => {
    const w = watch(3);
    const outcome = runMatch({ ...base(profile, 31), freezes: [{ peer: 2, fromMs: 10_000, toMs: 20_000 }], onTick: w.onTick });
    for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(2400);
    const aways = outcome.peers.map((p) => eventsOf(p, 'peer-away').find((e) => e.peer === 'p2')?.frame);
    const backs = outcome.peers.map((p) => eventsOf(p, 'peer-back').find((e) => e.peer === 'p2')?.frame);
    expect(new Set(aways).size, `away frames ${aways.join()}`).toBe(1);
    expect(new Set(backs).size, `back frames ${backs.join()}`).toBe(1);
    expect(aways[0]).toBeGreaterThan(590);
    expect(backs[0]).toBeGreaterThan(1200);
    // The others stall about the silence threshold (1 s = 60 frames) and the agreement, no more.
    expect(w.worstLag[0]).toBeLessThan(110);
    expect(w.worstLag[1]).toBeLessThan(110);
    for (const peer of outcome.peers) expect(peer.events.filter((e) => e.type.startsWith('peer-drop'))).toEqual([]);
    expectAgreement(outcome, 80);
  });
});
