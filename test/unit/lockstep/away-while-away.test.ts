import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../../../net/lockstep/engine-types';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type MatchPlan, type PeerOutcome } from '../../simnet/run-match';
import { mixGame, type MixSetup, type MixState } from '../../simnet/test-games';

type Ev<T extends LockstepEvent['type']> = Extract<LockstepEvent, { type: T }>;
const eventsOf = <T extends LockstepEvent['type']>(peer: PeerOutcome<unknown>, type: T, about: string): Ev<T>[] =>
  peer.events.filter((e): e is Ev<T> => e.type === type && 'peer' in e && e.peer === about);

// Five peers, so that three still hear a majority while two are gone. p2's page freezes for 10 s;
// while it is away, p3 goes away too (its page freezes later) or leaves. The returning p2 must
// learn what the others agreed about p3 while it was gone, or it would wait for p3 at that frame.
const base = (seed: number): MatchPlan<MixState, MixSetup> => ({
  peers: 5, frames: 2400, seed, profile: PROFILES.wifi!, setup: { slots: 5, seed }, gameFor: () => mixGame,
});

describe('what a returning page missed', () => {
  it('a peer that went away while this one was away: the returning page learns its away frame and plays on', () => {
    const outcome = runMatch({ ...base(41), freezes: [{ peer: 2, fromMs: 10_000, toMs: 20_000 }, { peer: 3, fromMs: 13_000, toMs: 30_000 }] });
    for (const peer of outcome.peers) expect(peer.engine.frame(), peer.id).toBe(2400);
    const aways = outcome.peers.filter((p) => p.id !== 'p3').map((p) => eventsOf(p, 'peer-away', 'p3')[0]?.frame);
    expect(aways[0]).toBeGreaterThan(13 * 60);
    expect(new Set(aways).size, `p3's away frames ${aways.join()}`).toBe(1);
    const backs = outcome.peers.filter((p) => p.id !== 'p3').map((p) => eventsOf(p, 'peer-back', 'p3')[0]?.frame);
    expect(new Set(backs).size, `p3's back frames ${backs.join()}`).toBe(1);
    expect(backs[0]).toBeGreaterThan(30 * 60);
    for (const peer of outcome.peers) expect(peer.events.filter((e) => e.type.startsWith('peer-drop'))).toEqual([]);
    expectAgreement(outcome, 75);
  });

  it('a peer that left while this one was away: the returning page learns its drop frame and plays on', () => {
    const outcome = runMatch({ ...base(42), freezes: [{ peer: 2, fromMs: 10_000, toMs: 20_000 }], leaves: [{ peer: 3, atMs: 13_000 }] });
    const alive = outcome.peers.filter((p) => p.id !== 'p3');
    for (const peer of alive) expect(peer.engine.frame(), peer.id).toBe(2400);
    const drops = alive.map((p) => eventsOf(p, 'peer-dropped', 'p3')[0]?.frame);
    expect(drops[0]).toBeGreaterThanOrEqual(13 * 60);
    expect(new Set(drops).size, `p3's drop frames ${drops.join()}`).toBe(1);
    for (const peer of alive) expect(peer.engine.inputLog().leaves).toEqual(alive[0]!.engine.inputLog().leaves);
    expectAgreement({ ...outcome, peers: alive }, 75);
  });
});
