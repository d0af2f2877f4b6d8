import { describe, expect, it } from 'vitest';
import { ANGLE_STEPS, TRIG_ONE } from '../../../game/sim/constants';
import { angleDiff, atan2Int, cosInt, divTrunc, isqrt, normAngle, sinInt } from '../../../game/sim/fixed-point';
import { QUARTER_SINE } from '../../../game/sim/trig-table';

describe('integer trig table', () => {
  it('has exact values at the quarter turns', () => {
    expect([sinInt(0), sinInt(1024), sinInt(2048), sinInt(3072)]).toEqual([0, TRIG_ONE, 0, -TRIG_ONE]);
    expect([cosInt(0), cosInt(1024), cosInt(2048), cosInt(3072)]).toEqual([TRIG_ONE, 0, -TRIG_ONE, 0]);
  });

  it('rises strictly over the first quarter', () => {
    for (let i = 1; i < QUARTER_SINE.length; i++) {
      expect(QUARTER_SINE[i] as number).toBeGreaterThanOrEqual(QUARTER_SINE[i - 1] as number);
    }
    expect(QUARTER_SINE.length).toBe(ANGLE_STEPS / 4 + 1);
  });

  it('keeps sin^2 + cos^2 within rounding of one at every angle', () => {
    for (let a = 0; a < ANGLE_STEPS; a++) {
      const r2 = sinInt(a) ** 2 + cosInt(a) ** 2;
      expect(Math.abs(r2 - TRIG_ONE * TRIG_ONE)).toBeLessThan(2 * TRIG_ONE);
    }
  });

  it('is odd and periodic: sin(-a) = -sin(a), sin(a + turn) = sin(a)', () => {
    for (let a = -5000; a < 5000; a += 7) {
      expect(sinInt(-a)).toBe(0 - sinInt(a));
      expect(sinInt(a + ANGLE_STEPS)).toBe(sinInt(a));
    }
  });

  it('agrees with Math.sin to within one table unit (checked here, never computed at run time)', () => {
    for (let a = 0; a < ANGLE_STEPS; a += 3) {
      expect(Math.abs(sinInt(a) - Math.sin((a * 2 * Math.PI) / ANGLE_STEPS) * TRIG_ONE)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });
});

describe('integer helpers', () => {
  it('isqrt is the exact floor square root', () => {
    for (const n of [0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 2 ** 31, 2 ** 40 + 12345, 2 ** 52 - 1]) {
      const r = isqrt(n);
      expect(r * r).toBeLessThanOrEqual(n);
      expect((r + 1) * (r + 1)).toBeGreaterThan(n);
    }
    for (let n = 0; n < 5000; n++) expect(isqrt(n)).toBe(Math.floor(Math.sqrt(n)));
  });

  it('isqrt throws on a negative or fractional argument (a programmer error)', () => {
    expect(() => isqrt(-1)).toThrow(RangeError);
    expect(() => isqrt(2.5)).toThrow(RangeError);
  });

  it('atan2Int inverts sin/cos to within one step in every quadrant', () => {
    for (let a = 0; a < ANGLE_STEPS; a += 5) {
      const back = atan2Int(sinInt(a) * 10, cosInt(a) * 10);
      expect(Math.abs(angleDiff(a, back))).toBeLessThanOrEqual(1);
    }
    expect(atan2Int(0, 0)).toBe(0);
  });

  it('normAngle wraps into [0, ANGLE_STEPS) and angleDiff takes the short way round', () => {
    expect(normAngle(-1)).toBe(ANGLE_STEPS - 1);
    expect(normAngle(ANGLE_STEPS * 3 + 5)).toBe(5);
    expect(angleDiff(4000, 100)).toBe(196);
    expect(angleDiff(100, 4000)).toBe(-196);
  });

  it('divTrunc truncates toward zero on both signs', () => {
    expect(divTrunc(7, 2)).toBe(3);
    expect(divTrunc(-7, 2)).toBe(-3);
    expect(Object.is(divTrunc(-1, 2), 0)).toBe(true);
  });
});
