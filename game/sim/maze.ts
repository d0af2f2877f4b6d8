/**
 * Maze generation and queries. A round's maze is a randomized depth-first search (a spanning tree,
 * so every cell is reachable), then a few extra walls knocked out to make loops, so that tanks can
 * flank and shells find more than one path. All randomness comes from the PRNG cursor passed in.
 */
import { CELL, MAX_COLS, MAX_ROWS, MIN_CELLS_PER_PLAYER, WALL_HALF } from './constants';
import { randInt } from './prng';
import type { RngCursor } from './prng';
import type { Maze } from './types';

/** The maze size for a player count: 9x6 for two players up to 12x8 for seven or eight. */
export function mazeSize(players: number): { cols: number; rows: number } {
  if (players <= 2) return { cols: 9, rows: 6 };
  if (players <= 4) return { cols: 10, rows: 7 };
  if (players <= 6) return { cols: 11, rows: 7 };
  return { cols: 12, rows: 8 };
}

/** Named maze sizes a match may ask for instead of the automatic one (the lobby's choices). */
export const MAZE_PRESETS = {
  small: { cols: 7, rows: 5 },
  medium: { cols: 10, rows: 7 },
  large: { cols: MAX_COLS, rows: MAX_ROWS },
} as const;

/** A maze size by name: `auto` is `mazeSize(players)`; a preset too small for `players` grows to fit. */
export function mazeSizeFor(choice: 'auto' | keyof typeof MAZE_PRESETS, players: number): { cols: number; rows: number } {
  if (choice === 'auto') return mazeSize(players);
  const { cols, rows } = MAZE_PRESETS[choice];
  return cols * rows >= players * MIN_CELLS_PER_PLAYER ? { cols, rows } : mazeSize(players);
}

/**
 * Why a maze size cannot hold `players`, or null if it can: within 2x2..MAX_COLS x MAX_ROWS (the
 * arena the renderer is sized for), whole numbers, and MIN_CELLS_PER_PLAYER cells per slot so that
 * spawns (one cell each, spread by path length) never run out nor start next to each other.
 */
export function mazeSizeProblem(size: { cols: number; rows: number }, players: number): string | null {
  const { cols, rows } = size;
  if (!Number.isInteger(cols) || cols < 2 || cols > MAX_COLS) return `maze cols must be an integer in 2..${MAX_COLS}, got ${cols}`;
  if (!Number.isInteger(rows) || rows < 2 || rows > MAX_ROWS) return `maze rows must be an integer in 2..${MAX_ROWS}, got ${rows}`;
  if (cols * rows < players * MIN_CELLS_PER_PLAYER) return `a ${cols}x${rows} maze is too small for ${players} players`;
  return null;
}

/** Indices of the cells reachable in one move from cell `i` (no wall in between). */
export function openNeighbours(maze: Maze, i: number): number[] {
  const { cols, rows } = maze;
  const c = i % cols;
  const r = (i - c) / cols;
  const out: number[] = [];
  if (c + 1 < cols && maze.east[i] === 0) out.push(i + 1);
  if (r + 1 < rows && maze.south[i] === 0) out.push(i + cols);
  if (c > 0 && maze.east[i - 1] === 0) out.push(i - 1);
  if (r > 0 && maze.south[i - cols] === 0) out.push(i - cols);
  return out;
}

/** Shortest paths from one cell, by breadth-first search: the sim places spawns by them, bots walk them. */
export interface CellPaths {
  readonly from: number;
  /** Path length in cells to every cell, -1 where unreachable. */
  readonly dist: number[];
  /** Each cell's previous cell on a shortest path from `from`, -1 for `from` and unreachable cells. */
  readonly prev: number[];
}

/** Shortest paths from cell `from` to every cell. */
export function shortestPaths(maze: Maze, from: number): CellPaths {
  const n = maze.cols * maze.rows;
  const dist = new Array<number>(n).fill(-1);
  const prev = new Array<number>(n).fill(-1);
  dist[from] = 0;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] as number;
    for (const j of openNeighbours(maze, i)) {
      if (dist[j] !== -1) continue;
      dist[j] = (dist[i] as number) + 1;
      prev[j] = i;
      queue.push(j);
    }
  }
  return { from, dist, prev };
}

/** A randomized-DFS maze of cols x rows with about one cell in eight given an extra opening. */
export function generateMaze(rng: RngCursor, cols: number, rows: number): Maze {
  const n = cols * rows;
  const maze: Maze = { cols, rows, east: new Array<number>(n).fill(1), south: new Array<number>(n).fill(1) };
  carveSpanningTree(maze, rng);
  addLoops(maze, rng, Math.max(2, (n / 8) | 0));
  return maze;
}

function carveSpanningTree(maze: Maze, rng: RngCursor): void {
  const { cols, rows } = maze;
  const visited = new Array<boolean>(cols * rows).fill(false);
  const start = randInt(rng, cols * rows);
  const stack = [start];
  visited[start] = true;
  while (stack.length > 0) {
    const i = stack[stack.length - 1] as number;
    const c = i % cols;
    const r = (i - c) / cols;
    const options: number[] = [];
    if (c + 1 < cols && !visited[i + 1]) options.push(i + 1);
    if (r + 1 < rows && !visited[i + cols]) options.push(i + cols);
    if (c > 0 && !visited[i - 1]) options.push(i - 1);
    if (r > 0 && !visited[i - cols]) options.push(i - cols);
    if (options.length === 0) {
      stack.pop();
      continue;
    }
    const j = options[randInt(rng, options.length)] as number;
    openBetween(maze, i, j);
    visited[j] = true;
    stack.push(j);
  }
}

/** Knock out `count` interior walls chosen at random (some picks may already be open). */
function addLoops(maze: Maze, rng: RngCursor, count: number): void {
  const { cols, rows } = maze;
  for (let k = 0; k < count; k++) {
    const i = randInt(rng, cols * rows);
    const c = i % cols;
    const r = (i - c) / cols;
    const east = randInt(rng, 2) === 0;
    if (east && c + 1 < cols) maze.east[i] = 0;
    else if (!east && r + 1 < rows) maze.south[i] = 0;
  }
}

function openBetween(maze: Maze, i: number, j: number): void {
  const a = Math.min(i, j);
  const b = Math.max(i, j);
  if (b === a + 1) maze.east[a] = 0;
  else maze.south[a] = 0;
}

/** An axis-aligned wall rectangle in units (the wall's thickness included). */
export interface WallRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Every wall as a rectangle, outer border included, for drawing. Each spans its cell edge plus half
 * a wall's thickness at both ends, so walls meet cleanly at corners.
 */
export function wallSegments(maze: Maze): WallRect[] {
  const { cols, rows } = maze;
  const out: WallRect[] = [];
  const w = cols * CELL;
  const h = rows * CELL;
  out.push(rect(0, 0, w, 0), rect(0, h, w, h), rect(0, 0, 0, h), rect(w, 0, w, h));
  for (let i = 0; i < cols * rows; i++) {
    const c = i % cols;
    const r = (i - c) / cols;
    if (c + 1 < cols && maze.east[i] === 1) out.push(rect((c + 1) * CELL, r * CELL, (c + 1) * CELL, (r + 1) * CELL));
    if (r + 1 < rows && maze.south[i] === 1) out.push(rect(c * CELL, (r + 1) * CELL, (c + 1) * CELL, (r + 1) * CELL));
  }
  return out;
}

function rect(ax: number, ay: number, bx: number, by: number): WallRect {
  return { x1: ax - WALL_HALF, y1: ay - WALL_HALF, x2: bx + WALL_HALF, y2: by + WALL_HALF };
}
