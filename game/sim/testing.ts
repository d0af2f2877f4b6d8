/**
 * Builders for tests and benchmarks: hand-made arenas where a test places tanks and shells exactly
 * where it wants them. Not used by the game itself.
 */
import { CELL } from './constants';
import { initialState } from './initial-state';
import type { Maze, Shell, SimState, Tank } from './types';

/** A maze with no interior walls at all (only the border). */
export function openMaze(cols: number, rows: number): Maze {
  return { cols, rows, east: new Array<number>(cols * rows).fill(0), south: new Array<number>(cols * rows).fill(0) };
}

/** The centre of cell (c, r), in units. */
export function cellCentre(c: number, r: number): { x: number; y: number } {
  return { x: c * CELL + CELL / 2, y: r * CELL + CELL / 2 };
}

/** Options for `sandbox`: tank overrides by slot, shells, and a maze (default: open 9x6). */
export interface SandboxOptions {
  players: number;
  tanks?: Partial<Tank>[];
  shells?: Partial<Shell>[];
  maze?: Maze;
  targetScore?: number;
}

/** A playing state with the given maze, tanks and shells; seed 1. */
export function sandbox(o: SandboxOptions): SimState {
  const base = initialState({
    seed: 1,
    players: Array.from({ length: o.players }, (_, i) => ({ name: `p${i}` })),
    targetScore: o.targetScore ?? 5,
  });
  const tanks = base.tanks.map((t, slot) => ({ ...t, ...(o.tanks?.[slot] ?? {}) }));
  const shells = (o.shells ?? []).map((s, i): Shell => ({ id: i + 1, owner: 0, x: 0, y: 0, vx: 0, vy: 0, age: 100, ...s }));
  return { ...base, maze: o.maze ?? openMaze(9, 6), tanks, shells, nextShellId: shells.length + 1 };
}
