import { describe, expect, it } from 'vitest';
import { ricochetGame, SCALE } from '../../../game/sim/index';
import type { SimState } from '../../../game/sim/types';
import { createTankSmoother } from '../../../game/view/correction';
import { tankPoses } from '../../../game/view/interpolate';

const state = ricochetGame.initialState({ seed: 3, players: [{ name: 'a' }, { name: 'b' }] });
const moved = (s: SimState, slot: number, dx: number): SimState => ({ ...s, tanks: s.tanks.map((t) => (t.slot === slot ? { ...t, x: t.x + dx * SCALE } : t)) });

describe('rollback correction smoothing', () => {
  it('a corrected tank starts where it was shown and glides to its true place in a few frames; the others do not move', () => {
    const smoother = createTankSmoother();
    smoother.corrected(moved(state, 1, 6), state);
    const truth = tankPoses(state, state, 1);
    const first = smoother.apply(truth);
    expect(first[1]!.x).toBeCloseTo(truth[1]!.x + 6);
    expect(first[0]).toEqual(truth[0]);
    const gaps: number[] = [];
    for (let i = 0; i < 20; i++) gaps.push(smoother.apply(truth)[1]!.x - truth[1]!.x);
    for (let i = 1; i < gaps.length; i++) expect(Math.abs(gaps[i]!)).toBeLessThanOrEqual(Math.abs(gaps[i - 1]!));
    expect(Math.abs(gaps[6]!)).toBeLessThan(1);
    expect(smoother.apply(truth)).toEqual(truth);
  });

  it('a jump too big to be a nudge (a respawn) snaps', () => {
    const smoother = createTankSmoother();
    smoother.corrected(moved(state, 0, 200), state);
    const truth = tankPoses(state, state, 1);
    expect(smoother.apply(truth)).toEqual(truth);
  });
});
