/**
 * The maze's walls as pixel rectangles for drawing: the outer border plus every inner east and
 * south wall, each WALL_HALF * 2 thick and centred on its cell edge, lengthened by the thickness
 * so that corners join without notches. Pure.
 */
import { CELL, SCALE, WALL_HALF } from '../sim';
import type { Maze } from '../sim';

/** A wall rectangle in pixels. */
export interface WallRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Arena size in pixels. */
export function arenaSize(maze: Maze): { width: number; height: number } {
  return { width: (maze.cols * CELL) / SCALE, height: (maze.rows * CELL) / SCALE };
}

/** Every wall of `maze`, in pixels. */
export function wallRects(maze: Maze): WallRect[] {
  const cell = CELL / SCALE;
  const half = WALL_HALF / SCALE;
  const { width, height } = arenaSize(maze);
  const horizontal = (x: number, y: number, len: number): WallRect => ({ x: x - half, y: y - half, w: len + half * 2, h: half * 2 });
  const vertical = (x: number, y: number, len: number): WallRect => ({ x: x - half, y: y - half, w: half * 2, h: len + half * 2 });
  const walls: WallRect[] = [horizontal(0, 0, width), horizontal(0, height, width), vertical(0, 0, height), vertical(width, 0, height)];
  for (let r = 0; r < maze.rows; r++) {
    for (let c = 0; c < maze.cols; c++) {
      const i = r * maze.cols + c;
      if (c < maze.cols - 1 && maze.east[i]) walls.push(vertical((c + 1) * cell, r * cell, cell));
      if (r < maze.rows - 1 && maze.south[i]) walls.push(horizontal(c * cell, (r + 1) * cell, cell));
    }
  }
  return walls;
}
