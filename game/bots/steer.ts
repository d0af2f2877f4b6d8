/**
 * Steering helpers shared by the bot's behaviours: turn toward a heading, and drive toward a point
 * (forward when roughly facing it, turning otherwise).
 */
import { ANGLE_STEPS, TANK_TURN } from '../sim';
import { angleDiff, atan2Int } from '../sim';
import { INPUT } from '../sim';
import type { Tank } from '../sim';

/** LEFT or RIGHT toward `angle`, or nothing once within half a turn step of it (or on it). */
export function turnToward(tank: Tank, angle: number): number {
  const d = angleDiff(tank.angle, angle);
  if (Math.abs(d) <= TANK_TURN >> 1) return 0;
  return d > 0 ? INPUT.RIGHT : INPUT.LEFT;
}

/** Turns toward (x, y) and drives on once facing it within 40 degrees or so. */
export function driveToward(tank: Tank, x: number, y: number): number {
  const angle = atan2Int(y - tank.y, x - tank.x);
  const d = Math.abs(angleDiff(tank.angle, angle));
  return turnToward(tank, angle) | (d < ANGLE_STEPS / 9 ? INPUT.FORWARD : 0);
}

/**
 * Drives along `angle` or straight backward, whichever needs less turning: a dodge must be quick.
 */
export function moveAlong(tank: Tank, angle: number): number {
  const d = angleDiff(tank.angle, angle);
  if (Math.abs(d) <= ANGLE_STEPS / 4) return turnToward(tank, angle) | INPUT.FORWARD;
  return turnToward(tank, angle + ANGLE_STEPS / 2) | INPUT.BACK;
}
