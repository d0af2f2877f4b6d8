/**
 * Dodging, a little: a shell whose straight path (bounces ignored) comes within a tank's reach of
 * the bot in the next half second is a threat; the bot drives across the shell's path, away from
 * it, on whichever side it already is.
 */
import { ANGLE_STEPS, SHELL_GRACE_FRAMES, SHELL_RADIUS, TANK_RADIUS } from '../sim';
import { atan2Int } from '../sim';
import type { Shell, Tank } from '../sim';

/** Frames ahead a shell is watched (a normal bot's; levels pass their own). */
export const DODGE_HORIZON = 30;
/** Closest approach that counts as a hit, with some margin. */
const DANGER = TANK_RADIUS + SHELL_RADIUS + 6 * 256;

/** The angle to flee along from the most urgent threatening shell, or null if none threatens. */
export function dodgeAngle(me: Tank, shells: readonly Shell[], horizon = DODGE_HORIZON): number | null {
  let urgent = Number.MAX_SAFE_INTEGER;
  let angle: number | null = null;
  for (const s of shells) {
    if (s.owner === me.slot && s.age < SHELL_GRACE_FRAMES) continue;
    const rx = me.x - s.x;
    const ry = me.y - s.y;
    const vv = s.vx * s.vx + s.vy * s.vy;
    const along = rx * s.vx + ry * s.vy;
    if (vv === 0 || along <= 0) continue; // moving away
    const t = Math.floor(along / vv);
    if (t > horizon) continue;
    const cx = rx - s.vx * t;
    const cy = ry - s.vy * t;
    if (cx * cx + cy * cy >= DANGER * DANGER || t >= urgent) continue;
    urgent = t;
    // Perpendicular to the shell's velocity, on the side the bot already is (cross product sign).
    const cross = s.vx * ry - s.vy * rx;
    angle = atan2Int(s.vy, s.vx) + (cross >= 0 ? ANGLE_STEPS / 4 : -ANGLE_STEPS / 4);
  }
  return angle;
}
