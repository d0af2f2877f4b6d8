import { describe, expect, it } from 'vitest';
import { botInput } from '../../../game/bots/index';
import { leave } from '../../../game/sim/leave';
import { decodeState, encodeState, initialState, sectionHashes, stateHash, step, type SimState } from '../../../game/sim/index';

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));

/** Bots play `frames` frames of a 4-player match (they fire a lot: shells fly, tanks die). */
function played(seed: number, frames: number): SimState {
  let s = initialState({ seed, players: players(4) });
  for (let f = 0; f < frames; f++) s = step(s, s.tanks.map((t) => botInput(s, t.slot, 'hard')));
  return s;
}

/** Steps both states on the same bot inputs (chosen from `a`) and compares every frame's hash. */
function stepBoth(a: SimState, b: SimState, frames: number): void {
  for (let f = 0; f < frames; f++) {
    const inputs = a.tanks.map((t) => botInput(a, t.slot, 'hard'));
    a = step(a, inputs);
    b = step(b, inputs);
    expect(stateHash(b), `frame ${a.frame}`).toBe(stateHash(a));
  }
}

const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('the state codec', () => {
  it.each([
    [3, 240],
    [8, 700],
    [21, 1500],
  ])('round-trips a mid-match state exactly (seed %i, frame %i): equal hash and sections, and 300 frames stepped from both agree', (seed, frames) => {
    const state = played(seed, frames);
    expect(state.shells.length).toBeGreaterThan(0);
    const decoded = decodeState(encodeState(state));
    expect(decoded).toEqual(state);
    expect(stateHash(decoded!)).toBe(stateHash(state));
    expect(sectionHashes(decoded!)).toEqual(sectionHashes(state));
    stepBoth(state, decoded!, 300);
  });

  it('round-trips a state after a leave and at the end of a round', () => {
    let state = leave(played(5, 400), 2);
    expect(decodeState(encodeState(state))).toEqual(state);
    for (let f = 0; f < 3000 && state.phase === 'playing'; f++) state = step(state, state.tanks.map((t) => botInput(state, t.slot, 'hard')));
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('is a few kB for a typical 4-player state (the README quotes it)', () => {
    const sizes = [200, 900, 1800].map((frames) => encodeState(played(13, frames)).length);
    console.log(`4-player state snapshot: ${sizes.join(', ')} bytes`);
    for (const size of sizes) expect(size).toBeLessThan(4000);
  });

  it('refuses bytes that hold no state the rules can step', () => {
    const state = played(3, 240);
    const plain = JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
    const hostile: [string, Uint8Array][] = [
      ['empty', new Uint8Array()],
      ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
      ['not JSON', bytesOf('x').subarray(1)],
      ['an array', bytesOf([state])],
      ['a missing field', bytesOf({ ...plain, rng: undefined })],
      ['an extra field', bytesOf({ ...plain, extra: 1 })],
      ['a fraction', bytesOf({ ...plain, rng: 0.5 })],
      ['a string for a number', bytesOf({ ...plain, frame: '12' })],
      ['an unknown phase', bytesOf({ ...plain, phase: 'paused' })],
      ['an unknown event', bytesOf({ ...plain, events: [{ type: 'boom', slot: 0 }] })],
      ['a maze shorter than its size', bytesOf({ ...plain, maze: { ...state.maze, east: state.maze.east.slice(1) } })],
      ['a tank in the wrong slot', bytesOf({ ...plain, tanks: [...state.tanks].reverse() })],
      ['a shell of no slot', bytesOf({ ...plain, shells: [{ ...state.shells[0]!, owner: 9 }] })],
      ['too many shells', bytesOf({ ...plain, shells: Array.from({ length: 41 }, () => state.shells[0]) })],
      ['scores of other slots', bytesOf({ ...plain, scores: [0] })],
    ];
    for (const [what, bytes] of hostile) expect(decodeState(bytes), what).toBeNull();
    // JSON would turn -0 into 0: the sim never makes one, so a state that has one was not made by it.
    expect(decodeState(new TextEncoder().encode(JSON.stringify(state).replace(/"frame":\d+/, '"frame":-0'))), '-0').toBeNull();
    expect(decodeState(new TextEncoder().encode(JSON.stringify(state).replace(/"frame":\d+/, '"frame":0')))).not.toBeNull();
  });
});
