import { describe, expect, it } from 'vitest';
import { ricochetGame } from '../../game/sim/index';
import { expectAgreement } from '../simnet/agreement';
import { PROFILES } from '../simnet/profiles';
import { runMatch } from '../simnet/run-match';

const players = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}` }));

describe('lockstep carrying the real Ricochet simulation', () => {
  it('8 peers agree on every checkpoint for 3,000 frames of ricochetGame over bad wifi, with a crash', () => {
    const outcome = runMatch({
      peers: 8, frames: 3000, seed: 2024, profile: PROFILES['bad-wifi']!, setup: { seed: 99, players }, gameFor: () => ricochetGame,
      crashes: [{ peer: 6, atMs: 30_000 }],
    });
    const alive = outcome.peers.filter((p) => p.id !== 'p6');
    for (const peer of alive) expect(peer.engine.frame()).toBe(3000);
    expectAgreement(outcome, 100);
    const final = alive.map((p) => ricochetGame.hash(p.engine.state()));
    expect(new Set(final).size).toBe(1);
    expect(alive[0]!.engine.inputLog().leaves.map(([, slot]) => slot)).toEqual([6]);
  });
});
