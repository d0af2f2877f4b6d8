/**
 * Getting to an enemy through the maze: a breadth-first search from the target's cell gives every
 * cell its path length; the bot steps to whichever open neighbour is closer, aiming at that cell's
 * centre (walls make it slide into the opening).
 */
import { CELL } from '../sim/constants';
import { cellDistances, openNeighbours } from '../sim/maze';
import type { Maze, Tank } from '../sim/types';

/** The cell index a tank stands in. */
export function cellOf(maze: Maze, t: { x: number; y: number }): number {
  const c = Math.min(maze.cols - 1, Math.max(0, Math.floor(t.x / CELL)));
  const r = Math.min(maze.rows - 1, Math.max(0, Math.floor(t.y / CELL)));
  return r * maze.cols + c;
}

/** Centre of cell `i`, in units. */
export function centreOf(maze: Maze, i: number): { x: number; y: number } {
  const c = i % maze.cols;
  return { x: c * CELL + CELL / 2, y: ((i - c) / maze.cols) * CELL + CELL / 2 };
}

/** The nearest enemy by path length, with that length; null when none is alive. */
export function nearestEnemy(maze: Maze, me: Tank, tanks: readonly Tank[]): { tank: Tank; dist: number } | null {
  const dist = cellDistances(maze, cellOf(maze, me));
  let best: { tank: Tank; dist: number } | null = null;
  for (const t of tanks) {
    if (t.slot === me.slot || !t.alive) continue;
    const d = dist[cellOf(maze, t)] as number;
    if (best === null || d < best.dist) best = { tank: t, dist: d };
  }
  return best;
}

/**
 * The point to drive to next on a shortest path from `me` to `target`: the centre of the next cell,
 * or the target itself once they share a cell.
 */
export function nextWaypoint(maze: Maze, me: Tank, target: { x: number; y: number }): { x: number; y: number } {
  const here = cellOf(maze, me);
  const goal = cellOf(maze, target);
  if (here === goal) return { x: target.x, y: target.y };
  const dist = cellDistances(maze, goal);
  let best = here;
  for (const j of openNeighbours(maze, here)) if ((dist[j] as number) < (dist[best] as number)) best = j;
  return centreOf(maze, best);
}
