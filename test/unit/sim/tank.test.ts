import { describe, expect, it } from 'vitest';
import { CELL, TANK_RADIUS, TANK_SPEED, TANK_TURN, TRIG_ONE, WALL_HALF } from '../../../game/sim/constants';
import { divTrunc, isqrt, sinInt } from '../../../game/sim/fixed-point';
import { INPUT } from '../../../game/sim/input';
import { step } from '../../../game/sim/step';
import { cellCentre, openMaze, sandbox } from '../../fixtures/sim-states';
import type { Maze, SimState } from '../../../game/sim/types';

function run(s: SimState, inputs: number[], frames: number): SimState {
  let out = s;
  for (let f = 0; f < frames; f++) out = step(out, inputs);
  return out;
}

describe('tank driving', () => {
  it('drives forward along its heading and turns by TANK_TURN per frame', () => {
    const start = cellCentre(2, 2);
    const s = sandbox({ players: 2, tanks: [{ ...start, angle: 0 }, cellCentre(8, 5)] });
    const moved = step(s, [INPUT.FORWARD, 0]);
    expect(moved.tanks[0]).toMatchObject({ x: start.x + TANK_SPEED, y: start.y, angle: 0 });
    const turned = step(s, [INPUT.RIGHT, 0]);
    expect(turned.tanks[0]).toMatchObject({ x: start.x, angle: TANK_TURN });
    expect(step(s, [INPUT.LEFT, 0]).tanks[0]!.angle).toBe(4096 - TANK_TURN);
    expect(step(s, [INPUT.BACK, 0]).tanks[0]!.x).toBeLessThan(start.x);
  });

  it('stops at a wall: never overlaps it however long it drives into it', () => {
    const s = sandbox({ players: 2, tanks: [{ ...cellCentre(7, 3), angle: 0 }, cellCentre(0, 0)] });
    const after = run(s, [INPUT.FORWARD, 0], 120);
    expect(after.tanks[0]!.x + TANK_RADIUS).toBeLessThanOrEqual(9 * CELL - WALL_HALF);
    expect(after.tanks[0]!.x + TANK_RADIUS).toBeGreaterThan(9 * CELL - WALL_HALF - TANK_SPEED);
  });

  it('slides along a wall it meets at a slant', () => {
    const start = { x: 9 * CELL - WALL_HALF - TANK_RADIUS - 10, y: 3 * CELL, angle: 4096 - 300 };
    const s = sandbox({ players: 2, tanks: [start, cellCentre(0, 0)] });
    const after = run(s, [INPUT.FORWARD, 0], 30);
    expect(after.tanks[0]!.x + TANK_RADIUS).toBeLessThanOrEqual(9 * CELL - WALL_HALF);
    // It keeps the along-the-wall part of its motion: about sin(angle) * speed per frame.
    const along = -divTrunc(sinInt(start.angle) * TANK_SPEED, TRIG_ONE);
    expect(Math.abs(start.y - after.tanks[0]!.y - 30 * along)).toBeLessThanOrEqual(30);
  });

  it('cannot pass an interior wall between two cells', () => {
    const walled: Maze = { ...openMaze(9, 6), east: openMaze(9, 6).east.map((_, i) => (i % 9 === 3 ? 1 : 0)) };
    const s = sandbox({ players: 2, maze: walled, tanks: [{ ...cellCentre(3, 2), angle: 0 }, cellCentre(0, 0)] });
    const after = run(s, [INPUT.FORWARD, 0], 200);
    expect(after.tanks[0]!.x).toBeLessThan(4 * CELL - WALL_HALF - TANK_RADIUS + 1);
  });

  it('pushes overlapping tanks apart so that they never overlap', () => {
    const a = cellCentre(3, 2);
    const s = sandbox({ players: 2, tanks: [{ ...a, angle: 0 }, { x: a.x + 3 * TANK_RADIUS, y: a.y, angle: 2048 }] });
    const after = run(s, [INPUT.FORWARD, INPUT.FORWARD], 60);
    const [p, q] = [after.tanks[0]!, after.tanks[1]!];
    const d = isqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2);
    expect(d).toBeGreaterThanOrEqual(2 * TANK_RADIUS);
    expect(d).toBeLessThan(2 * TANK_RADIUS + 2 * TANK_SPEED);
    expect(p.alive && q.alive).toBe(true);
  });

  it('ignores the input of dead tanks and of bits outside the input mask', () => {
    const s = sandbox({ players: 2, tanks: [{ ...cellCentre(2, 2), alive: false }, cellCentre(8, 5)] });
    expect(step(s, [INPUT.FORWARD | INPUT.FIRE, 0]).tanks[0]).toBe(s.tanks[0]);
    const t = sandbox({ players: 2, tanks: [cellCentre(2, 2), cellCentre(8, 5)] });
    expect(step(t, [0xff00, 0]).tanks[0]).toEqual(t.tanks[0]);
  });
});
