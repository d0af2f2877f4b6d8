/**
 * Collision geometry against the maze's walls. Walls are axis-aligned rectangles (a cell edge
 * thickened by WALL_HALF on every side). Queries gather only the walls within a margin of a point
 * (the mover's radius plus its travel in a frame), from the few cells that can hold them.
 *
 * Rectangles come as a flat array [x1, y1, x2, y2, ...] so that a frame allocates one small array
 * per moving thing and no objects.
 */
import { CELL, WALL_HALF } from './constants';
import { isqrt, divTrunc } from './fixed-point';
import type { Maze } from './types';

/**
 * Flat [x1, y1, x2, y2, ...] of the wall rectangles that come within
 * `margin` of the point. A margin of the mover's radius plus its travel this frame keeps every wall
 * it could touch and drops the rest, which makes the per-sub-step tests short.
 */
export function wallRectsNear(maze: Maze, x: number, y: number, margin: number): number[] {
  const { cols, rows } = maze;
  // Only cells whose box, grown by a wall's half thickness and the margin, holds the point can own
  // a wall within reach: usually one cell, at most two per axis.
  const reach = margin + WALL_HALF;
  const c0 = clampInt(Math.floor((x - reach) / CELL), 0, cols - 1);
  const c1 = clampInt(Math.floor((x + reach) / CELL), 0, cols - 1);
  const r0 = clampInt(Math.floor((y - reach) / CELL), 0, rows - 1);
  const r1 = clampInt(Math.floor((y + reach) / CELL), 0, rows - 1);
  const out: number[] = [];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const i = r * cols + c;
      const left = c * CELL;
      const top = r * CELL;
      if (c + 1 === cols || maze.east[i] === 1) pushEdge(out, left + CELL, top, left + CELL, top + CELL, x, y, margin);
      if (r + 1 === rows || maze.south[i] === 1) pushEdge(out, left, top + CELL, left + CELL, top + CELL, x, y, margin);
      if (c === 0) pushEdge(out, 0, top, 0, top + CELL, x, y, margin);
      if (r === 0) pushEdge(out, left, 0, left + CELL, 0, x, y, margin);
    }
  }
  return out;
}

function pushEdge(out: number[], ax: number, ay: number, bx: number, by: number, x: number, y: number, margin: number): void {
  const x1 = ax - WALL_HALF;
  const y1 = ay - WALL_HALF;
  const x2 = bx + WALL_HALF;
  const y2 = by + WALL_HALF;
  if (x > x1 - margin && x < x2 + margin && y > y1 - margin && y < y2 + margin) out.push(x1, y1, x2, y2);
}

/** Clamps an integer into [lo, hi]. */
export function clampInt(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Whether the point (x, y) lies inside any rectangle grown by `pad` on every side. */
export function pointInRects(rects: readonly number[], x: number, y: number, pad: number): boolean {
  for (let k = 0; k + 3 < rects.length; k += 4) {
    if (
      x > (rects[k] as number) - pad &&
      x < (rects[k + 2] as number) + pad &&
      y > (rects[k + 1] as number) - pad &&
      y < (rects[k + 3] as number) + pad
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Moves a circle of `radius` at (x, y) out of every rectangle it overlaps, along the shortest way
 * out; against a flat face that is straight back, so a tank driving into a wall at an angle slides
 * along it. Two passes settle a corner where two walls push.
 */
export function pushCircleOut(rects: readonly number[], x: number, y: number, radius: number): { x: number; y: number } {
  let px = x;
  let py = y;
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k + 3 < rects.length; k += 4) {
      const x1 = rects[k] as number;
      const y1 = rects[k + 1] as number;
      const x2 = rects[k + 2] as number;
      const y2 = rects[k + 3] as number;
      const qx = clampInt(px, x1, x2);
      const qy = clampInt(py, y1, y2);
      const dx = px - qx;
      const dy = py - qy;
      const d2 = dx * dx + dy * dy;
      if (d2 >= radius * radius) continue;
      if (d2 === 0) {
        // The centre is inside the wall (only by a teleport): leave by the nearest face.
        const out = exitNearestFace(px, py, x1, y1, x2, y2, radius);
        px = out.x;
        py = out.y;
        continue;
      }
      const d = isqrt(d2);
      const push = radius - d + 1;
      px += d === 0 ? 0 : divTrunc(dx * push, d);
      py += d === 0 ? 0 : divTrunc(dy * push, d);
    }
  }
  return { x: px, y: py };
}

function exitNearestFace(
  x: number, y: number, x1: number, y1: number, x2: number, y2: number, radius: number,
): { x: number; y: number } {
  const toLeft = x - x1;
  const toRight = x2 - x;
  const toTop = y - y1;
  const toBottom = y2 - y;
  const least = Math.min(toLeft, toRight, toTop, toBottom);
  if (least === toLeft) return { x: x1 - radius, y };
  if (least === toRight) return { x: x2 + radius, y };
  if (least === toTop) return { x, y: y1 - radius };
  return { x, y: y2 + radius };
}
