/**
 * Shells: fired from a tank's centre out along its barrel, they fly straight and ricochet off walls
 * by negating the velocity component that would enter the wall (angle in = angle out on an
 * axis-aligned wall; a shell that meets a corner on both axes comes straight back). Each frame is
 * split into SHELL_SUBSTEPS moves, each far shorter than a wall is thick, so no shell tunnels.
 */
import {
  MUZZLE, SHELL_GRACE_FRAMES, SHELL_LIFE_FRAMES, SHELL_RADIUS, SHELL_SPEED, SHELL_SUBSTEPS, TANK_RADIUS, TRIG_ONE,
} from './constants';
import { cosInt, divTrunc, sinInt } from './fixed-point';
import { pointInRects, wallRectsNear } from './geometry';
import type { Maze, Shell, SimEvent, Tank } from './types';

/** A shell's position and velocity while it moves; mutated in place by `substep`. */
export interface Motion {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/** Walls farther than this from a shell cannot be reached within a frame (radius + travel). */
export const SHELL_WALL_MARGIN = SHELL_RADIUS + SHELL_SPEED + 2;

/** Sub-steps that carry a new shell from the tank's centre to just past the muzzle. */
const MUZZLE_SUBSTEPS = Math.ceil((MUZZLE * SHELL_SUBSTEPS) / SHELL_SPEED);

/** One sub-step of a shell among `rects`: x first, then y. Returns whether it bounced. */
export function substep(m: Motion, rects: readonly number[]): boolean {
  let bounced = false;
  const nx = m.x + divTrunc(m.vx, SHELL_SUBSTEPS);
  if (pointInRects(rects, nx, m.y, SHELL_RADIUS)) {
    m.vx = 0 - m.vx;
    bounced = true;
  } else {
    m.x = nx;
  }
  const ny = m.y + divTrunc(m.vy, SHELL_SUBSTEPS);
  if (pointInRects(rects, m.x, ny, SHELL_RADIUS)) {
    m.vy = 0 - m.vy;
    bounced = true;
  } else {
    m.y = ny;
  }
  return bounced;
}

/**
 * A new shell fired by `tank`. It starts at the tank's centre (never inside a wall) and travels out
 * past the muzzle with the same bouncing moves, so a barrel pressed against a wall fires a shell
 * that bounces back, as it would in the world.
 */
export function fireShell(tank: Tank, id: number, maze: Maze): Shell {
  const m: Motion = {
    x: tank.x,
    y: tank.y,
    vx: divTrunc(cosInt(tank.angle) * SHELL_SPEED, TRIG_ONE),
    vy: divTrunc(sinInt(tank.angle) * SHELL_SPEED, TRIG_ONE),
  };
  const rects = wallRectsNear(maze, tank.x, tank.y, SHELL_WALL_MARGIN + MUZZLE);
  for (let k = 0; k < MUZZLE_SUBSTEPS; k++) substep(m, rects);
  return { id, owner: tank.slot, x: m.x, y: m.y, vx: m.vx, vy: m.vy, age: 0, bounces: 0 };
}

/** One frame of flight; null once the shell has expired. A bounce adds one event. */
export function flyShell(shell: Shell, maze: Maze, events: SimEvent[]): Shell | null {
  const age = shell.age + 1;
  if (age >= SHELL_LIFE_FRAMES) return null;
  const m: Motion = { x: shell.x, y: shell.y, vx: shell.vx, vy: shell.vy };
  const rects = wallRectsNear(maze, shell.x, shell.y, SHELL_WALL_MARGIN);
  let bounced = false;
  for (let k = 0; k < SHELL_SUBSTEPS; k++) bounced = substep(m, rects) || bounced;
  if (bounced) events.push({ type: 'bounce', shell: shell.id, owner: shell.owner, x: m.x, y: m.y });
  const bounces = bounced ? shell.bounces + 1 : shell.bounces;
  // A literal of one fixed shape (not a spread): keeps V8's property caches monomorphic.
  return { id: shell.id, owner: shell.owner, x: m.x, y: m.y, vx: m.vx, vy: m.vy, age, bounces };
}

/** Whether `shell` touches `tank` now (its own tank is spared during the grace frames). */
export function shellHits(shell: Shell, tank: Tank): boolean {
  if (!tank.alive) return false;
  if (shell.owner === tank.slot && shell.age < SHELL_GRACE_FRAMES) return false;
  const dx = shell.x - tank.x;
  const dy = shell.y - tank.y;
  const reach = TANK_RADIUS + SHELL_RADIUS;
  return dx * dx + dy * dy < reach * reach;
}

/**
 * Resolves hits: each shell, in order, destroys the first live tank (in slot order) it touches and
 * is spent. Returns the surviving shells and tanks (new arrays only where something changed).
 */
export function resolveHits(shells: Shell[], tanks: Tank[], events: SimEvent[]): { shells: Shell[]; tanks: Tank[] } {
  let outTanks = tanks;
  const outShells: Shell[] = [];
  for (const shell of shells) {
    let spent = false;
    for (let slot = 0; slot < outTanks.length && !spent; slot++) {
      const tank = outTanks[slot] as Tank;
      if (!shellHits(shell, tank)) continue;
      if (outTanks === tanks) outTanks = tanks.slice();
      outTanks[slot] = { ...tank, alive: false };
      events.push({ type: 'explode', slot, by: shell.owner, shell: shell.id, bounces: shell.bounces, x: tank.x, y: tank.y });
      spent = true;
    }
    if (!spent) outShells.push(shell);
  }
  return { shells: outShells.length === shells.length ? shells : outShells, tanks: outTanks };
}
