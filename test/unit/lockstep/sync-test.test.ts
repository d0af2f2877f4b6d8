import { describe, expect, it } from 'vitest';
import { botInput } from '../../../game/bots/bot';
import { ricochetGame, type SimState } from '../../../game/sim/index';
import { createSyncTest, type SyncMismatch } from '../../../net/lockstep/sync-test';
import type { Game } from '../../../net/lockstep/game';
import { createPrng } from '../../simnet/prng';

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));

/** Plays `frames` frames, each slot driven by `inputFor`; the first mismatch, or null. */
function play<State, Setup>(
  game: Game<State, Setup>, setup: Setup, slots: number, frames: number, checkDistance: number,
  inputFor: (state: State, slot: number) => number,
): { mismatch: SyncMismatch | null; frame: number } {
  const test = createSyncTest(game, setup, checkDistance);
  for (let f = 0; f < frames; f++) {
    const state = test.state();
    const mismatch = test.advance(Array.from({ length: slots }, (_, slot) => inputFor(state, slot)));
    if (mismatch) return { mismatch, frame: test.frame() };
  }
  return { mismatch: null, frame: test.frame() };
}

describe('the sync test (roll back N frames on every frame, compare hashes)', () => {
  it('finds the real sim safe to roll back: 8 bots, 3,000 frames, 8 frames back every frame', () => {
    const result = play(ricochetGame, { seed: 31, players: players(8) }, 8, 3000, 8, (s: SimState, slot) => botInput(s, slot));
    expect(result).toEqual({ mismatch: null, frame: 3000 });
  });

  it('finds the real sim safe under random inputs at 2 frames back (the GGRS default)', () => {
    const rng = createPrng(5);
    const result = play(ricochetGame, { seed: 8, players: players(4) }, 4, 3000, 2, () => Math.floor(rng() * 32));
    expect(result.mismatch).toBeNull();
  });

  it('catches a step that keeps state outside the state (a module-level counter)', () => {
    let hidden = 0;
    const leaky: Game<{ n: number }, null> = {
      initialState: () => ({ n: 0 }),
      step: (s, inputs) => ({ n: s.n + (inputs[0] ?? 0) + (hidden++ % 3 === 0 ? 1 : 0) }),
      leave: (s) => s,
      hash: (s) => s.n >>> 0,
    };
    const result = play(leaky, null, 1, 100, 2, () => 1);
    expect(result.mismatch).not.toBeNull();
    expect(result.frame).toBeLessThanOrEqual(3);
  });

  it('catches a step that reads anything but its state and inputs (here, Math.random)', () => {
    const random: Game<{ n: number }, null> = {
      initialState: () => ({ n: 0 }),
      step: (s) => ({ n: s.n + (Math.random() < 0.5 ? 1 : 2) }),
      leave: (s) => s,
      hash: (s) => s.n >>> 0,
    };
    expect(play(random, null, 1, 200, 4, () => 0).mismatch).not.toBeNull();
  });

  it('refuses a check distance below one frame', () => {
    expect(() => createSyncTest(ricochetGame, { seed: 1, players: players(2) }, 0)).toThrow(/checkDistance/);
  });
});
