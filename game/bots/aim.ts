/**
 * Aiming by simulation: a shot is judged by flying a ghost shell with the sim's own physics
 * (`fireShell`, `flyShell`), bounces included, and seeing which tank it reaches first. Candidate
 * angles are the direct line to the target and one-bounce lines found by mirroring the target
 * across nearby walls (the law of reflection makes the bounce path a straight line to the mirror
 * image).
 */
import { CELL, SHELL_GRACE_FRAMES, SHELL_RADIUS, SHELL_SPEED, SHELL_SUBSTEPS, TANK_RADIUS, WALL_HALF } from '../sim';
import { atan2Int, isqrt } from '../sim';
import { wallRectsNear } from '../sim';
import { SHELL_WALL_MARGIN, fireShell, substep } from '../sim';
import type { Motion } from '../sim';
import type { SimState, Tank } from '../sim';

/** How far ahead a ghost shell is flown (frames): 300 px, about five cells of travel. */
export const TRACE_FRAMES = 120;

/**
 * The slot a shell fired by `slot` at `angle` would hit first within `frames` and `maxBounces`
 * bounces, or -1 (a bounce cap makes a wrong candidate fail fast). It moves the
 * ghost exactly as `flyShell` does (same sub-steps, same wall set for the cell it starts a frame
 * in, same wall margin) but allocates nothing else per frame and records no events.
 */
export function traceShot(state: SimState, slot: number, angle: number, frames = TRACE_FRAMES, maxBounces = 99): number {
  const { maze, tanks } = state;
  let bounces = 0;
  const m: Motion = { ...fireShell({ ...(tanks[slot] as Tank), angle }, 0, maze) };
  const reach2 = (TANK_RADIUS + SHELL_RADIUS) ** 2;
  for (let age = 0; age < frames; age++) {
    for (const t of tanks) {
      if (!t.alive || (t.slot === slot && age < SHELL_GRACE_FRAMES)) continue;
      if ((m.x - t.x) ** 2 + (m.y - t.y) ** 2 < reach2) return t.slot;
    }
    const rects = wallRectsNear(maze, m.x, m.y, SHELL_WALL_MARGIN);
    for (let k = 0; k < SHELL_SUBSTEPS; k++) if (substep(m, rects)) bounces++;
    if (bounces > maxBounces) return -1;
  }
  return -1;
}

/** The angle from `from` straight at `to`, and the distance squared, as a bounce with none. */
export function directLine(from: Tank, to: Tank): Bounce {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  return { angle: atan2Int(dy, dx), cost: dx * dx + dy * dy };
}

/** Frames a shell needs to travel a path of squared length `cost`, plus a little slack. */
export function framesFor(cost: number): number {
  return Math.min(TRACE_FRAMES, Math.floor(isqrt(cost) / SHELL_SPEED) + 8);
}

/** A candidate bounce: the angle to fire at and the length of the whole path (squared). */
export interface Bounce {
  angle: number;
  cost: number;
}

/**
 * One-bounce angles from `me` to `target` off the real walls (border included) within two cells of
 * both, shortest path first. For each wall face that both tanks are in front of, the target is
 * mirrored across the face; the line to the mirror image must meet the face within the wall's
 * extent. Each is only a candidate: the caller checks it with `traceShot`.
 */
export function bounceAngles(state: SimState, me: Tank, target: Tank, limit: number): Bounce[] {
  const { cols, rows, east, south } = state.maze;
  const cellAt = (v: number) => Math.floor(v / CELL);
  const c0 = Math.max(0, cellAt(Math.min(me.x, target.x)) - 2);
  const c1 = Math.min(cols - 1, cellAt(Math.max(me.x, target.x)) + 2);
  const r0 = Math.max(0, cellAt(Math.min(me.y, target.y)) - 2);
  const r1 = Math.min(rows - 1, cellAt(Math.max(me.y, target.y)) + 2);
  const found: Bounce[] = [];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const i = r * cols + c;
      if (c === 0) tryFace(found, me, target, 0, r * CELL, true);
      if (c + 1 === cols || east[i] === 1) tryFace(found, me, target, (c + 1) * CELL, r * CELL, true);
      if (r === 0) tryFace(found, me, target, 0, c * CELL, false);
      if (r + 1 === rows || south[i] === 1) tryFace(found, me, target, (r + 1) * CELL, c * CELL, false);
    }
  }
  found.sort((a, b) => a.cost - b.cost || a.angle - b.angle);
  return found.slice(0, limit);
}

/**
 * Mirror across the wall on the line `along` = `line` (x if `vertical`, else y) spanning
 * [from, from + CELL] on the other axis; record the bounce if the path meets that span.
 */
function tryFace(found: Bounce[], me: Tank, target: Tank, line: number, from: number, vertical: boolean): void {
  const reach = WALL_HALF + SHELL_RADIUS;
  const [mu, mv, tu, tv] = vertical ? [me.x, me.y, target.x, target.y] : [me.y, me.x, target.y, target.x];
  const side = mu < line && tu < line ? -1 : mu > line && tu > line ? 1 : 0;
  if (side === 0) return;
  const face = line + side * reach;
  const mirror = 2 * face - tu;
  // Where the line me -> mirror crosses the face, on the wall's own axis.
  const hit = mv + Math.trunc(((tv - mv) * (face - mu)) / (mirror - mu));
  if (hit < from - reach || hit > from + CELL + reach) return;
  const du = mirror - mu;
  const dv = tv - mv;
  const angle = vertical ? atan2Int(dv, du) : atan2Int(du, dv);
  found.push({ angle, cost: du * du + dv * dv });
}
