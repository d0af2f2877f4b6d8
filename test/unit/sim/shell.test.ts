import { describe, expect, it } from 'vitest';
import {
  CELL, FIRE_COOLDOWN_FRAMES, MAX_SHELLS_PER_TANK, MUZZLE, SHELL_GRACE_FRAMES, SHELL_LIFE_FRAMES, SHELL_RADIUS,
  SHELL_SPEED, TANK_RADIUS, WALL_HALF,
} from '../../../game/sim/constants';
import { generateMaze } from '../../../game/sim/maze';
import { seedRng } from '../../../game/sim/prng';
import { fireShell, flyShell } from '../../../game/sim/shell';
import { step } from '../../../game/sim/step';
import { pointInRects, wallRectsNear } from '../../../game/sim/geometry';
import { cellCentre, openMaze, sandbox } from '../../fixtures/sim-states';
import { INPUT } from '../../../game/sim/input';
import type { Shell, SimEvent } from '../../../game/sim/types';

const maze = openMaze(9, 6);
const RIGHT_WALL = 9 * CELL - WALL_HALF;
const BOTTOM_WALL = 6 * CELL - WALL_HALF;
const shell = (s: Partial<Shell>): Shell => ({ id: 1, owner: 0, x: 0, y: 0, vx: 0, vy: 0, age: 10, bounces: 0, ...s });

function flyUntilBounce(start: Shell): { shell: Shell; events: SimEvent[] } {
  let s = start;
  for (let f = 0; f < 200; f++) {
    const events: SimEvent[] = [];
    s = flyShell(s, maze, events) as Shell;
    if (events.length > 0) return { shell: s, events };
  }
  throw new Error('never bounced');
}

describe('shell ricochet', () => {
  it('leaves a vertical wall at the angle it came in (vx flips, vy kept)', () => {
    const { shell: out, events } = flyUntilBounce(shell({ x: RIGHT_WALL - 3000, y: 3 * CELL, vx: 400, vy: 300 }));
    expect([out.vx, out.vy]).toEqual([-400, 300]);
    expect(events[0]).toMatchObject({ type: 'bounce', shell: 1, owner: 0 });
    expect(out.x + SHELL_RADIUS).toBeLessThanOrEqual(RIGHT_WALL);
  });

  it('counts its bounces, and a kill reports how many the fatal shell made', () => {
    const { shell: once } = flyUntilBounce(shell({ x: RIGHT_WALL - 3000, y: 3 * CELL, vx: 400, vy: 300, bounces: 2 }));
    expect(once.bounces).toBe(3);
    const target = cellCentre(5, 2);
    const s0 = sandbox({
      players: 2,
      tanks: [cellCentre(1, 1), target],
      shells: [{ owner: 0, x: target.x - TANK_RADIUS - SHELL_RADIUS - 200, y: target.y, vx: SHELL_SPEED, vy: 0, bounces: 4 }],
    });
    expect(step(s0, [0, 0]).events).toContainEqual(expect.objectContaining({ type: 'explode', slot: 1, by: 0, bounces: 4 }));
  });

  it('leaves a horizontal wall at the angle it came in (vy flips, vx kept)', () => {
    const { shell: out } = flyUntilBounce(shell({ x: 4 * CELL, y: BOTTOM_WALL - 3000, vx: -250, vy: 500 }));
    expect([out.vx, out.vy]).toEqual([-250, -500]);
  });

  it('comes straight back out of a corner it meets on both axes', () => {
    const { shell: out } = flyUntilBounce(shell({ x: RIGHT_WALL - 3000, y: BOTTOM_WALL - 3000, vx: 400, vy: 400 }));
    expect([out.vx, out.vy]).toEqual([-400, -400]);
  });

  it('keeps its speed through bounces', () => {
    let s = shell({ x: 2 * CELL, y: 2 * CELL, vx: 452, vy: -452 });
    for (let f = 0; f < 400; f++) s = flyShell(s, maze, []) as Shell;
    expect([Math.abs(s.vx), Math.abs(s.vy)]).toEqual([452, 452]);
  });

  it('never tunnels: over many frames in real mazes it is never inside a wall', () => {
    const bad: number[][] = [];
    for (let seed = 0; seed < 20; seed++) {
      const m = generateMaze({ state: seedRng(seed) }, 9, 6);
      const { x, y } = cellCentre(seed % 9, seed % 6);
      let s = shell({ x, y, vx: ((seed * 97) % 600) - 300, vy: 0 });
      s = { ...s, vy: (s.vx >= 0 ? 1 : -1) * (SHELL_SPEED - Math.abs(s.vx)) };
      for (let f = 0; f < 500; f++) {
        s = flyShell({ ...s, age: 1 }, m, []) as Shell;
        const inWall = pointInRects(wallRectsNear(m, s.x, s.y, CELL), s.x, s.y, SHELL_RADIUS);
        if (inWall || !(s.x > 0 && s.x < 9 * CELL && s.y > 0 && s.y < 6 * CELL)) bad.push([seed, f, s.x, s.y]);
      }
    }
    expect(bad).toEqual([]);
  });

  it('expires after SHELL_LIFE_FRAMES', () => {
    expect(flyShell(shell({ x: CELL, y: CELL, age: SHELL_LIFE_FRAMES - 2 }), maze, [])).not.toBeNull();
    expect(flyShell(shell({ x: CELL, y: CELL, age: SHELL_LIFE_FRAMES - 1 }), maze, [])).toBeNull();
  });

  it('is fired from past the muzzle, outside its own tank', () => {
    const { x, y } = cellCentre(4, 3);
    const s = fireShell({ slot: 2, x, y, angle: 0, alive: true, present: true, cooldown: 0, fireHeld: false }, 9, maze);
    expect(s).toMatchObject({ id: 9, owner: 2, vx: SHELL_SPEED, vy: 0, age: 0, y });
    expect(s.x - x).toBeGreaterThanOrEqual(MUZZLE);
    expect(s.x - x).toBeGreaterThan(TANK_RADIUS + SHELL_RADIUS);
  });
});

