import { describe, expect, it } from 'vitest';
import { ANGLE_STEPS, SCALE } from '../../../game/sim/constants';
import type { SimState, Tank } from '../../../game/sim/types';
import { cssToTint } from '../../../game/view/colour';
import { lerpAngle, shellPoses, tankPoses } from '../../../game/view/interpolate';
import { arenaSize, wallRects } from '../../../game/view/maze-geometry';

const tank = (x: number, y: number, angle: number): Tank => ({ slot: 0, x, y, angle, alive: true, present: true, cooldown: 0, fireHeld: false });
const state = (tanks: Tank[], shells: SimState['shells'] = []): SimState => ({ tanks, shells }) as unknown as SimState;

describe('interpolation', () => {
  it('blends tank positions between the previous and current frame, in pixels', () => {
    const [pose] = tankPoses(state([tank(0, 0, 0)]), state([tank(100 * 2, 100, 0)]), 0.5);
    expect(pose?.x).toBeCloseTo(200 / 2 / SCALE, 6);
    expect(pose?.y).toBeCloseTo(50 / SCALE, 6);
  });
  it('turns the short way round across angle 0', () => {
    expect(lerpAngle(ANGLE_STEPS - 10, 10, 0.5)).toBeCloseTo(ANGLE_STEPS, 6);
    expect(lerpAngle(10, ANGLE_STEPS - 10, 0.5)).toBeCloseTo(0, 6);
  });
  it('does not slide a tank that respawned far away', () => {
    const [pose] = tankPoses(state([tank(0, 0, 0)]), state([tank(300 * SCALE, 0, 0)]), 0.25);
    expect(pose?.x).toBe(300);
  });
  it('draws a new shell where it is and an old one in between', () => {
    const prev = state([], [{ id: 1, owner: 0, x: 0, y: 0, vx: 0, vy: 0, age: 1, bounces: 0 }]);
    const curr = state([], [{ id: 1, owner: 0, x: SCALE * 2, y: 0, vx: 0, vy: 0, age: 2, bounces: 0 }, { id: 2, owner: 1, x: SCALE * 5, y: SCALE, vx: 0, vy: 0, age: 0, bounces: 0 }]);
    expect(shellPoses(prev, curr, 0.5)).toEqual([{ id: 1, owner: 0, x: 1, y: 0 }, { id: 2, owner: 1, x: 5, y: 1 }]);
  });
});

describe('maze geometry', () => {
  it('draws the border and every inner wall of the maze', () => {
    const maze = { cols: 2, rows: 2, east: [1, 0, 0, 0], south: [0, 1, 0, 0] };
    expect(arenaSize(maze)).toEqual({ width: 128, height: 128 });
    const walls = wallRects(maze);
    expect(walls).toHaveLength(6);
    expect(walls[4]).toEqual({ x: 62, y: -2, w: 4, h: 68 }); // east wall of cell (0,0)
    expect(walls[5]).toEqual({ x: 62, y: 62, w: 68, h: 4 }); // south wall of cell (1,0)
  });
});

describe('colours', () => {
  it('turns CSS hex into a Phaser tint', () => {
    expect(cssToTint('#E69F00')).toBe(0xe69f00);
    expect(cssToTint('nonsense')).toBe(0xffffff);
  });
});
