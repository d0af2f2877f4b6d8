import { describe, expect, it } from 'vitest';
import { stateHash } from '../../../game/sim/hash';
import { initialState } from '../../../game/sim/initial-state';
import { leave } from '../../../game/sim/leave';
import { seedRng, randInt } from '../../../game/sim/prng';
import { step } from '../../../game/sim/step';
import type { SimState } from '../../../game/sim/types';

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));

function play(seed: number, n: number, frames: number, inputSeed: number): number[] {
  const rng = { state: seedRng(inputSeed) };
  let s = initialState({ seed, players: players(n) });
  const hashes: number[] = [];
  for (let f = 0; f < frames; f++) {
    s = step(s, s.tanks.map(() => randInt(rng, 32)));
    if (f % 60 === 0) hashes.push(stateHash(s));
  }
  return hashes;
}

describe('determinism', () => {
  it('gives the same hash sequence for the same seed and inputs', () => {
    expect(play(11, 4, 1500, 5)).toEqual(play(11, 4, 1500, 5));
  });

  it('gives a different sequence for another seed or other inputs', () => {
    const base = play(11, 4, 600, 5);
    expect(play(12, 4, 600, 5)).not.toEqual(base);
    expect(play(11, 4, 600, 6)).not.toEqual(base);
  });

  it('survives a JSON round trip: a cloned state hashes the same and plays on identically', () => {
    let a = initialState({ seed: 5, players: players(3) });
    for (let f = 0; f < 200; f++) a = step(a, [f % 32, (f * 3) % 32, (f * 5) % 32]);
    let b = JSON.parse(JSON.stringify(a)) as SimState;
    expect(stateHash(b)).toBe(stateHash(a));
    for (let f = 0; f < 300; f++) {
      const inputs = [(f * 7) % 32, (f * 11) % 32, (f * 13) % 32];
      a = step(a, inputs);
      b = step(b, inputs);
    }
    expect(stateHash(b)).toBe(stateHash(a));
    expect(b).toEqual(a);
  });

  it('pins known hashes, so any change to the rules is seen (update on purpose)', () => {
    expect(stateHash(initialState({ seed: 1, players: players(2) }))).toMatchInlineSnapshot(`1261418598`);
  });
});

describe('stateHash', () => {
  const s = (() => {
    let st = initialState({ seed: 9, players: players(3) });
    // Run until a frame has both shells in flight and events (a shot just fired).
    for (let f = 0; f < 100 && !(st.shells.length > 0 && st.events.length > 0 && f > 10); f++) {
      st = step(st, f % 2 === 0 ? [16 | 1, 16 | 4, 16 | 8] : [1, 4, 8]);
    }
    return st;
  })();

  it('is a uint32', () => {
    const h = stateHash(s);
    expect(h >>> 0).toBe(h);
  });

  it('changes when any single field changes', () => {
    const h = stateHash(s);
    const variants: SimState[] = [
      { ...s, frame: s.frame + 1 }, { ...s, rng: s.rng ^ 1 }, { ...s, phase: 'round-over' },
      { ...s, phaseFrames: 1 }, { ...s, round: 2 }, { ...s, targetScore: 6 }, { ...s, winner: 1 },
      { ...s, roundWinner: 2 }, { ...s, nextShellId: s.nextShellId + 1 }, { ...s, scores: [0, 0, 1] },
      { ...s, maze: { ...s.maze, east: s.maze.east.map((v, i) => (i === 3 ? 1 - v : v)) } },
      { ...s, maze: { ...s.maze, south: s.maze.south.map((v, i) => (i === 5 ? 1 - v : v)) } },
      { ...s, events: [] }, { ...s, shells: s.shells.slice(1) },
    ];
    for (const key of ['x', 'y', 'angle', 'alive', 'present', 'cooldown', 'fireHeld', 'slot'] as const) {
      const t = s.tanks[1]!;
      const changed = typeof t[key] === 'boolean' ? !t[key] : (t[key] as number) + 1;
      variants.push({ ...s, tanks: s.tanks.map((x, i) => (i === 1 ? { ...x, [key]: changed } : x)) });
    }
    for (const key of ['id', 'owner', 'x', 'y', 'vx', 'vy', 'age'] as const) {
      variants.push({ ...s, shells: s.shells.map((x, i) => (i === 0 ? { ...x, [key]: x[key] + 1 } : x)) });
    }
    expect(s.shells.length).toBeGreaterThan(0);
    expect(s.events.length).toBeGreaterThan(0);
    for (const v of variants) expect(stateHash(v)).not.toBe(h);
  });

  it('does not depend on object key order', () => {
    const reordered = JSON.parse(JSON.stringify(s, Object.keys(s).reverse())) as SimState;
    expect(stateHash({ ...reordered, ...s })).toBe(stateHash(s));
  });
});

describe('immutability', () => {
  it('leaves the previous state untouched (immer autofreeze catches mutation)', () => {
    let s = initialState({ seed: 4, players: players(4) });
    const snapshots: string[] = [];
    const states: SimState[] = [];
    for (let f = 0; f < 300; f++) {
      states.push(s);
      snapshots.push(JSON.stringify(s));
      s = step(s, [17, 21, 25, 18]);
    }
    s = leave(s, 2);
    states.forEach((st, i) => expect(JSON.stringify(st)).toBe(snapshots[i]));
    expect(Object.isFrozen(s.tanks[0])).toBe(true);
  });

  it('shares the unchanged maze with the previous frame', () => {
    const s = initialState({ seed: 4, players: players(2) });
    expect(step(s, [1, 1]).maze).toBe(s.maze);
  });
});
