/**
 * Getting to an enemy through the maze: one breadth-first search from the bot's cell gives the
 * path length to every enemy and, walking back from the chosen one, the first cell to head for; the
 * bot aims at that cell's centre (walls make it slide into the opening).
 */
import { CELL } from '../sim';
import type { CellPaths, Maze, Tank } from '../sim';

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

/** The nearest live enemy by path length, with that length; null when none is alive. */
export function nearestEnemy(maze: Maze, paths: CellPaths, me: Tank, tanks: readonly Tank[]): { tank: Tank; dist: number } | null {
  let best: { tank: Tank; dist: number } | null = null;
  for (const t of tanks) {
    if (t.slot === me.slot || !t.alive) continue;
    const d = paths.dist[cellOf(maze, t)] as number;
    if (d >= 0 && (best === null || d < best.dist)) best = { tank: t, dist: d };
  }
  return best;
}

/**
 * The point to drive to next on a shortest path toward `target`: the centre of the first cell of
 * the path (walked back from the target), or the target itself once they share a cell.
 */
export function nextWaypoint(maze: Maze, paths: CellPaths, target: { x: number; y: number }): { x: number; y: number } {
  let cell = cellOf(maze, target);
  if (cell === paths.from || paths.dist[cell] === -1) return { x: target.x, y: target.y };
  while (paths.prev[cell] !== paths.from) cell = paths.prev[cell] as number;
  return centreOf(maze, cell);
}
