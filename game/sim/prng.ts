/**
 * mulberry32: a tiny, fast PRNG over a uint32 state that lives in the sim state. Pure functions: the
 * state goes in, the value and the next state come out, so nothing hides between frames.
 */

/** The uint32 state to start a PRNG from any integer seed. */
export function seedRng(seed: number): number {
  // Mix the seed once so that seeds 0, 1, 2... start far apart.
  let t = (seed ^ 0x9e3779b9) >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
  t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
  return (t ^ (t >>> 16)) >>> 0;
}

/** One draw: a uint32 value and the next state. */
export function nextRng(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: (t ^ (t >>> 14)) >>> 0, state: next };
}

/**
 * A cursor over the PRNG for one computation (a maze, a round): draws advance `state`, which the
 * caller writes back into the sim state afterwards.
 */
export interface RngCursor {
  state: number;
}

/** A uniform integer in [0, n) (n >= 1); the modulo bias is negligible for the small n used here. */
export function randInt(cursor: RngCursor, n: number): number {
  if (!(n >= 1)) throw new RangeError(`randInt needs n >= 1, got ${n}`);
  const { value, state } = nextRng(cursor.state);
  cursor.state = state;
  return value % n;
}