describe('firing', () => {
  const centre = cellCentre(2, 2);
  const alone = () => sandbox({ players: 2, tanks: [{ ...centre, angle: 0 }, cellCentre(8, 5)] });

  it('fires once per press, then waits for the cooldown and a release', () => {
    let s = step(alone(), [INPUT.FIRE, 0]);
    expect(s.shells).toHaveLength(1);
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'fire', slot: 0 }));
    for (let f = 0; f < FIRE_COOLDOWN_FRAMES + 2; f++) s = step(s, [INPUT.FIRE, 0]);
    expect(s.shells).toHaveLength(1);
    s = step(s, [0, 0]);
    s = step(s, [INPUT.FIRE, 0]);
    expect(s.shells).toHaveLength(2);
  });

  it(`allows at most ${MAX_SHELLS_PER_TANK} live shells per tank`, () => {
    let s = alone();
    for (let f = 0; f < 200; f++) s = step(s, [f % 2 === 0 ? INPUT.FIRE | INPUT.LEFT : INPUT.LEFT, 0]);
    expect(s.shells.filter((sh) => sh.owner === 0).length).toBe(MAX_SHELLS_PER_TANK);
  });
});

describe('shell hits', () => {
  it('destroys the tank it touches and is spent', () => {
    const target = cellCentre(5, 2);
    const s0 = sandbox({
      players: 2,
      tanks: [cellCentre(1, 1), target],
      shells: [{ owner: 0, x: target.x - TANK_RADIUS - SHELL_RADIUS - 200, y: target.y, vx: SHELL_SPEED, vy: 0 }],
    });
    const s1 = step(s0, [0, 0]);
    expect(s1.tanks[1]!.alive).toBe(false);
    expect(s1.shells).toHaveLength(0);
    expect(s1.events).toContainEqual({ type: 'explode', slot: 1, by: 0, shell: 1, bounces: 0, x: target.x, y: target.y });
  });

  it('spares its own tank during the grace frames, then kills it like any other', () => {
    const me = cellCentre(3, 3);
    const near = { owner: 0, x: me.x, y: me.y - TANK_RADIUS, vx: 0, vy: 0 };
    const young = sandbox({ players: 2, tanks: [me, cellCentre(8, 5)], shells: [{ ...near, age: 0 }] });
    expect(step(young, [0, 0]).tanks[0]!.alive).toBe(true);
    const old = sandbox({ players: 2, tanks: [me, cellCentre(8, 5)], shells: [{ ...near, age: SHELL_GRACE_FRAMES }] });
    const after = step(old, [0, 0]);
    expect(after.tanks[0]!.alive).toBe(false);
    expect(after.events).toContainEqual(expect.objectContaining({ type: 'explode', slot: 0, by: 0 }));
  });

  it('a shell fired point-blank at a wall comes back and kills its shooter', () => {
    const me = { x: 9 * CELL - WALL_HALF - TANK_RADIUS - 300, y: 3 * CELL, angle: 0 };
    let s = step(sandbox({ players: 2, tanks: [me, cellCentre(0, 0)] }), [INPUT.FIRE, 0]);
    for (let f = 0; f < 30 && s.tanks[0]!.alive; f++) s = step(s, [0, 0]);
    expect(s.tanks[0]!.alive).toBe(false);
  });
});
