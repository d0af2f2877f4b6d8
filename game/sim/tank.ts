/**
 * Tank movement: turn, then drive along the new heading, then get pushed out of the walls (which
 * makes tanks slide along them). Tanks that overlap are pushed apart equally, in slot order so that
 * every peer resolves them the same way.
 */
import { FIRE_COOLDOWN_FRAMES, TANK_BACK_SPEED, TANK_RADIUS, TANK_SPEED, TANK_TURN, TRIG_ONE } from './constants';
import { cosInt, divTrunc, isqrt, normAngle, sinInt } from './fixed-point';
import { pushCircleOut, wallRectsNear } from './geometry';
import { INPUT } from './input';
import type { Maze, Tank } from './types';

/** A tank after one frame of `input`, and whether it pulled the trigger this frame. */
export interface TankStep {
  tank: Tank;
  fires: boolean;
}

/** Moves one live tank by its input. Dead or absent tanks come back unchanged (same object). */
export function driveTank(tank: Tank, input: number, maze: Maze, canFire: boolean): TankStep {
  if (!tank.alive) return { tank, fires: false };
  let angle = tank.angle;
  if (input & INPUT.LEFT) angle -= TANK_TURN;
  if (input & INPUT.RIGHT) angle += TANK_TURN;
  angle = normAngle(angle);
  let speed = 0;
  if (input & INPUT.FORWARD) speed += TANK_SPEED;
  if (input & INPUT.BACK) speed -= TANK_BACK_SPEED;
  let x = tank.x;
  let y = tank.y;
  if (speed !== 0) {
    const moved = pushCircleOut(
      wallRectsNear(maze, x, y, 2 * TANK_RADIUS + TANK_SPEED),
      x + divTrunc(cosInt(angle) * speed, TRIG_ONE),
      y + divTrunc(sinInt(angle) * speed, TRIG_ONE),
      TANK_RADIUS,
    );
    x = moved.x;
    y = moved.y;
  }
  const trigger = (input & INPUT.FIRE) !== 0;
  const fires = trigger && !tank.fireHeld && tank.cooldown === 0 && canFire;
  const cooldown = fires ? FIRE_COOLDOWN_FRAMES : Math.max(0, tank.cooldown - 1);
  if (x === tank.x && y === tank.y && angle === tank.angle && cooldown === tank.cooldown && trigger === tank.fireHeld) {
    return { tank, fires };
  }
  const moved: Tank = { slot: tank.slot, x, y, angle, alive: true, present: tank.present, cooldown, fireHeld: trigger };
  return { tank: moved, fires };
}

/**
 * Pushes overlapping live tanks apart (half the overlap each), then back out of the walls.
 * Returns a new array only if something moved.
 */
export function separateTanks(tanks: Tank[], maze: Maze): Tank[] {
  let out = tanks;
  const minDist = 2 * TANK_RADIUS;
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i] as Tank;
      const b = out[j] as Tank;
      if (!a.alive || !b.alive) continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d2 = dx * dx + dy * dy;
      if (d2 >= minDist * minDist) continue;
      const d = isqrt(d2);
      // Coincident centres: split along x, lower slot to the left.
      const nx = d === 0 ? 1 : dx;
      const ny = d === 0 ? 0 : dy;
      const nd = d === 0 ? 1 : d;
      const half = ((minDist - d) >> 1) + 1;
      const px = divTrunc(nx * half, nd);
      const py = divTrunc(ny * half, nd);
      if (out === tanks) out = tanks.slice();
      out[i] = settle({ ...a, x: a.x - px, y: a.y - py }, maze);
      out[j] = settle({ ...b, x: b.x + px, y: b.y + py }, maze);
    }
  }
  return out;
}

function settle(tank: Tank, maze: Maze): Tank {
  const p = pushCircleOut(wallRectsNear(maze, tank.x, tank.y, 2 * TANK_RADIUS), tank.x, tank.y, TANK_RADIUS);
  return p.x === tank.x && p.y === tank.y ? tank : { ...tank, x: p.x, y: p.y };
}
