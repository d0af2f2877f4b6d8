import { describe, expect, it } from 'vitest';
import { ricochetGame } from '../../../game/sim/index';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';

const players = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}` }));

describe('lockstep carrying the real Ricochet simulation', () => {
  it('8 peers agree on every checkpoint for 2,400 frames (40 s) of ricochetGame over bad wifi, with a crash', () => {
    const outcome = runMatch({
      peers: 8, frames: 2400, seed: 2024, profile: PROFILES['bad-wifi']!, setup: { seed: 99, players }, gameFor: () => ricochetGame,
      crashes: [{ peer: 6, atMs: 20_000 }],
    });
    const alive = outcome.peers.filter((p) => p.id !== 'p6');
    for (const peer of alive) expect(peer.engine.frame()).toBe(2400);
    expectAgreement(outcome, 80);
    const final = alive.map((p) => ricochetGame.hash(p.engine.state()));
    expect(new Set(final).size).toBe(1);
    expect(alive[0]!.engine.inputLog().leaves.map(([, slot]) => slot)).toEqual([6]);
  });

  it('the input log alone replays the match to the same checkpoints (what a replay file needs)', () => {
    const outcome = runMatch({
      peers: 3, frames: 1200, seed: 7, profile: PROFILES.wifi!, setup: { seed: 5, players: players.slice(0, 3) }, gameFor: () => ricochetGame,
      crashes: [{ peer: 1, atMs: 10_000 }],
    });
    const engine = outcome.peers[0]!.engine;
    const { inputs, leaves } = engine.inputLog();
    let state = ricochetGame.initialState({ seed: 5, players: players.slice(0, 3) });
    const replayed: [number, number][] = [];
    inputs.forEach((frameInputs, frame) => {
      for (const [at, slot] of leaves) if (at === frame) state = ricochetGame.leave(state, slot);
      state = ricochetGame.step(state, frameInputs);
      if ((frame + 1) % 30 === 0) replayed.push([frame + 1, ricochetGame.hash(state)]);
    });
    expect(leaves).toHaveLength(1);
    expect(replayed).toEqual(engine.checkpoints());
  });
});
