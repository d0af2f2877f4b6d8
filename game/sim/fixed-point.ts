/**
 * Integer math that gives the same bits on every JavaScript engine: trig from a committed table,
 * an integer square root (Newton's method on integers), an integer atan2 (binary search over the
 * same table) and truncating division. Every value stays well under 2^53, so plain numbers are exact.
 */
import { ANGLE_STEPS, TRIG_ONE } from './constants';
import { QUARTER_SINE } from './trig-table';

const QUARTER = ANGLE_STEPS / 4;

/** Wraps any integer angle into [0, ANGLE_STEPS). */
export function normAngle(angle: number): number {
  return ((angle % ANGLE_STEPS) + ANGLE_STEPS) % ANGLE_STEPS;
}

/** sin(angle) * TRIG_ONE, from the table: exact and identical everywhere. */
export function sinInt(angle: number): number {
  const a = normAngle(angle);
  const quadrant = (a / QUARTER) | 0;
  const i = a - quadrant * QUARTER;
  switch (quadrant) {
    case 0: return QUARTER_SINE[i] as number;
    case 1: return QUARTER_SINE[QUARTER - i] as number;
    case 2: return 0 - (QUARTER_SINE[i] as number); // 0 - x, never -0
    default: return 0 - (QUARTER_SINE[QUARTER - i] as number);
  }
}

/** cos(angle) * TRIG_ONE. */
export function cosInt(angle: number): number {
  return sinInt(angle + QUARTER);
}

/** `a / b` truncated toward zero; `b` must not be 0. Never -0 (`+ 0` turns -0 into 0). */
export function divTrunc(a: number, b: number): number {
  return Math.trunc(a / b) + 0;
}

/** floor(sqrt(n)) for an integer 0 <= n < 2^53, by integer Newton iteration. */
export function isqrt(n: number): number {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError(`isqrt needs a non-negative integer, got ${n}`);
  if (n < 2) return n;
  // Start above the root (a power of two), then Newton's iterates decrease monotonically to it.
  let x = 1;
  while (x * x <= n) x *= 2;
  for (;;) {
    const next = Math.floor((x + Math.floor(n / x)) / 2);
    if (next >= x) return x;
    x = next;
  }
}

/** The integer angle of the vector (dx, dy), within one step of the true one; 0 for (0, 0). */
export function atan2Int(dy: number, dx: number): number {
  if (dx === 0 && dy === 0) return 0;
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  // Binary search over the first quadrant for the first angle whose direction has passed
  // (ax, ay): sin(a) * ax >= cos(a) * ay is monotonic there. Then mirror into the right quadrant.
  let lo = 0;
  let hi = QUARTER;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = QUARTER_SINE[mid] as number;
    const c = QUARTER_SINE[QUARTER - mid] as number;
    if (s * ax >= c * ay) hi = mid;
    else lo = mid + 1;
  }
  const a = lo;
  if (dx >= 0 && dy >= 0) return normAngle(a);
  if (dx < 0 && dy >= 0) return normAngle(2 * QUARTER - a);
  if (dx < 0) return normAngle(2 * QUARTER + a);
  return normAngle(4 * QUARTER - a);
}

/** Signed shortest turn from angle `from` to angle `to`, in (-ANGLE_STEPS/2, ANGLE_STEPS/2]. */
export function angleDiff(from: number, to: number): number {
  let d = normAngle(to - from);
  if (d > ANGLE_STEPS / 2) d -= ANGLE_STEPS;
  return d;
}

/** The unit vector of `angle`, scaled to `length` units (truncated). */
export function polar(angle: number, length: number): { x: number; y: number } {
  return { x: divTrunc(cosInt(angle) * length, TRIG_ONE), y: divTrunc(sinInt(angle) * length, TRIG_ONE) };
}
