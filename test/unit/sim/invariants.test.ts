import { describe, expect, it } from 'vitest';
import { CELL, SCALE, SHELL_RADIUS, TANK_RADIUS } from '../../../game/sim/constants';
import { isqrt } from '../../../game/sim/fixed-point';
import { pointInRects, wallRectsNear } from '../../../game/sim/geometry';
import { initialState } from '../../../game/sim/initial-state';
import { randInt, seedRng } from '../../../game/sim/prng';
import { step } from '../../../game/sim/step';
import type { SimState } from '../../../game/sim/types';

/** How deep (units) a tank's circle reaches into the nearest wall; 0 if it touches none. */
function wallOverlap(s: SimState, x: number, y: number): number {
  const rects = wallRectsNear(s.maze, x, y, CELL);
  let worst = 0;
  for (let k = 0; k < rects.length; k += 4) {
    const qx = Math.min(Math.max(x, rects[k]!), rects[k + 2]!);
    const qy = Math.min(Math.max(y, rects[k + 1]!), rects[k + 3]!);
    const d = isqrt((x - qx) ** 2 + (y - qy) ** 2);
    worst = Math.max(worst, TANK_RADIUS - d);
  }
  return worst;
}

describe('invariants over long random play', () => {
  it('no tank ever sinks into a wall, no shell is ever inside one, everything stays in the arena', () => {
    const rng = { state: seedRng(31337) };
    let s = initialState({ seed: 5, players: Array.from({ length: 6 }, (_, i) => ({ name: `p${i}` })) });
    const held = [0, 0, 0, 0, 0, 0];
    const problems: string[] = [];
    for (let f = 0; f < 4000 && problems.length < 5; f++) {
      s = step(s, held.map((v, i) => (held[i] = randInt(rng, 6) === 0 ? randInt(rng, 32) : v)));
      const w = s.maze.cols * CELL;
      const h = s.maze.rows * CELL;
      for (const t of s.tanks) {
        if (!t.alive) continue;
        if (wallOverlap(s, t.x, t.y) > SCALE) problems.push(`frame ${s.frame}: tank ${t.slot} in a wall`);
        if (t.x < 0 || t.y < 0 || t.x > w || t.y > h) problems.push(`frame ${s.frame}: tank ${t.slot} out`);
      }
      for (const sh of s.shells) {
        if (pointInRects(wallRectsNear(s.maze, sh.x, sh.y, CELL), sh.x, sh.y, SHELL_RADIUS)) {
          problems.push(`frame ${s.frame}: shell ${sh.id} in a wall`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(s.round).toBeGreaterThan(1);
    // The checks themselves see a tank centred on the border, and a shell in it.
    expect(wallOverlap(s, 0, CELL)).toBeGreaterThan(SCALE);
    expect(pointInRects(wallRectsNear(s.maze, 0, CELL, CELL), 0, CELL, SHELL_RADIUS)).toBe(true);
  });
});
