/**
 * A deterministic bot: `botInput(state, slot, level)` is a pure function of the sim state (and
 * its level, a table of numbers in levels.ts), so a bot's inputs can be computed on its owner's
 * page and replayed anywhere. Each frame, in order:
 * 1. dodge a shell about to hit it (a little: no bounce prediction);
 * 2. fire if a ghost shell fired along its barrel now would reach an enemy before itself;
 * 3. aim at the nearest enemy, directly if in sight, else off one wall if a bounce line works;
 * 4. otherwise drive along the maze's shortest path toward that enemy.
 * To stay beatable it hesitates: for some quarter-second windows it holds fire (drawn from a hash
 * of the frame window, slot and round PRNG state, never from the PRNG itself). Lower levels also
 * miss some shells coming and see a new shot only some frames of each 16.
 */
import { MAX_SHELLS_PER_TANK, TANK_TURN } from '../sim';
import { angleDiff, normAngle } from '../sim';
import { INPUT } from '../sim';
import type { SimState, Tank } from '../sim';
import { bounceAngles, directLine, framesFor, traceShot } from './aim';
import type { Bounce } from './aim';
import { dodgeAngle } from './dodge';
import { BOT_TUNING, type BotLevel, type BotTuning } from './levels';
import { shortestPaths } from '../sim';
import { cellOf, nearestEnemy, nextWaypoint } from './navigate';
import { driveToward, moveAlong, turnToward } from './steer';

/**
 * The input bitmask the bot playing `slot` presses this frame (0 when its tank is out). `level`
 * defaults to `normal`, the bot as it played before there were levels.
 */
export function botInput(state: SimState, slot: number, level: BotLevel = 'normal'): number {
  const me = state.tanks[slot];
  if (!me || !me.alive || !me.present || state.phase === 'match-over') return 0;
  const tuning = BOT_TUNING[level];
  const flee = inWindow(state, slot, 0x51ed27, tuning.dodgeWindows) ? dodgeAngle(me, state.shells, tuning.dodgeHorizon) : null;
  const fire = wantsToFire(state, me, tuning) ? INPUT.FIRE : 0;
  if (flee !== null) return moveAlong(me, flee) | fire;
  const paths = shortestPaths(state.maze, cellOf(state.maze, me));
  const enemy = nearestEnemy(state.maze, paths, me, state.tanks);
  if (!enemy) return fire;
  const reacts = (state.frame & 15) < tuning.reactFrames;
  const aim = reacts ? aimAngle(state, me, enemy.tank, enemy.dist, tuning) : null;
  // A shot lines up: turn to it on the spot (moving would spoil the line).
  if (aim !== null) return turnToward(me, aim) | fire;
  const way = nextWaypoint(state.maze, paths, enemy.tank);
  return driveToward(me, way.x, way.y) | fire;
}

/** Whether to press FIRE now: able to, not hesitating, and the ghost shell hits an enemy first. */
function wantsToFire(state: SimState, me: Tank, tuning: BotTuning): boolean {
  if (me.fireHeld || me.cooldown > 0) return false;
  let live = 0;
  for (const s of state.shells) if (s.owner === me.slot) live++;
  if (live >= MAX_SHELLS_PER_TANK || inWindow(state, me.slot, 0, tuning.hesitateWindows)) return false;
  const hit = traceShot(state, me.slot, me.angle);
  return hit >= 0 && hit !== me.slot;
}

/**
 * Whether this quarter-second window is one of `count` in 4 for `slot` (a hash of the window, the
 * slot, `salt` and the round's PRNG state; never a draw from the PRNG itself). With salt 0 and a
 * count of 1 it is the normal bot's hesitation, as it always was.
 */
function inWindow(state: SimState, slot: number, salt: number, count: number): boolean {
  if (count >= 4) return true;
  let h = Math.imul((state.frame >> 4) ^ Math.imul(slot + 1, 0x9e3779b1) ^ salt, 0x85ebca6b) ^ state.rng;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) & 3) < count;
}

/**
 * The angle to aim at `target`: direct if a ghost shell gets there, else a working bounce, else
 * null. Only angles the tank can reach exactly (its heading plus whole turn steps) are tried: a
 * bounce shot that is right at one angle often misses a few steps off.
 */
function aimAngle(state: SimState, me: Tank, target: Tank, pathCells: number, tuning: BotTuning): number | null {
  const lines = [directLine(me, target)];
  const steps = tuning.aimSteps > 0 ? [0, -1, 1] : [0];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Bounce;
    const k = Math.round(angleDiff(me.angle, line.angle) / TANK_TURN);
    for (const dk of steps) {
      const angle = normAngle(me.angle + (k + dk) * TANK_TURN);
      if (traceShot(state, me.slot, angle, framesFor(line.cost), i === 0 ? 0 : 1) === target.slot) return angle;
    }
    if (i === 0 && pathCells <= tuning.bounceRange && tuning.bounceCandidates > 0) {
      lines.push(...bounceAngles(state, me, target, tuning.bounceCandidates));
    }
  }
  return null;
}
