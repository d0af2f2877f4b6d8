/**
 * Display poses between two sim states. The sim steps at 60 Hz; the display may run at 120 or
 * 144 Hz, so each drawn frame blends the previous and current states by `alpha` (0..1). Angles
 * take the short way round. A tank that jumped further than it can drive in a frame (a new
 * round's spawn) is drawn where it is, not slid across the maze. Shells are matched by id: a new
 * shell appears at its current position. Output is in pixels and radians, for Phaser.
 */
import { ANGLE_STEPS, SCALE, TANK_SPEED } from '../sim';
import type { SimState } from '../sim';

/** Where to draw a tank. */
export interface TankPose {
  readonly slot: number;
  readonly x: number;
  readonly y: number;
  readonly rotation: number;
  readonly alive: boolean;
  readonly present: boolean;
}

/** Where to draw a shell. */
export interface ShellPose {
  readonly id: number;
  readonly owner: number;
  readonly x: number;
  readonly y: number;
}

const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

/** Sim angle steps to radians (0 = +x, growing clockwise on screen, like Phaser's rotation). */
export const toRadians = (angle: number): number => (angle / ANGLE_STEPS) * Math.PI * 2;

/** Interpolates two integer angles the short way round, in steps. */
export function lerpAngle(a: number, b: number, t: number): number {
  let d = (b - a) % ANGLE_STEPS;
  if (d > ANGLE_STEPS / 2) d -= ANGLE_STEPS;
  if (d < -ANGLE_STEPS / 2) d += ANGLE_STEPS;
  return a + d * t;
}

/** Teleport threshold: twice the fastest a tank drives in one frame. */
const JUMP = TANK_SPEED * 2;

/** Every tank's pose at `alpha` between `prev` and `curr`. */
export function tankPoses(prev: SimState, curr: SimState, alpha: number): TankPose[] {
  return curr.tanks.map((tank) => {
    const before = prev.tanks[tank.slot];
    const jumped = !before || Math.abs(before.x - tank.x) > JUMP || Math.abs(before.y - tank.y) > JUMP;
    const from = jumped ? tank : before;
    return {
      slot: tank.slot,
      x: lerp(from.x, tank.x, alpha) / SCALE,
      y: lerp(from.y, tank.y, alpha) / SCALE,
      rotation: toRadians(lerpAngle(from.angle, tank.angle, alpha)),
      alive: tank.alive,
      present: tank.present,
    };
  });
}

/** Every live shell's pose at `alpha`. */
export function shellPoses(prev: SimState, curr: SimState, alpha: number): ShellPose[] {
  const before = new Map(prev.shells.map((s) => [s.id, s]));
  return curr.shells.map((shell) => {
    const from = before.get(shell.id) ?? shell;
    return { id: shell.id, owner: shell.owner, x: lerp(from.x, shell.x, alpha) / SCALE, y: lerp(from.y, shell.y, alpha) / SCALE };
  });
}
