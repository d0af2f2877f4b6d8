import { describe, expect, it } from 'vitest';
import { stateHash } from '../../../game/sim/hash';
import { initialState } from '../../../game/sim/initial-state';
import { SECTION_NAMES, sectionHashes, sectionParts } from '../../../game/sim/section-hash';
import { step } from '../../../game/sim/step';
import type { SimState } from '../../../game/sim/types';

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));

function played(frames: number): SimState {
  let s = initialState({ seed: 7, players: players(3) });
  for (let f = 0; f < frames; f++) s = step(s, [f % 32, (f * 3) % 32, (f * 5) % 32]);
  return s;
}

/** Which sections' hashes differ between two states. */
const changed = (a: SimState, b: SimState): string[] => {
  const before = sectionHashes(a);
  return sectionHashes(b).flatMap((section, i) => (section.hash === before[i]?.hash ? [] : [section.name]));
};

describe('section hashes', () => {
  it('name the sections in a fixed order, at most 8 (the wire carries them), each a uint32', () => {
    const sections = sectionHashes(played(100));
    expect(sections.map((s) => s.name)).toEqual(['match', 'maze', 'tanks', 'shells', 'scores', 'prng', 'events']);
    expect(SECTION_NAMES).toEqual(sections.map((s) => s.name));
    for (const { hash } of sections) expect(hash >>> 0).toBe(hash);
  });

  it('are stable: equal states (a JSON clone, another run) give equal hashes, pinned for seed 7', () => {
    const state = played(400);
    expect(sectionHashes(JSON.parse(JSON.stringify(state)) as SimState)).toEqual(sectionHashes(state));
    expect(sectionHashes(played(400))).toEqual(sectionHashes(state));
    // A change of encoding shows here first: peers of two builds would see a desync everywhere.
    expect(sectionHashes(initialState({ seed: 7, players: players(3) })).map((s) => s.hash)).toMatchInlineSnapshot(`
      [
        3407523334,
        2398483904,
        158362027,
        802323636,
        3840383510,
        2614190693,
        3709834695,
      ]
    `);
  });

  it('each section changes only its own hash', () => {
    const s = played(400);
    const cases: [string, SimState][] = [
      ['match', { ...s, phaseFrames: s.phaseFrames + 1 }],
      ['maze', { ...s, maze: { ...s.maze, east: s.maze.east.map((w, i) => (i === 0 ? 1 - w : w)) } }],
      ['tanks', { ...s, tanks: s.tanks.map((t, i) => (i === 1 ? { ...t, x: t.x + 1 } : t)) }],
      ['shells', { ...s, nextShellId: s.nextShellId + 1 }],
      ['scores', { ...s, scores: s.scores.map((v, i) => (i === 2 ? v + 1 : v)) }],
      ['prng', { ...s, rng: (s.rng + 1) >>> 0 }],
      ['events', { ...s, events: [...s.events, { type: 'round-start', round: 9 }] }],
    ];
    for (const [name, corrupted] of cases) expect(changed(s, corrupted), name).toEqual([name]);
  });

  it('cover every field of the state: changing any one changes exactly one section', () => {
    const s = played(400);
    const keys = Object.keys(s) as (keyof SimState)[];
    for (const key of keys) {
      const value = s[key];
      const other = typeof value === 'number' ? value + 1 : typeof value === 'string' ? (value === 'playing' ? 'round-over' : 'playing') : Array.isArray(value) ? (value.length > 0 ? [] : [0]) : { ...value, cols: -1 };
      expect(changed(s, { ...s, [key]: other } as SimState), key).toHaveLength(1);
    }
  });

  it("give each section's fields as plain data, for a report", () => {
    const s = played(400);
    expect(Object.keys(sectionParts(s))).toEqual(SECTION_NAMES);
    expect(Object.keys(sectionParts(s, ['shells', 'prng']))).toEqual(['shells', 'prng']);
    expect(sectionParts(s, ['prng'])).toEqual({ prng: s.rng });
  });

  it('leave the combined stateHash as it was (replays record it)', () => {
    expect(stateHash(initialState({ seed: 7, players: players(3) }))).toMatchInlineSnapshot(`3374977964`);
  });
});
