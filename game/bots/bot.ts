/**
 * A deterministic bot: `botInput(state, slot)` is a pure function of the sim state, so a bot's
 * inputs can be computed on its owner's page and replayed anywhere. Each frame, in order:
 * 1. dodge a shell about to hit it (a little: no bounce prediction);
 * 2. fire if a ghost shell fired along its barrel now would reach an enemy before itself;
 * 3. aim at the nearest enemy, directly if in sight, else off one wall if a bounce line works;
 * 4. otherwise drive along the maze's shortest path toward that enemy.
 * To stay beatable it hesitates: for some quarter-second windows it holds fire (drawn from a hash
 * of the frame window, slot and round PRNG state, never from the PRNG itself).
 */
import { MAX_SHELLS_PER_TANK, TANK_TURN } from '../sim';
import { angleDiff, normAngle } from '../sim';
import { INPUT } from '../sim';
import type { SimState, Tank } from '../sim';
import { bounceAngles, directLine, framesFor, traceShot } from './aim';
import type { Bounce } from './aim';
import { dodgeAngle } from './dodge';
import { shortestPaths } from '../sim';
import { cellOf, nearestEnemy, nextWaypoint } from './navigate';
import { driveToward, moveAlong, turnToward } from './steer';

/** Bounce lines tried per frame when no enemy is in direct sight. */
const BOUNCE_CANDIDATES = 4;
/** Enemies farther than this many cells by path are hunted, not shot at with bounces. */
const BOUNCE_RANGE = 4;

/** The input bitmask the bot playing `slot` presses this frame (0 when its tank is out). */
export function botInput(state: SimState, slot: number): number {
  const me = state.tanks[slot];
  if (!me || !me.alive || !me.present || state.phase === 'match-over') return 0;
  const flee = dodgeAngle(me, state.shells);
  const fire = wantsToFire(state, me) ? INPUT.FIRE : 0;
  if (flee !== null) return moveAlong(me, flee) | fire;
  const paths = shortestPaths(state.maze, cellOf(state.maze, me));
  const enemy = nearestEnemy(state.maze, paths, me, state.tanks);
  if (!enemy) return fire;
  const aim = aimAngle(state, me, enemy.tank, enemy.dist);
  // A shot lines up: turn to it on the spot (moving would spoil the line).
  if (aim !== null) return turnToward(me, aim) | fire;
  const way = nextWaypoint(state.maze, paths, enemy.tank);
  return driveToward(me, way.x, way.y) | fire;
}

/** Whether to press FIRE now: able to, not hesitating, and the ghost shell hits an enemy first. */
function wantsToFire(state: SimState, me: Tank): boolean {
  if (me.fireHeld || me.cooldown > 0) return false;
  let live = 0;
  for (const s of state.shells) if (s.owner === me.slot) live++;
  if (live >= MAX_SHELLS_PER_TANK || hesitates(state, me.slot)) return false;
  const hit = traceShot(state, me.slot, me.angle);
  return hit >= 0 && hit !== me.slot;
}

/** About one quarter-second window in four, the bot holds its fire. */
function hesitates(state: SimState, slot: number): boolean {
  let h = Math.imul((state.frame >> 4) ^ Math.imul(slot + 1, 0x9e3779b1), 0x85ebca6b) ^ state.rng;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) & 3) === 0;
}

/**
 * The angle to aim at `target`: direct if a ghost shell gets there, else a working bounce, else
 * null. Only angles the tank can reach exactly (its heading plus whole turn steps) are tried: a
 * bounce shot that is right at one angle often misses a few steps off.
 */
function aimAngle(state: SimState, me: Tank, target: Tank, pathCells: number): number | null {
  const lines = [directLine(me, target)];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Bounce;
    const k = Math.round(angleDiff(me.angle, line.angle) / TANK_TURN);
    for (const dk of [0, -1, 1]) {
      const angle = normAngle(me.angle + (k + dk) * TANK_TURN);
      if (traceShot(state, me.slot, angle, framesFor(line.cost), i === 0 ? 0 : 1) === target.slot) return angle;
    }
    if (i === 0 && pathCells <= BOUNCE_RANGE) lines.push(...bounceAngles(state, me, target, BOUNCE_CANDIDATES));
  }
  return null;
}
