import { describe, expect, it } from 'vitest';
import { MAX_COLS, MAX_ROWS, ROUND_OVER_FRAMES } from '../../../game/sim/constants';
import { stateHash } from '../../../game/sim/hash';
import { initialState } from '../../../game/sim/initial-state';
import { MAZE_PRESETS, mazeSize, mazeSizeFor, mazeSizeProblem } from '../../../game/sim/maze';
import { parseReplay, recordReplay, runReplay } from '../../../game/sim/replay';
import { step } from '../../../game/sim/step';

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));

describe('a chosen maze size', () => {
  it('is the size of round 1', () => {
    const s = initialState({ seed: 4, players: players(3), maze: { cols: 7, rows: 5 } });
    expect([s.maze.cols, s.maze.rows, s.maze.east.length, s.maze.south.length]).toEqual([7, 5, 35, 35]);
  });

  it('keeps its size into round 2 of a two-player match', () => {
    let s = initialState({ seed: 9, players: players(2), maze: { cols: 8, rows: 4 }, targetScore: 5 });
    const first = s.maze;
    // Kill slot 1 by hand (a pure state edit, as a shell would), then run out the pause.
    s = { ...s, tanks: s.tanks.map((t) => (t.slot === 1 ? { ...t, alive: false } : t)) };
    s = step(s, [0, 0]);
    expect(s.phase).toBe('round-over');
    for (let f = 0; f < ROUND_OVER_FRAMES; f++) s = step(s, [0, 0]);
    expect(s.round).toBe(2);
    expect([s.maze.cols, s.maze.rows]).toEqual([8, 4]);
    expect(s.maze).not.toEqual(first);
  });

  it('leaves auto exactly as before: no size is mazeSize(players), with the same hash', () => {
    for (const n of [1, 2, 5, 8]) {
      const auto = initialState({ seed: 11, players: players(n) });
      expect({ cols: auto.maze.cols, rows: auto.maze.rows }).toEqual(mazeSize(n));
      expect(stateHash(initialState({ seed: 11, players: players(n), maze: mazeSize(n) }))).toBe(stateHash(auto));
    }
  });

  it('is covered by the hash and deterministic', () => {
    const a = initialState({ seed: 3, players: players(2), maze: MAZE_PRESETS.small });
    expect(stateHash(initialState({ seed: 3, players: players(2), maze: MAZE_PRESETS.small }))).toBe(stateHash(a));
    expect(stateHash(initialState({ seed: 3, players: players(2), maze: MAZE_PRESETS.large }))).not.toBe(stateHash(a));
  });

  it('throws a clear error for a size the arena or the players cannot take', () => {
    const bad = [
      { cols: 13, rows: 5 }, { cols: 7, rows: MAX_ROWS + 1 }, { cols: 1, rows: 5 }, { cols: 7, rows: 0 },
      { cols: 7.5, rows: 5 }, { cols: Number.NaN, rows: 5 }, { cols: '7', rows: 5 } as unknown as { cols: number; rows: number },
    ];
    for (const maze of bad) expect(() => initialState({ seed: 1, players: players(2), maze })).toThrow(/maze (cols|rows)/);
    // 8 players need 32 cells: 4x4 is too small, 4x8 fits.
    expect(() => initialState({ seed: 1, players: players(8), maze: { cols: 4, rows: 4 } })).toThrow(/too small for 8 players/);
    expect(initialState({ seed: 1, players: players(8), maze: { cols: 4, rows: 8 } }).tanks.every((t) => t.alive)).toBe(true);
  });
});

describe('named maze sizes', () => {
  it('are small < medium < large, within the arena, and auto follows the player count', () => {
    const cells = (['small', 'medium', 'large'] as const).map((c) => mazeSizeFor(c, 2)).map((s) => s.cols * s.rows);
    expect(cells).toEqual([35, 70, 96]);
    expect(mazeSizeFor('large', 8)).toEqual({ cols: MAX_COLS, rows: MAX_ROWS });
    expect(mazeSizeFor('auto', 5)).toEqual(mazeSize(5));
  });

  it('always fit every player count: every spawn in its own cell, none dead, spread by path', () => {
    for (const choice of ['auto', 'small', 'medium', 'large'] as const) {
      for (let n = 1; n <= 8; n++) {
        const size = mazeSizeFor(choice, n);
        expect(mazeSizeProblem(size, n)).toBeNull();
        const s = initialState({ seed: n * 31, players: players(n), maze: size });
        const cells = s.tanks.map((t) => `${t.x},${t.y}`);
        expect(new Set(cells).size).toBe(n);
      }
    }
  });
});

describe('replays of a chosen maze size', () => {
  it('carry the size in the setup and re-run to the same hashes', () => {
    const setup = { seed: 5, players: players(2), maze: { cols: 7, rows: 5 } };
    const inputs = Array.from({ length: 240 }, (_, f) => [f % 32, (f * 5) % 32]);
    const replay = JSON.parse(JSON.stringify(recordReplay(setup, inputs, [], 60))) as unknown;
    const parsed = parseReplay(replay);
    expect(parsed.ok).toBe(true);
    expect(runReplay(replay as never)).toMatchObject({ ok: true, mismatches: [] });
  });

  it('refuse a replay whose maze size is nonsense, with a clear error', () => {
    const good = recordReplay({ seed: 5, players: players(2) }, [[0, 0]], [], 60);
    for (const maze of [{ cols: 40, rows: 5 }, 'small', null, { cols: 7 }]) {
      expect(parseReplay({ ...good, setup: { ...good.setup, maze } })).toEqual({ ok: false, error: expect.stringMatching(/setup\.maze/) });
    }
  });
});
