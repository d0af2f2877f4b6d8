/**
 * Spawn points: the first tank's cell is drawn from the PRNG, and every next one is the cell
 * farthest (by path length through the maze) from all those already taken; ties are drawn from the
 * PRNG. Each tank faces the open direction with the longest straight run, so it never starts nose
 * to a wall.
 */
import { ANGLE_STEPS, CELL } from './constants';
import { shortestPaths } from './maze';
import { randInt } from './prng';
import type { RngCursor } from './prng';
import type { Maze } from './types';

/** Where one tank starts a round. */
export interface Spawn {
  cell: number;
  x: number;
  y: number;
  angle: number;
}

/** `count` spawns spread far apart over `maze` (count <= number of cells). */
export function pickSpawns(maze: Maze, count: number, rng: RngCursor): Spawn[] {
  const n = maze.cols * maze.rows;
  const cells: number[] = [];
  const nearest = new Array<number>(n).fill(Number.MAX_SAFE_INTEGER);
  for (let k = 0; k < count; k++) {
    const cell = k === 0 ? randInt(rng, n) : farthestCell(nearest, rng);
    cells.push(cell);
    const dist = shortestPaths(maze, cell).dist;
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i] as number, dist[i] as number);
  }
  return cells.map((cell) => {
    const c = cell % maze.cols;
    const r = (cell - c) / maze.cols;
    return { cell, x: c * CELL + CELL / 2, y: r * CELL + CELL / 2, angle: openHeading(maze, cell) };
  });
}

function farthestCell(nearest: readonly number[], rng: RngCursor): number {
  let best = -1;
  const ties: number[] = [];
  for (let i = 0; i < nearest.length; i++) {
    const d = nearest[i] as number;
    if (d > best) {
      best = d;
      ties.length = 0;
    }
    if (d === best) ties.push(i);
  }
  return ties[randInt(rng, ties.length)] as number;
}

/** Directions as (dc, dr), in angle order: east, south, west, north. */
const HEADINGS: readonly (readonly [number, number])[] = [[1, 0], [0, 1], [-1, 0], [0, -1]];

/** The heading (an angle) from `cell` with the longest straight run of open cells. */
export function openHeading(maze: Maze, cell: number): number {
  let bestRun = -1;
  let bestDir = 0;
  for (let dir = 0; dir < 4; dir++) {
    const run = straightRun(maze, cell, dir);
    if (run > bestRun) {
      bestRun = run;
      bestDir = dir;
    }
  }
  return (bestDir * ANGLE_STEPS) / 4;
}

function straightRun(maze: Maze, cell: number, dir: number): number {
  const [dc, dr] = HEADINGS[dir] as readonly [number, number];
  let c = cell % maze.cols;
  let r = (cell - c) / maze.cols;
  let run = 0;
  for (;;) {
    const i = r * maze.cols + c;
    const open =
      (dc === 1 && c + 1 < maze.cols && maze.east[i] === 0) ||
      (dc === -1 && c > 0 && maze.east[i - 1] === 0) ||
      (dr === 1 && r + 1 < maze.rows && maze.south[i] === 0) ||
      (dr === -1 && r > 0 && maze.south[i - maze.cols] === 0);
    if (!open) return run;
    c += dc;
    r += dr;
    run++;
  }
}
