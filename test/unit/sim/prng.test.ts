import { describe, expect, it } from 'vitest';
import { nextRng, randInt, seedRng } from '../../../game/sim/prng';

describe('mulberry32 PRNG in the state', () => {
  it('gives the same sequence for the same seed', () => {
    const draw = (seed: number) => {
      const c = { state: seedRng(seed) };
      return Array.from({ length: 20 }, () => randInt(c, 1000));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('is a pure function of its uint32 state', () => {
    const s = seedRng(123);
    expect(nextRng(s)).toEqual(nextRng(s));
    const { value, state } = nextRng(s);
    expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    expect(state >>> 0).toBe(state);
  });

  it('randInt stays in [0, n) and covers every value about evenly', () => {
    const c = { state: seedRng(99) };
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 6000; i++) {
      const v = randInt(c, 6);
      counts[v] = (counts[v] as number) + 1;
    }
    for (const n of counts) expect(n).toBeGreaterThan(850);
    expect(() => randInt(c, 0)).toThrow(RangeError);
  });
});
