/**
 * Rollback's visual smoother. When a correction moves a tank (a guess about another player's keys
 * was wrong), drawing it at once where the corrected state puts it would make it jump. Instead the
 * view keeps the jump as an offset, drawn on top of the tank's true pose, and shrinks it every
 * drawn frame, so the tank glides into place in about 8 frames. Only the picture moves: the sim
 * state is untouched, and a jump too big to be a correction (a respawn) snaps, as interpolate.ts
 * does. Positions are in pixels, like the poses.
 */
import { SCALE, type SimState } from '../sim';
import type { TankPose } from './interpolate';

/** The share of an offset kept per drawn frame: about 8 frames to fall under a tenth. */
const KEEP = 0.75;
/** Offsets below this (pixels) are dropped. */
const SETTLED = 0.25;
/** A correction larger than this (pixels) snaps: it is a spawn or a kill, not a nudge. */
const MAX_EASED = 48;

/** Offsets per slot, fed by corrections and spent by drawing. */
export interface TankSmoother {
  /** A correction replaced `shown` by `fixed` (the same frame). */
  corrected(shown: SimState, fixed: SimState): void;
  /** `poses` moved by what is left of each offset, which then shrinks. */
  apply(poses: readonly TankPose[]): TankPose[];
}

/** A smoother with no offsets. */
export function createTankSmoother(): TankSmoother {
  const offsets = new Map<number, { x: number; y: number }>();
  return {
    corrected(shown, fixed) {
      for (const tank of fixed.tanks) {
        const before = shown.tanks[tank.slot];
        if (!before || !before.alive || !tank.alive) continue;
        const kept = offsets.get(tank.slot) ?? { x: 0, y: 0 };
        const x = kept.x + (before.x - tank.x) / SCALE;
        const y = kept.y + (before.y - tank.y) / SCALE;
        if (Math.hypot(x, y) > MAX_EASED) offsets.delete(tank.slot);
        else if (x !== 0 || y !== 0) offsets.set(tank.slot, { x, y });
      }
    },
    apply(poses) {
      return poses.map((pose) => {
        const offset = offsets.get(pose.slot);
        if (!offset) return pose;
        const eased = { ...pose, x: pose.x + offset.x, y: pose.y + offset.y };
        offset.x *= KEEP;
        offset.y *= KEEP;
        if (Math.hypot(offset.x, offset.y) < SETTLED) offsets.delete(pose.slot);
        return eased;
      });
    },
  };
}
