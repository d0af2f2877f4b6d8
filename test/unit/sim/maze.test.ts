import { describe, expect, it } from 'vitest';
import { CELL } from '../../../game/sim/constants';
import { initialState } from '../../../game/sim/initial-state';
import { shortestPaths, generateMaze, mazeSize, openNeighbours, wallSegments } from '../../../game/sim/maze';
import { seedRng } from '../../../game/sim/prng';
import { openHeading, pickSpawns } from '../../../game/sim/spawn';

const SIZES = [2, 3, 5, 8].map((p) => mazeSize(p));

describe('maze generation', () => {
  it('is always connected: every cell reachable from every other, over 1000 seeds', () => {
    for (let seed = 0; seed < 1000; seed++) {
      const { cols, rows } = SIZES[seed % SIZES.length] as { cols: number; rows: number };
      const maze = generateMaze({ state: seedRng(seed) }, cols, rows);
      expect(shortestPaths(maze, 0).dist.every((d) => d >= 0)).toBe(true);
    }
  });

  it('has loops (more openings than a spanning tree) and still a real maze (many walls)', () => {
    const maze = generateMaze({ state: seedRng(5) }, 10, 7);
    let openings = 0;
    for (let i = 0; i < 70; i++) openings += openNeighbours(maze, i).length;
    expect(openings / 2).toBeGreaterThan(70 - 1);
    expect(wallSegments(maze).length).toBeGreaterThan(40);
  });

  it('differs between seeds and is the same for the same seed', () => {
    const a = generateMaze({ state: seedRng(1) }, 9, 6);
    expect(generateMaze({ state: seedRng(1) }, 9, 6)).toEqual(a);
    expect(generateMaze({ state: seedRng(2) }, 9, 6)).not.toEqual(a);
  });

  it('grows with the player count from 9x6 to 12x8', () => {
    expect(mazeSize(2)).toEqual({ cols: 9, rows: 6 });
    expect(mazeSize(8)).toEqual({ cols: 12, rows: 8 });
    expect(initialState({ seed: 1, players: Array.from({ length: 8 }, () => ({ name: 'x' })) }).maze.cols).toBe(12);
  });

  it('draws the border and each interior wall as rectangles a wall thick', () => {
    const maze = generateMaze({ state: seedRng(3) }, 9, 6);
    const rects = wallSegments(maze);
    const interior = maze.east.filter((v, i) => v === 1 && i % 9 !== 8).length
      + maze.south.filter((v, i) => v === 1 && i < 9 * 5).length;
    expect(rects.length).toBe(4 + interior);
    expect(rects[0]!.x2 - rects[0]!.x1).toBe(9 * CELL + rects[0]!.y2 - rects[0]!.y1);
  });
});

describe('spawn points', () => {
  it('are distinct cells spread apart by path length, for every player count, over 200 seeds', () => {
    for (let seed = 0; seed < 200; seed++) {
      for (const players of [2, 4, 8]) {
        const { cols, rows } = mazeSize(players);
        const rng = { state: seedRng(seed) };
        const maze = generateMaze(rng, cols, rows);
        const spawns = pickSpawns(maze, players, rng);
        expect(new Set(spawns.map((s) => s.cell)).size).toBe(players);
        let closest = Infinity;
        for (const a of spawns) {
          const dist = shortestPaths(maze, a.cell).dist;
          for (const b of spawns) if (b !== a) closest = Math.min(closest, dist[b.cell] as number);
        }
        expect(closest).toBeGreaterThanOrEqual(players <= 2 ? 6 : players <= 4 ? 4 : 2);
      }
    }
  });

  it('face an open direction, never straight into a wall', () => {
    for (let seed = 0; seed < 100; seed++) {
      const state = initialState({ seed, players: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
      for (const t of state.tanks) {
        const c = Math.floor(t.x / CELL);
        const r = Math.floor(t.y / CELL);
        const cell = r * state.maze.cols + c;
        const step = [1, state.maze.cols, -1, -state.maze.cols][t.angle / 1024] as number;
        expect(openNeighbours(state.maze, cell)).toContain(cell + step);
        expect(openHeading(state.maze, cell)).toBe(t.angle);
      }
    }
  });
});
